import type { DisplayPowerState, QuitResult, ShareInfo } from './ipc';

export type { DisplayPowerState, QuitResult, ShareInfo };

/**
 * `window.kiosk`, mapped by the preload (`src/preload/index.ts`): what the kiosk window's page gets beyond
 * HTTP + SSE. Present only in the Electron kiosk window; in a remote browser `window.kiosk` is undefined, so the dashboard feature-tests it:
 *
 * ```ts
 * if (window.kiosk) { const { qr, urls } = await window.kiosk.share(); }
 * ```
 */
export interface KioskApi {
  /** Always true: the page runs inside the kiosk window. */
  readonly isKiosk: true;
  /** The app version (package.json), e.g. `0.1.0`. */
  readonly version: string;
  /**
   * Leave the kiosk for the desktop. Resolves `{ ok: true }` just before the app quits, or
   * `{ ok: false, error }` for a wrong PIN, a lock-out after repeated failures, or when no PIN is configured.
   */
  quit(pin: string): Promise<QuitResult>;
  /** Display power: state, switch, and changes (e.g. to show a "touch to wake" hint). */
  display: {
    state(): Promise<DisplayPowerState>;
    set(state: 'on' | 'off'): Promise<DisplayPowerState>;
    /** Calls `listener` on every change; returns the function that unsubscribes. */
    onChange(listener: (state: DisplayPowerState) => void): () => void;
  };
  /** LAN URLs of this dashboard and a QR code (data URL, use as `<img src>`) of the first one. */
  share(): Promise<ShareInfo>;
}
