import QRCode from 'qrcode';
import { setPasswordFromStdin } from './access/set-password';
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
  if (cli.setPassword) {
    await setPasswordFromStdin(cli.dataDir);
    process.stdout.write(`password set for ${cli.dataDir}; sign in with it from the dashboard\n`);
    return;
  }
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
  if (core.pairingUrl) {
    // The one-time admin code of a first run: whoever opens it (or scans the QR code) becomes the owner.
    const qr = await QRCode.toString(core.pairingUrl, { type: 'terminal', small: true });
    process.stdout.write(`pair a browser as admin (one use, 10 minutes): ${core.pairingUrl}\n${qr}`);
  }
  for (const url of core.lanUrls) log.info(`dashboard on the network: ${url}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`motion-kiosk: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
