import type { KioskApi } from '../preload/api';

/** The kiosk window's preload API (`src/preload/api.ts`); undefined in every remote browser. */
export const kiosk: KioskApi | undefined = window.kiosk;

/** In the kiosk, a touch must never select text or open a context menu. */
export function applyKioskComfort(): void {
  if (!kiosk?.isKiosk) return;
  document.documentElement.classList.add('kiosk');
  document.addEventListener('contextmenu', (e) => e.preventDefault());
}
