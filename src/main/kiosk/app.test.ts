import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core, CoreOptions } from '../../core/core-api';
import { IpcChannel } from '../../shared/ipc';
import { runKiosk } from './app';
import { hashPin } from './pin';
import {
  app,
  BrowserWindow,
  FakeEvent,
  FakeWebContents,
  ipcMain,
  Menu,
  resetFakeElectron,
  session,
} from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const log = pino({ level: 'silent' });
let dir: string;

/** The core is the kiosk's outer boundary here: a stand-in that records how it was started and stopped. */
function fakeCore() {
  const motion = new Set<() => void>();
  const calls = { started: [] as CoreOptions[], stopped: 0, kioskSessions: 0 };
  let stopDone = false;
  const core: Core = {
    url: 'http://127.0.0.1:8123',
    lanUrls: ['http://192.168.1.20:8123'],
    buses: [],
    pairingUrl: null,
    kioskSession() {
      calls.kioskSessions += 1;
      return { name: 'mk_session', value: `kiosk-token-${calls.kioskSessions}`, secure: false };
    },
    state: () => {
      throw new Error('not used');
    },
    settings: () => {
      throw new Error('not used');
    },
    onMotion(listener) {
      motion.add(listener);
      return () => motion.delete(listener);
    },
    async stop() {
      calls.stopped += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      stopDone = true;
    },
  };
  const startCore = async (opts: CoreOptions) => {
    calls.started.push(opts);
    return core;
  };
  return { startCore, calls, motion, stopDone: () => stopDone };
}

function start(argv: string[] = [], config?: object) {
  const core = fakeCore();
  if (config) {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    argv = [...argv, '--config', join(dir, 'config.json')];
  }
  const running = runKiosk({
    startCore: core.startCore,
    argv,
    preload: '/app/out/preload/index.js',
    staticDir: null,
    log,
  });
  return { core, running };
}

