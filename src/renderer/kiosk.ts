/**
 * What the kiosk window's preload exposes as `window.kiosk`; absent in remote browsers.
 * A local, minimal view of `src/preload/api.ts` (written with the kiosk window): the dashboard
 * needs only these two fields and must work without them.
 */
export interface KioskInfo {
  readonly version: string;
  readonly isKiosk: boolean;
}

export const kiosk: KioskInfo | undefined = (globalThis as { kiosk?: KioskInfo }).kiosk;

/** In the kiosk, a touch must never select text or open a context menu. */
export function applyKioskComfort(): void {
  if (!kiosk?.isKiosk) return;
  document.documentElement.classList.add('kiosk');
  document.addEventListener('contextmenu', (e) => e.preventDefault());
}
