import { EventEmitter } from 'node:events';

// A small stand-in for the `electron` module, used only by main-process unit tests through
// `vi.mock('electron', () => import('./testing/fake-electron'))`. It records what the code under test asks of
// Electron and lets a test fire Electron's events; it implements no browser behaviour of its own.

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

let cssKeys = 0;

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('about:blank');
  loaded: string[] = [];
  sent: unknown[][] = [];
  css = new Map<string, string>();
  crashes = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.mainFrame = new FakeFrame(url);
  }
  async insertCSS(css: string): Promise<string> {
    const key = `css-${++cssKeys}`;
    this.css.set(key, css);
    return key;
  }
  async removeInsertedCSS(key: string): Promise<void> {
    this.css.delete(key);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  forcefullyCrashRenderer(): void {
    this.crashes += 1;
    this.fire('render-process-gone', { reason: 'killed', exitCode: 9 });
  }
  /** Emits an Electron-style event (event object first) and returns the event object. */
  fire(name: string, ...args: unknown[]): FakeEvent {
    const event = new FakeEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  /** What `requestSingleInstanceLock` answers. */
  lockAvailable = true;
  quitCalls = 0;
  /** True once a quit went through (no before-quit handler held it). */
  quitted = false;
  exitCode: number | null = null;

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath = (name: string): string => `/fake-electron/${name}`;
  getVersion(): string {
    return '9.9.9-test';
  }
  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  shown = false;
  destroyed = false;

  constructor(public options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` would get back, for a given sender. */
  async invoke(
    channel: string,
    sender: { sender: unknown; senderFrame: FakeFrame | null },
    ...args: unknown[]
  ) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(sender, ...args);
  }
}

export const ipcMain = new FakeIpcMain();

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

class FakeSession {
  permissionRequest: ((...args: unknown[]) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((...args: unknown[]) => boolean) | null = null;
  displayMedia: ((...args: unknown[]) => void) | null = null;
  headersListener: HeadersListener | null = null;
  webRequest = { onHeadersReceived: (listener: HeadersListener) => (this.headersListener = listener) };
  /** Cookies set through `cookies.set`, with how many windows existed at that moment. */
  cookieLog: { details: Record<string, unknown>; windowsBefore: number }[] = [];
  cookies = {
    set: async (details: Record<string, unknown>) => {
      this.cookieLog.push({ details, windowsBefore: BrowserWindow.all.length });
    },
  };

  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(handler: (...args: unknown[]) => void): void {
    this.displayMedia = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
  },
};

/** The sandboxed preload's side: what it exposed to the page. */
export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed[key] = api;
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoked: unknown[][] = [];
  sent: unknown[][] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve(`answer to ${channel}`);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

export const ipcRenderer = new FakeIpcRenderer();

/** Fresh state for the next test (the fake is a module singleton, like Electron's). */
export function resetFakeElectron(): void {
  Object.assign(app, {
    isPackaged: false,
    lockAvailable: true,
    quitCalls: 0,
    quitted: false,
    exitCode: null,
  });
  app.removeAllListeners();
  BrowserWindow.all = [];
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  session.defaultSession = new FakeSession();
  Menu.applicationMenu = undefined;
  contextBridge.exposed = {};
  ipcRenderer.invoked = [];
  ipcRenderer.sent = [];
  ipcRenderer.removeAllListeners();
}
