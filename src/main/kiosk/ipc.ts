import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from 'pino';
import { type DisplayPowerState, IpcChannel, type QuitResult, type ShareInfo } from '../../shared/ipc';
import { isAppUrl } from './origin';

/** What each channel does; arguments arrive unvalidated from the page and are checked here. */
export interface KioskHandlers {
  quit(pin: unknown): QuitResult;
  displayGet(): DisplayPowerState;
  displaySet(on: boolean): Promise<DisplayPowerState>;
  activity(): void;
  share(): Promise<ShareInfo>;
}

/** Options of {@link registerKioskIpc}. */
export interface KioskIpcOptions {
  ipcMain: IpcMain;
  /** The kiosk window's web contents: the only sender accepted. */
  contents: WebContents;
  /** The app's origin (`new URL(core.url).origin`). */
  origin: string;
  handlers: KioskHandlers;
  log: Logger;
}

/**
 * True only for the kiosk window's main frame showing the app's origin. Sub-frames, other windows, and a page
 * that somehow got navigated elsewhere are all refused.
 */
export function isTrustedSender(
  event: IpcMainEvent | IpcMainInvokeEvent,
  contents: WebContents,
  origin: string,
) {
  const frame = event.senderFrame;
  return event.sender === contents && frame !== null && frame.parent === null && isAppUrl(frame.url, origin);
}

/** Registers every {@link IpcChannel}; messages from any other sender are dropped and logged. Returns an unregister. */
export function registerKioskIpc(opts: KioskIpcOptions): () => void {
  const { ipcMain, contents, origin, handlers, log } = opts;
  const invoke: Record<string, (...args: unknown[]) => unknown> = {
    [IpcChannel.Quit]: (pin) => handlers.quit(pin),
    [IpcChannel.DisplayGet]: () => handlers.displayGet(),
    [IpcChannel.DisplaySet]: (state) => {
      if (state !== 'on' && state !== 'off') throw new Error("display state must be 'on' or 'off'");
      return handlers.displaySet(state === 'on');
    },
    [IpcChannel.Share]: () => handlers.share(),
  };
  const refuse = (channel: string, event: IpcMainEvent | IpcMainInvokeEvent) =>
    log.warn({ channel, url: event.senderFrame?.url ?? null }, 'IPC from a foreign sender dropped');

  for (const [channel, handler] of Object.entries(invoke)) {
    ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, contents, origin)) {
        refuse(channel, event);
        return undefined;
      }
      return handler(...args);
    });
  }
  const onActivity = (event: IpcMainEvent) => {
    if (isTrustedSender(event, contents, origin)) handlers.activity();
    else refuse(IpcChannel.Activity, event);
  };
  ipcMain.on(IpcChannel.Activity, onActivity);

  return () => {
    for (const channel of Object.keys(invoke)) ipcMain.removeHandler(channel);
    ipcMain.removeListener(IpcChannel.Activity, onActivity);
  };
}
