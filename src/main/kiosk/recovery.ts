import type { BrowserWindow } from 'electron';
import type { Logger } from 'pino';

/** Options of {@link keepShowing}. */
export interface RecoveryOptions {
  /** The page to (re)load. */
  url: string;
  /** Delay before reloading after a crash or failed load, in ms. */
  reloadDelayMs: number;
  /** Grace period for an unresponsive renderer before it is killed (and so reloaded), in ms. */
  unresponsiveMs: number;
  log: Logger;
}

/**
 * Loads `url` into the window and brings it back after a renderer crash, a hang that outlasts its grace
 * period, or a failed main-frame load: an unattended kiosk must never stay on a dead page.
 */
export function keepShowing(win: BrowserWindow, opts: RecoveryOptions): void {
  const { url, reloadDelayMs, unresponsiveMs, log } = opts;
  const contents = win.webContents;
  let reloadTimer: NodeJS.Timeout | null = null;
  let hangTimer: NodeJS.Timeout | null = null;

  const reloadSoon = (why: string) => {
    if (reloadTimer || win.isDestroyed()) return;
    log.warn({ why }, 'kiosk window: reloading');
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (!win.isDestroyed()) void contents.loadURL(url).catch(() => reloadSoon('load failed'));
    }, reloadDelayMs);
  };

  contents.on('render-process-gone', (_event, details) => reloadSoon(`renderer gone: ${details.reason}`));
  contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation replaced by another one or blocked by a guard: nothing to recover from.
    if (isMainFrame && code !== -3) reloadSoon(`load failed: ${code} ${description}`);
  });
  win.on('unresponsive', () => {
    hangTimer ??= setTimeout(() => {
      hangTimer = null;
      log.warn('kiosk window: renderer unresponsive; killing it');
      contents.forcefullyCrashRenderer();
    }, unresponsiveMs);
  });
  win.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  });
  win.on('closed', () => {
    if (reloadTimer) clearTimeout(reloadTimer);
    if (hangTimer) clearTimeout(hangTimer);
  });

  void contents.loadURL(url).catch(() => reloadSoon('first load failed'));
}
