import type { Logger } from 'pino';
import type { AppState } from '../shared/api';
import type { Settings } from '../shared/settings';
import type { Options } from './config/options-schema';
import type { FrameBus } from './frames/frame-bus';

/**
 * Options of `startCore`: every option of `config/options-schema.ts` resolved (CLI over config file over
 * default, see `resolveCoreOptions`), plus what the entry itself provides.
 */
export type CoreOptions = Options & {
  /** Built dashboard to serve at `/`, or null to serve none. */
  staticDir: string | null;
  log: Logger;
};

/** The running core, as the headless entry and the Electron kiosk see it. */
export interface Core {
  /** Dashboard URL as a client on this host dials it, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Dashboard URLs for other machines on the LAN (one per non-internal IPv4 address). */
  readonly lanUrls: string[];
  readonly buses: FrameBus[];
  /**
   * The one-time admin pairing URL made at start-up (first run of a data dir, no admin left, or `--pair`);
   * null when none was made or access control is off.
   */
  readonly pairingUrl: string | null;
  /**
   * A fresh admin session for the kiosk window (the previous kiosk session is revoked): the cookie to set in the
   * window's Electron session before it loads. Null when access control is off.
   */
  kioskSession(): { name: string; value: string; secure: boolean } | null;
  state(): AppState;
  settings(): Settings;
  /** Called on every motion start; returns the function that unsubscribes. Used to wake the display. */
  onMotion(listener: () => void): () => void;
  /** Stops capture, closes the server and the database. Safe to call twice. */
  stop(): Promise<void>;
}
