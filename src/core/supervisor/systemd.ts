import { spawn } from 'node:child_process';

/**
 * sd_notify without a native library: Node cannot send to the notify socket (no unix datagram sockets),
 * and no well-kept pure-JS sd_notify exists, so this runs systemd's own `systemd-notify`. The unit needs
 * `Type=notify` and `NotifyAccess=all` (the message comes from that child, not from node itself).
 * Does nothing unless systemd set NOTIFY_SOCKET.
 */
export function systemdNotify(assignments: string[]): void {
  if (!process.env.NOTIFY_SOCKET) return;
  const child = spawn('systemd-notify', [`--pid=${process.pid}`, ...assignments], { stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
}

/**
 * Pings systemd's watchdog (`WatchdogSec=` in the unit) at half its period while the event loop runs,
 * so a hung process is restarted by systemd. Does nothing unless systemd set WATCHDOG_USEC.
 */
export function startSystemdWatchdog(): void {
  const usec = Number(process.env.WATCHDOG_USEC);
  if (!process.env.NOTIFY_SOCKET || !(usec > 0)) return;
  const timer = setInterval(() => systemdNotify(['WATCHDOG=1']), usec / 2000);
  timer.unref();
}
