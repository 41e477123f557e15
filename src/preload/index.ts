import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { version } from '../../package.json';
import { type DisplayPowerState, IpcChannel } from '../shared/ipc';
import type { KioskApi } from '../shared/kiosk-api';

// Sandboxed preload: only `electron` is required; IPC stays behind this fixed, typed surface.
// The raw ipcRenderer is never exposed, so the page cannot pick its own channel.

const api: KioskApi = {
  isKiosk: true,
  version,
  quit: (pin) => ipcRenderer.invoke(IpcChannel.Quit, String(pin)),
  display: {
    state: () => ipcRenderer.invoke(IpcChannel.DisplayGet),
    set: (state) => ipcRenderer.invoke(IpcChannel.DisplaySet, state === 'off' ? 'off' : 'on'),
    onChange: (listener) => {
      const wrapped = (_event: IpcRendererEvent, state: DisplayPowerState) => listener(state);
      ipcRenderer.on(IpcChannel.DisplayChanged, wrapped);
      return () => {
        ipcRenderer.removeListener(IpcChannel.DisplayChanged, wrapped);
      };
    },
  },
  share: () => ipcRenderer.invoke(IpcChannel.Share),
};

contextBridge.exposeInMainWorld('kiosk', api);

// Touch anywhere resets the idle timer. While the display sleeps, the first touch only wakes it: that
// touch (down, up and its click) is swallowed so that it cannot press whatever button lies under the finger.
const START = new Set(['pointerdown', 'touchstart', 'mousedown', 'keydown', 'wheel']);
const FOLLOW = ['pointerup', 'touchend', 'mouseup', 'click', 'keyup'];
let asleep = false;
let swallowUntil = 0;
let lastReport = 0;
ipcRenderer.on(IpcChannel.DisplayChanged, (_event, state: DisplayPowerState) => {
  asleep = state !== 'on';
});

function onInput(event: InputEvent): void {
  const now = Date.now();
  if (START.has(event.type)) {
    if (asleep) swallowUntil = now + 1000;
    if (asleep || now - lastReport > 1000) {
      lastReport = now;
      ipcRenderer.send(IpcChannel.Activity);
    }
  }
  if (now < swallowUntil) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}

for (const type of [...START, ...FOLLOW]) {
  window.addEventListener(type, onInput, { capture: true, passive: false });
}

/** The few DOM members used here; the node tsconfig has no DOM lib, and pulling it in would leak into main. */
interface InputEvent {
  readonly type: string;
  preventDefault(): void;
  stopImmediatePropagation(): void;
}
declare const window: {
  addEventListener(type: string, listener: (event: InputEvent) => void, options: object): void;
};
