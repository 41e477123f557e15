import { BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import { isAppUrl } from './origin';
import { keepShowing } from './recovery';

const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';
// Covers everything and catches the waking touch; the preload swallows that touch as well.
const OVERLAY_CSS =
  'html::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; background: #000; opacity: 0.92; }';

/** Options of {@link createKioskWindow}. */
export interface KioskWindowOptions {
  /** The core's dashboard URL (`core.url`); its origin is the only one the window may show. */
  url: string;
  /** Absolute path of the built preload script. */
  preload: string;
  /** Hide the mouse cursor. Default false. */
  hideCursor?: boolean;
  /** Allow DevTools (development only). Default false. */
  devTools?: boolean;
  /** Delay before reloading after a crash or failed load, in ms. Default 2000. */
  reloadDelayMs?: number;
  /** Grace period for an unresponsive renderer before it is killed and reloaded, in ms. Default 10 000. */
  unresponsiveMs?: number;
  log: Logger;
}

/** The kiosk window and the few things main does to it. */
export interface KioskWindow {
  readonly win: BrowserWindow;
  /** Shows or hides the dimming overlay (display-power fallback). */
  setOverlay(on: boolean): Promise<void>;
  /** Sends a message to the preload, if the window still exists. */
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Opens the full-screen kiosk window on the core's dashboard. It shows itself when ready, refuses to leave the
 * app's origin or open windows, and brings itself back after a renderer crash, hang or failed load.
 */
export function createKioskWindow(opts: KioskWindowOptions): KioskWindow {
  const { log, reloadDelayMs = 2000, unresponsiveMs = 10_000 } = opts;
  const origin = new URL(opts.url).origin;
  // Written out here, not built elsewhere, so that electronegativity can see every web preference.
  const win = new BrowserWindow({
    show: false,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    webPreferences: {
      preload: opts.preload, // eng-disable PRELOAD_JS_CHECK: our own bundled, sandboxed preload (src/preload)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools ?? false,
      // Middle-click would open links in new windows (denied anyway); turn the event off altogether.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = win.webContents;
  // Only the two constant style sheets above are ever inserted; nothing from the page reaches this.
  const insertCss = (css: typeof HIDE_CURSOR_CSS | typeof OVERLAY_CSS) =>
    contents.insertCSS(css); /* eng-disable DANGEROUS_FUNCTIONS_JS_CHECK */
  let overlay = false;
  let overlayKey: string | null = null;
  win.once('ready-to-show', () => win.show());
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, origin)) return;
    event.preventDefault();
    log.warn({ url }, 'kiosk window: navigation off the app origin blocked');
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url, origin)) return;
    event.preventDefault();
    log.warn({ url }, 'kiosk window: redirect off the app origin blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'kiosk window: new window denied');
    return { action: 'deny' };
  });
  // Inserted CSS does not survive a reload: put it back on every new document.
  contents.on('dom-ready', () => {
    // A page torn down mid-insert rejects; the next dom-ready inserts again, so log and go on.
    const failed = (err: unknown) => log.warn({ err }, 'kiosk window: could not insert CSS');
    if (opts.hideCursor) insertCss(HIDE_CURSOR_CSS).catch(failed);
    if (overlay) {
      insertCss(OVERLAY_CSS)
        .then((key) => {
          overlayKey = key;
        })
        .catch(failed);
    }
  });

  keepShowing(win, { url: opts.url, reloadDelayMs, unresponsiveMs, log });

  return {
    win,
    async setOverlay(on) {
      if (win.isDestroyed() || on === overlay) return;
      overlay = on;
      if (on) overlayKey = await insertCss(OVERLAY_CSS);
      else if (overlayKey !== null) {
        const key = overlayKey;
        overlayKey = null;
        await contents.removeInsertedCSS(key);
      }
    },
    send(channel, ...args) {
      if (!win.isDestroyed()) contents.send(channel, ...args);
    },
  };
}
