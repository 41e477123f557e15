import type { Logger } from 'pino';
import { killAll } from './supervisor/children';

export interface ShutdownOptions {
  /** The clean stop: capture, streams, database. */
  stop(): Promise<void>;
  log: Logger;
  /** Longest clean stop before the process exits anyway, ms. Default 4500 (systemd and people expect 5 s). */
  graceMs?: number;
  /** Exits the process; replaced only by tests of this module. Default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * SIGTERM and SIGINT stop the app cleanly: `stop()` closes capture (children reaped), streams and the
 * database, then exit 0. A stop that takes longer than `graceMs`, or a second signal, exits at once
 * (code 1, or 130 for a second signal) after SIGKILLing every capture child, so no ffmpeg is left behind.
 * Returns the function that removes the handlers.
 */
export function handleShutdownSignals(opts: ShutdownOptions): () => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const force = (code: number, why: string) => {
    const killed = killAll();
    opts.log.error({ killed }, why);
    exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      force(130, `second ${signal}: exiting now`);
      return;
    }
    stopping = true;
    opts.log.info({ signal }, 'stopping');
    const timer = setTimeout(() => force(1, 'clean stop took too long; exiting now'), opts.graceMs ?? 4500);
    timer.unref();
    opts.stop().then(
      () => {
        clearTimeout(timer);
        opts.log.info('stopped');
        exit(0);
      },
      (err) => {
        clearTimeout(timer);
        opts.log.error({ err }, 'unclean stop');
        force(1, 'unclean stop');
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
