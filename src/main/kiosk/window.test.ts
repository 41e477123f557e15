import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakeElectron } from './testing/fake-electron';
import { createKioskWindow } from './window';

vi.mock('electron', () => import('./testing/fake-electron'));

const log = pino({ level: 'silent' });
const url = 'http://127.0.0.1:8123/';

function open(extra: { hideCursor?: boolean } = {}) {
  const kiosk = createKioskWindow({
    url,
    preload: '/app/out/preload/index.js',
    log,
    reloadDelayMs: 50,
    unresponsiveMs: 100,
    ...extra,
  });
  const win = kiosk.win as unknown as BrowserWindow;
  return { kiosk, win, contents: win.webContents };
}

beforeEach(() => {
  resetFakeElectron();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('kiosk window', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webview, the given preload', () => {
    const { win } = open();
    const prefs = win.options.webPreferences;
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.js',
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
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('is a full-screen kiosk, hidden until ready, on the core URL', () => {
    const { win, contents } = open();
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, show: false, frame: false });
    expect(contents.loaded).toEqual([url]);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});

describe('navigation', () => {
  it('stays on the app origin: other hosts, ports and schemes are blocked', () => {
    const { contents } = open();
    expect(contents.fire('will-navigate', 'http://127.0.0.1:8123/events/42').defaultPrevented).toBe(false);
    for (const target of [
      'https://example.com/',
      'http://127.0.0.1:9999/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(contents.fire('will-navigate', target).defaultPrevented, target).toBe(true);
      expect(contents.fire('will-redirect', target).defaultPrevented, target).toBe(true);
    }
  });

  it('denies every new window, same origin included', () => {
    const { contents } = open();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(BrowserWindow.all).toHaveLength(1);
  });
});

describe('recovery', () => {
  it('reloads the dashboard after the renderer is gone', async () => {
    const { contents } = open();
    contents.fire('render-process-gone', { reason: 'oom', exitCode: 1 });
    expect(contents.loaded).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(contents.loaded).toEqual([url, url]);
  });

  it('kills and reloads a renderer that stays unresponsive, but not one that recovers', async () => {
    const { win, contents } = open();
    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(60);
    win.emit('responsive');
    await vi.advanceTimersByTimeAsync(500);
    expect(contents.crashes).toBe(0);

    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(100);
    expect(contents.crashes).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(contents.loaded).toEqual([url, url]);
  });

  it('retries a failed main-frame load, but not an aborted one', async () => {
    const { contents } = open();
    contents.fire('did-fail-load', -3, 'ERR_ABORTED', url, true);
    contents.fire('did-fail-load', -102, 'ERR_CONNECTION_REFUSED', url, false);
    await vi.advanceTimersByTimeAsync(100);
    expect(contents.loaded).toHaveLength(1);
    contents.fire('did-fail-load', -102, 'ERR_CONNECTION_REFUSED', url, true);
    await vi.advanceTimersByTimeAsync(50);
    expect(contents.loaded).toHaveLength(2);
  });

  it('does not reload a closed window', async () => {
    const { win, contents } = open();
    contents.fire('render-process-gone', { reason: 'crashed', exitCode: 1 });
    win.destroy();
    await vi.advanceTimersByTimeAsync(100);
    expect(contents.loaded).toHaveLength(1);
  });
});

describe('cursor and overlay', () => {
  it('hides the cursor on every page load when asked', () => {
    const hidden = open({ hideCursor: true }).contents;
    hidden.fire('dom-ready');
    expect([...hidden.css.values()].join()).toContain('cursor: none');
    const shown = open().contents;
    shown.fire('dom-ready');
    expect(shown.css.size).toBe(0);
  });

  it('puts the dimming overlay on and off, and back after a reload', async () => {
    const { kiosk, contents } = open();
    await kiosk.setOverlay(true);
    await kiosk.setOverlay(true);
    expect(contents.css.size).toBe(1);
    contents.css.clear(); // a reload drops inserted CSS
    contents.fire('dom-ready');
    await vi.advanceTimersByTimeAsync(0);
    expect([...contents.css.values()][0]).toContain('html::after');
    await kiosk.setOverlay(false);
    expect(contents.css.size).toBe(0);
  });
});
