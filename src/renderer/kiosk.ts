import type { KioskApi } from '../shared/kiosk-api';

declare global {
  interface Window {
    /** Only in the Electron kiosk window (set by its preload). */
    kiosk?: KioskApi;
  }
}

/** The kiosk window's preload API (`src/shared/kiosk-api.ts`); undefined in every remote browser. */
export const kiosk: KioskApi | undefined = window.kiosk;

/** In the kiosk, a touch must never select text or open a context menu. */
export function applyKioskComfort(): void {
  if (!kiosk?.isKiosk) return;
  document.documentElement.classList.add('kiosk');
  document.addEventListener('contextmenu', (e) => e.preventDefault());
}
