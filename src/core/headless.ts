import { parseCli } from './cli';
import { startCore } from './core';
import { createLogger } from './logger';
import { resolveCoreOptions } from './options';
import { handleShutdownSignals } from './shutdown';
import { builtDashboardDir } from './static-dir';
import { startSystemdWatchdog, systemdNotify } from './supervisor/systemd';

/** `npm run serve`: the whole core under plain Node, no Electron. */
async function main(): Promise<void> {
  const log = createLogger();
  const cli = parseCli(process.argv.slice(2));
  const staticDir = builtDashboardDir(__dirname);
  if (!staticDir) log.warn('dashboard not built (run `npm run build`); serving the API only');
  const options = await resolveCoreOptions(cli, staticDir, log);
  if (!options.auth) {
    process.stderr.write(
      'WARNING: --no-auth: access control is off; anyone on the network can use this camera\n',
    );
  }
  const core = await startCore(options);
  // Signal handlers go in before the `listening on` line: a script that stops the server as soon as
  // it reads the line must get a clean stop.
  handleShutdownSignals({ stop: () => core.stop(), log });
  systemdNotify(['READY=1', `STATUS=listening on ${core.url}`]);
  startSystemdWatchdog();
  process.stdout.write(`listening on ${core.url}\n`);
  for (const url of core.lanUrls) log.info(`dashboard on the network: ${url}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`motion-kiosk: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
