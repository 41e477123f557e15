import { ipcMain } from 'electron';
import type { Logger } from 'pino';
import type { Core } from '../../core/core-api';
import { IpcChannel } from '../../shared/ipc';
import type { KioskConfig } from './config';
import { DisplayPower } from './display-power';
import { IdleSleeper } from './idle';
import { registerKioskIpc } from './ipc';
import { PinGate } from './pin';
import { shareInfo } from './share';
import type { KioskWindow } from './window';

/** Options of {@link startKioskFeatures}. */
export interface KioskFeaturesOptions {
  core: Core;
  window: KioskWindow;
  config: KioskConfig;
  /** The app's origin, the only one whose page may use the features. */
  origin: string;
  /** Leaves the app (after the right PIN). */
  quit(): void;
  log: Logger;
}

/** The kiosk-only features, running. */
export interface KioskFeatures {
  display: DisplayPower;
  /** Unhooks everything and wakes the display, so that the desktop is not left behind a dark panel. */
  stop(): Promise<void>;
}

/**
 * What the kiosk adds to the dashboard: display sleep after idle (woken by touch or motion), exit with a PIN,
 * and the share panel's data. The preload reaches them through the sender-checked IPC channels.
 */
export function startKioskFeatures(opts: KioskFeaturesOptions): KioskFeatures {
  const { core, window, config, origin, log } = opts;
  const display = new DisplayPower({
    commands: config.displayPower,
    setOverlay: (on) => window.setOverlay(on),
    onChange: (state) => window.send(IpcChannel.DisplayChanged, state),
    log,
  });
  const sleeper = new IdleSleeper({ sleepAfterMs: config.sleepAfter * 1000, display });
  const offMotion = core.onMotion(() => sleeper.activity());
  const pins = new PinGate({ hash: config.pinHash });
  const unregisterIpc = registerKioskIpc({
    ipcMain,
    contents: window.win.webContents,
    origin,
    log,
    handlers: {
      quit: (pin) => {
        const refused = pins.check(pin);
        if (refused) return { ok: false, error: refused };
        log.info('exit PIN accepted; quitting to the desktop');
        setImmediate(opts.quit); // answer the page first
        return { ok: true };
      },
      displayGet: () => display.state,
      displaySet: (on) => display.set(on),
      activity: () => sleeper.activity(),
      share: () => shareInfo(core.lanUrls),
    },
  });
  sleeper.start();

  return {
    display,
    async stop() {
      sleeper.stop();
      offMotion();
      unregisterIpc();
      await display.set(true);
    },
  };
}
