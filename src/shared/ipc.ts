/**
 * Every IPC channel between the kiosk window's preload and the Electron main process.
 * The preload maps exactly these; main registers exactly these and drops messages from any other sender.
 * Remote browsers never see them: they talk HTTP + SSE only.
 */
export enum IpcChannel {
  /** invoke(pin: string) → `QuitResult`: leave the kiosk for the desktop when the PIN is right. */
  Quit = 'kiosk:quit',
  /** invoke → `DisplayPowerState`. */
  DisplayGet = 'kiosk:display-get',
  /** invoke(state: 'on' | 'off') → `DisplayPowerState`: switch the display now. */
  DisplaySet = 'kiosk:display-set',
  /** main → preload (send): the display power state changed. */
  DisplayChanged = 'kiosk:display-changed',
  /** preload → main (send): the screen was touched or clicked; resets the idle timer and wakes the display. */
  Activity = 'kiosk:activity',
  /** invoke → `ShareInfo`: LAN URLs of this dashboard and a QR code of the first one. */
  Share = 'kiosk:share',
}

/** Display power as the kiosk sees it: `off` = the panel is powered down, `dimmed` = the overlay fallback. */
export type DisplayPowerState = 'on' | 'off' | 'dimmed';

/** Answer to a quit request. `ok: false` says why in `error` (wrong PIN, locked out, no PIN configured). */
export type QuitResult = { ok: true } | { ok: false; error: string };

/** What the "open this dashboard elsewhere" panel shows. */
export interface ShareInfo {
  /** Dashboard URLs for other machines on the LAN; empty when the host has no LAN address. */
  urls: string[];
  /** `data:image/svg+xml;base64,…` QR code of `urls[0]`, or null when there is no URL. */
  qr: string | null;
}
