import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { RotatingLog } from './rotating-log';

export interface LoggerOptions {
  /** Also keep the log in this file, size-capped and rotated (the kiosk's data dir). Default none. */
  file?: string;
  /** Readable lines instead of JSON on stderr. Default: when stdout is a terminal (a person ran it). */
  pretty?: boolean;
}

/**
 * Logs go to stderr, so stdout carries only what scripts read (the `listening on …` line): JSON lines for
 * services and pipes, readable lines (pino-pretty) when a person runs it in a terminal. `LOG_LEVEL` picks
 * the level; default `info`. The kiosk also writes JSON lines to a rotating file in its data dir.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = process.env.LOG_LEVEL ?? 'info';
  const terminal =
    (opts.pretty ?? process.stdout.isTTY === true)
      ? pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true })
      : pino.destination(2);
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: terminal }];
  if (opts.file) {
    mkdirSync(dirname(opts.file), { recursive: true });
    const file = new RotatingLog(opts.file);
    streams.push({ level: level as pino.Level, stream: { write: (line: string) => file.write(line) } });
  }
  return pino({ level, base: { app: 'motion-kiosk' } }, pino.multistream(streams));
}
