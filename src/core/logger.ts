import pino, { type Logger } from 'pino';

/**
 * Logs go to stderr as JSON lines (pino), so stdout carries only what scripts read:
 * the `listening on …` line. `LOG_LEVEL` picks the level; default `info`.
 */
export function createLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'motion-kiosk' } }, pino.destination(2));
}
