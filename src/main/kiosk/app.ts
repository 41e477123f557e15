import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, Menu, session } from 'electron';
import type { Logger } from 'pino';
import { parseCli } from '../../core/cli';
import type { Core, CoreOptions } from '../../core/core-api';
import { resolveCoreOptions } from '../../core/options';
import { type KioskConfig, parseKioskConfig } from './config';
import type { DisplayPower } from './display-power';
import { startKioskFeatures } from './features';
import { signInKiosk } from './kiosk-session';
import { hardenAllContents, hardenSession } from './session';
import { createKioskWindow, type KioskWindow } from './window';

/** What {@link runKiosk} is given, so that the entry (src/main/index.ts) stays a few lines. */
export interface KioskDeps {
  /** `startCore` from src/core/core.ts (tests pass a stand-in). */
  startCore(opts: CoreOptions): Promise<Core>;
  /** Arguments after the executable (and, unpackaged, after the app path); Chromium switches may be among them. */
  argv: string[];
  /** Built preload script. */
  preload: string;
  /** Built dashboard (out/renderer), or null when not built. */
  staticDir: string | null;
  log: Logger;
}

/** The running kiosk, for tests. */
export interface Kiosk {
  core: Core;
  window: KioskWindow;
  display: DisplayPower;
}

/**
 * The Electron app's life: one instance, core up before the window, window full screen on the core's own URL,
 * and on quit the display woken and the core stopped (ffmpeg, server, database) before the process exits.
 * Resolves null when another instance already runs or start-up failed (the process is then exiting).
 */
export async function runKiosk(deps: KioskDeps): Promise<Kiosk | null> {
  const { log } = deps;
  // Wayland or X11 is chosen before this code runs: the desktop entries and `npm start` pass
  // --ozone-platform-hint=auto (Wayland under labwc/wayfire on Raspberry Pi OS Bookworm, X11 elsewhere).
  if (!app.requestSingleInstanceLock()) {
    log.info('another kiosk instance is running; leaving');
    app.quit();
    return null;
  }
  Menu.setApplicationMenu(null);
  await app.whenReady();

  let core: Core;
  let config: KioskConfig;
  try {
    const cli = parseCli(deps.argv, true);
    // Installed kiosks are configured by dropping config.json into the user data dir; --config wins.
    const userConfig = join(app.getPath('userData'), 'config.json');
    if (cli.configFile === undefined && existsSync(userConfig)) cli.configFile = userConfig;
    const options = await resolveCoreOptions(cli, deps.staticDir, log);
    config = parseKioskConfig(options.kiosk);
    // The kiosk keeps its data where Electron apps do (~/.config/Motion Kiosk) unless told otherwise.
    core = await deps.startCore({
      ...options,
      dataDir: cli.given.has('dataDir') ? cli.dataDir : app.getPath('userData'),
    });
  } catch (err) {
    log.error({ err }, `kiosk cannot start: ${(err as Error).message}`);
    app.exit(1);
    return null;
  }

  const origin = new URL(core.url).origin;
  hardenSession(session.defaultSession, origin, log);
  hardenAllContents(app, origin, log);
  try {
    await signInKiosk(session.defaultSession, core);
  } catch (err) {
    // The window still opens: it shows the sign-in screen, which beats a black kiosk.
    log.error({ err }, 'could not give the kiosk window its session');
  }
  const window = createKioskWindow({
    url: core.url,
    preload: deps.preload,
    hideCursor: config.hideCursor,
    log,
  });
  const features = startKioskFeatures({ core, window, config, origin, quit: () => app.quit(), log });

  app.on('second-instance', () => {
    if (!window.win.isDestroyed()) window.win.show();
  });
  app.on('window-all-closed', () => app.quit());
  let stopping = false;
  let stopped = false;
  const shutdown = async () => {
    await features.stop();
    await core.stop().catch((err) => log.error({ err }, 'core did not stop cleanly'));
  };
  // Electron does not wait for async work in before-quit: hold the quit, stop the core, then quit for real.
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void shutdown().then(() => {
      stopped = true;
      app.quit();
    });
  });

  log.info({ url: core.url, lan: core.lanUrls }, 'kiosk running');
  return { core, window, display: features.display };
}
