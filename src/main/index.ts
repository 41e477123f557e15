import { join } from 'node:path';
import { app } from 'electron';
import { startCore } from '../core/core';
import { createLogger } from '../core/logger';
import { builtDashboardDir } from '../core/static-dir';
import { runKiosk } from './kiosk/app';

// Electron entry (`npm start`, the packaged app). Everything but the window lives in the core, shared with
// the headless server; src/main/kiosk/ holds the Electron-only layer.
// The kiosk has no terminal anyone reads: its log is also kept, size-capped, beside its data.
const log = createLogger({ file: join(app.getPath('userData'), 'logs', 'motion-kiosk.log') });
// systemd, SSH `pkill`, Ctrl+C: leave through the same clean quit as the PIN (core stopped first).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
runKiosk({
  startCore,
  // Packaged: [exe, ...args]; unpackaged: [electron, appPath, ...args].
  argv: process.argv.slice(app.isPackaged ? 1 : 2),
  preload: join(__dirname, '../preload/index.js'),
  staticDir: builtDashboardDir(__dirname),
  log,
}).catch((err: unknown) => {
  log.fatal({ err }, 'kiosk crashed during start-up');
  app.exit(1);
});
