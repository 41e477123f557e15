import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { version } from '../../package.json';
import { IpcChannel } from '../shared/ipc';
import type { KioskApi } from '../shared/kiosk-api';

vi.mock('electron', () => import('../main/kiosk/testing/fake-electron'));

/** The page's DOM as far as the preload touches it: capture listeners on window. */
const listeners = new Map<string, (event: unknown) => void>();

function input(type: string) {
  const event = {
    type,
    prevented: false,
    stopped: false,
    preventDefault() {},
    stopImmediatePropagation() {},
  };
  event.preventDefault = () => {
    event.prevented = true;
  };
  event.stopImmediatePropagation = () => {
    event.stopped = true;
  };
  listeners.get(type)?.(event);
  return event;
}

let ipcRenderer: typeof import('../main/kiosk/testing/fake-electron').ipcRenderer;
let exposed: Record<string, unknown>;

/** A fresh preload on a fresh fake `electron` (the preload runs once per page). */
async function loadPreload(): Promise<KioskApi> {
  // The mocked `electron` survives resetModules (the mock registry is not reset): clear it, then re-run the preload.
  const fake = (await import('electron')) as unknown as typeof import('../main/kiosk/testing/fake-electron');
  fake.resetFakeElectron();
  vi.resetModules();
  await import('./index');
  ipcRenderer = fake.ipcRenderer;
  exposed = fake.contextBridge.exposed;
  return exposed.kiosk as KioskApi;
}

beforeEach(() => {
  listeners.clear();
  vi.stubGlobal('window', {
    addEventListener: (type: string, listener: (e: unknown) => void) => listeners.set(type, listener),
  });
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('preload API', () => {
  it('exposes only window.kiosk, with the version as a string', async () => {
    const kiosk = await loadPreload();
    expect(Object.keys(exposed)).toEqual(['kiosk']);
    expect(Object.keys(kiosk).sort()).toEqual(['display', 'isKiosk', 'quit', 'share', 'version']);
    expect(kiosk.isKiosk).toBe(true);
    expect(kiosk.version).toBe(version);
  });

  it('maps each call to its fixed channel, passing only checked arguments', async () => {
    const kiosk = await loadPreload();
    await kiosk.quit(4711 as unknown as string);
    await kiosk.display.state();
    await kiosk.display.set('blink' as 'on');
    await kiosk.display.set('off');
    expect(await kiosk.share()).toBe(`answer to ${IpcChannel.Share}`);
    expect(ipcRenderer.invoked).toEqual([
      [IpcChannel.Quit, '4711'],
      [IpcChannel.DisplayGet],
      [IpcChannel.DisplaySet, 'on'],
      [IpcChannel.DisplaySet, 'off'],
      [IpcChannel.Share],
    ]);
  });

  it('reports display changes until unsubscribed, without handing out the IPC event', async () => {
    const kiosk = await loadPreload();
    const seen: unknown[][] = [];
    const off = kiosk.display.onChange((...args) => seen.push(args));
    ipcRenderer.emit(IpcChannel.DisplayChanged, { sender: 'ipc internals' }, 'dimmed');
    off();
    ipcRenderer.emit(IpcChannel.DisplayChanged, {}, 'on');
    expect(seen).toEqual([['dimmed']]);
  });
});

describe('touch activity', () => {
  it('reports a touch to main, at most once a second while awake, and lets it through', async () => {
    await loadPreload();
    const first = input('pointerdown');
    input('pointerdown');
    input('click');
    vi.setSystemTime(1_001_500);
    input('keydown');
    expect(ipcRenderer.sent).toEqual([[IpcChannel.Activity], [IpcChannel.Activity]]);
    expect(first.prevented || first.stopped).toBe(false);
  });

  it('swallows the touch that wakes a sleeping display, and only that one', async () => {
    await loadPreload();
    ipcRenderer.emit(IpcChannel.DisplayChanged, {}, 'dimmed');
    const down = input('pointerdown');
    ipcRenderer.emit(IpcChannel.DisplayChanged, {}, 'on'); // main woke the display
    const click = input('click');
    expect(ipcRenderer.sent).toEqual([[IpcChannel.Activity]]);
    expect([down.prevented, down.stopped, click.prevented, click.stopped]).toEqual([true, true, true, true]);
    vi.setSystemTime(1_002_000);
    const later = input('click');
    expect(later.prevented || later.stopped).toBe(false);
  });
});