/** Lets a quit that before-quit held run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-app-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kiosk lifecycle', () => {
  it('leaves at once when another instance holds the lock, starting nothing', async () => {
    app.lockAvailable = false;
    const { core, running } = start();
    expect(await running).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(core.calls.started).toHaveLength(0);
    expect(BrowserWindow.all).toHaveLength(0);
  });

  it('starts the core in the user data dir, then one window on its URL, with no menu, Chromium switches ignored', async () => {
    const { core, running } = start(['--port', '0', '--ozone-platform=wayland']);
    const kiosk = await running;
    expect(core.calls.started[0]).toMatchObject({
      port: 0,
      dataDir: '/fake-electron/userData',
      staticDir: null,
    });
    expect(BrowserWindow.all).toHaveLength(1);
    expect(kiosk?.window.win.webContents).toBe(BrowserWindow.all[0].webContents);
    expect(BrowserWindow.all[0].webContents.loaded).toEqual(['http://127.0.0.1:8123']);
    expect(Menu.applicationMenu).toBeNull();
  });

  it('gives the window its admin session as an HttpOnly SameSite=Strict cookie before the page loads', async () => {
    const { core, running } = start();
    await running;
    expect(core.calls.kioskSessions).toBe(1);
    const [entry] = session.defaultSession.cookieLog;
    expect(entry.windowsBefore).toBe(0);
    expect(entry.details).toMatchObject({
      url: 'http://127.0.0.1:8123',
      name: 'mk_session',
      value: 'kiosk-token-1',
      httpOnly: true,
      sameSite: 'strict',
      secure: false,
    });
    expect(entry.details.expirationDate).toBeUndefined();
    // The secret is nowhere in what the window loads.
    expect(BrowserWindow.all[0].webContents.loaded.join()).not.toContain('kiosk-token');
  });

  it('uses --data-dir when given', async () => {
    const { core, running } = start(['--data-dir', dir]);
    await running;
    expect(core.calls.started[0].dataDir).toBe(dir);
  });

  it('reads config.json from the user data dir when no --config is given', async () => {
    app.getPath = () => dir;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ port: 0, kiosk: { hideCursor: true } }));
    const { core, running } = start();
    await running;
    expect(core.calls.started[0]).toMatchObject({ port: 0, configFile: join(dir, 'config.json') });
    const contents = BrowserWindow.all[0].webContents;
    contents.fire('dom-ready');
    await settle();
    expect([...contents.css.values()].join()).toContain('cursor: none');
  });

  it('exits with status 1 on a bad config, starting no window', async () => {
    const { running } = start([], { kiosk: { sleepAfter: -5 } });
    expect(await running).toBeNull();
    expect(app.exitCode).toBe(1);
    expect(BrowserWindow.all).toHaveLength(0);
  });

  it('holds the quit until the core has stopped, stops it once, and wakes the display first', async () => {
    const { core, running } = start();
    const kiosk = await running;
    await kiosk?.display.set(false);
    app.quit();
    app.quit();
    expect(app.quitted).toBe(false);
    await settle();
    expect(core.calls.stopped).toBe(1);
    expect(core.stopDone()).toBe(true);
    expect(app.quitted).toBe(true);
    expect(kiosk?.display.state).toBe('on');
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('quits through the preload API only with the right PIN', async () => {
    const { core, running } = start([], { kiosk: { pinHash: hashPin('4711') } });
    const kiosk = await running;
    const contents = kiosk?.window.win.webContents as unknown as (typeof BrowserWindow.all)[0]['webContents'];
    const own = { sender: contents, senderFrame: contents.mainFrame };
    expect(await ipcMain.invoke(IpcChannel.Quit, own, '0000')).toEqual({ ok: false, error: 'wrong PIN' });
    await settle();
    expect(core.calls.stopped).toBe(0);
    expect(await ipcMain.invoke(IpcChannel.Quit, own, '4711')).toEqual({ ok: true });
    await settle();
    expect(core.calls.stopped).toBe(1);
    expect(app.quitted).toBe(true);
  });

  it('wakes the display on motion and answers the share panel with a QR code', async () => {
    const { core, running } = start([], { kiosk: { sleepAfter: 0 } });
    const kiosk = await running;
    await kiosk?.display.set(false);
    expect(kiosk?.display.state).toBe('dimmed');
    for (const listener of core.motion) listener();
    await settle();
    expect(kiosk?.display.state).toBe('on');
    const contents = BrowserWindow.all[0].webContents;
    expect(contents.sent).toContainEqual([IpcChannel.DisplayChanged, 'dimmed']);
    const share = await ipcMain.invoke(IpcChannel.Share, {
      sender: contents,
      senderFrame: contents.mainFrame,
    });
    expect(share).toMatchObject({
      urls: ['http://192.168.1.20:8123'],
      qr: expect.stringMatching(/^data:image\/svg/),
    });
  });

  it('denies every permission and adds the CSP to app responses that lack one', async () => {
    await start().running;
    const ses = session.defaultSession;
    const granted = vi.fn();
    ses.permissionRequest?.(null, 'notifications', granted, { requestingUrl: 'http://127.0.0.1:8123/' });
    ses.permissionRequest?.(null, 'media', granted, { requestingUrl: 'http://127.0.0.1:8123/' });
    expect(granted.mock.calls).toEqual([[false], [false]]);
    expect(ses.permissionCheck?.()).toBe(false);
    expect(ses.devicePermission?.()).toBe(false);

    const answer = (url: string, responseHeaders: Record<string, string[]>) => {
      let response: { responseHeaders?: Record<string, string[]> } | undefined;
      ses.headersListener?.({ url, responseHeaders }, (r) => (response = r));
      return response?.responseHeaders?.['Content-Security-Policy']?.[0];
    };
    expect(answer('http://127.0.0.1:8123/', {})).toContain("default-src 'self'");
    expect(
      answer('http://127.0.0.1:8123/', { 'content-security-policy': ["default-src 'none'"] }),
    ).toBeUndefined();
    expect(answer('https://elsewhere.example/', {})).toBeUndefined();
  });

  it('hardens every web contents created later: no webview, no window, no foreign navigation', async () => {
    await start().running;
    const other = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), other);
    expect(other.fire('will-attach-webview').defaultPrevented).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'http://127.0.0.1:8123/' })).toEqual({ action: 'deny' });
    expect(other.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
  });
});
