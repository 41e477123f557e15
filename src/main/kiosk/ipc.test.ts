import type { IpcMain, WebContents } from 'electron';
import pino from 'pino';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel } from '../../shared/ipc';
import { registerKioskIpc } from './ipc';
import { FakeFrame, FakeWebContents, ipcMain, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

const origin = 'http://127.0.0.1:8123';

function setup() {
  const contents = new FakeWebContents();
  contents.mainFrame = new FakeFrame(`${origin}/`);
  const handlers = {
    quit: vi.fn(() => ({ ok: false as const, error: 'wrong PIN' })),
    displayGet: vi.fn(() => 'on' as const),
    displaySet: vi.fn(async (on: boolean) => (on ? ('on' as const) : ('off' as const))),
    activity: vi.fn(),
    share: vi.fn(async () => ({ urls: [], qr: null })),
  };
  const unregister = registerKioskIpc({
    ipcMain: ipcMain as unknown as IpcMain,
    contents: contents as unknown as WebContents,
    origin,
    handlers,
    log: pino({ level: 'silent' }),
  });
  const own = { sender: contents, senderFrame: contents.mainFrame };
  return { contents, handlers, own, unregister };
}

beforeEach(() => resetFakeElectron());

describe('kiosk IPC', () => {
  it('answers the kiosk window main frame on the app origin', async () => {
    const { handlers, own } = setup();
    expect(await ipcMain.invoke(IpcChannel.DisplayGet, own)).toBe('on');
    expect(await ipcMain.invoke(IpcChannel.Quit, own, '0000')).toEqual({ ok: false, error: 'wrong PIN' });
    expect(handlers.quit).toHaveBeenCalledWith('0000');
    expect(await ipcMain.invoke(IpcChannel.DisplaySet, own, 'off')).toBe('off');
    expect(handlers.displaySet).toHaveBeenCalledWith(false);
    ipcMain.emit(IpcChannel.Activity, own);
    expect(handlers.activity).toHaveBeenCalledTimes(1);
  });

  it('registers a handler for every channel the preload may invoke', () => {
    setup();
    const invoked = Object.values(IpcChannel).filter(
      (c) => c !== IpcChannel.DisplayChanged && c !== IpcChannel.Activity,
    );
    expect([...ipcMain.handlers.keys()].sort()).toEqual(invoked.sort());
  });

  it('drops messages from foreign senders without calling the handler', async () => {
    const { contents, handlers } = setup();
    const other = new FakeWebContents();
    other.mainFrame = new FakeFrame(`${origin}/`);
    const foreign = [
      { sender: other, senderFrame: other.mainFrame }, // another window, same origin
      { sender: contents, senderFrame: new FakeFrame(`${origin}/x`, contents.mainFrame) }, // a sub-frame
      { sender: contents, senderFrame: new FakeFrame('https://evil.example/') }, // navigated elsewhere
      { sender: contents, senderFrame: new FakeFrame('http://127.0.0.1:9999/') }, // another port
      { sender: contents, senderFrame: null }, // frame already gone
    ];
    for (const event of foreign) {
      expect(await ipcMain.invoke(IpcChannel.Quit, event, '1234')).toBeUndefined();
      expect(await ipcMain.invoke(IpcChannel.DisplaySet, event, 'off')).toBeUndefined();
      ipcMain.emit(IpcChannel.Activity, event);
    }
    expect(handlers.quit).not.toHaveBeenCalled();
    expect(handlers.displaySet).not.toHaveBeenCalled();
    expect(handlers.activity).not.toHaveBeenCalled();
  });

  it('rejects a bad display state, naming the allowed values', async () => {
    const { handlers, own } = setup();
    await expect(ipcMain.invoke(IpcChannel.DisplaySet, own, 'blink')).rejects.toThrow("'on' or 'off'");
    expect(handlers.displaySet).not.toHaveBeenCalled();
  });

  it('unregisters every channel', () => {
    const { unregister } = setup();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listenerCount(IpcChannel.Activity)).toBe(0);
  });
});
