import type { Logger } from 'pino';
import type { AppState } from '../shared/api';
import type { Settings } from '../shared/settings';
import type { ConfigFile } from './config/config-file';
import type { FrameBus } from './frames/frame-bus';

/** Options of `startCore`, filled from the CLI (`src/core/cli.ts`) and the config file. */
export interface CoreOptions {
  /** TCP port; 0 = any free port. Default 8080. */
  port: number;
  /** Address to bind. Default `0.0.0.0`. */
  host: string;
  /** Source spec (`synthetic`, `v4l2:/dev/video0`, …); undefined = first camera found, else synthetic. */
  source?: string;
  /** Where settings, the event database and snapshots live. */
  dataDir: string;
  /** JSON config file with settings and options; optional. */
  configFile?: string;
  /** The config file already read (see `resolveCoreOptions`); when absent, `configFile` is read. */
  config?: ConfigFile;
  /** `--mqtt URL`: broker URL; overrides the config file's `mqtt.url`. Default none. */
  mqtt?: string;
  /** Access control on remote routes; `--no-auth` turns it off. Default true. */
  auth: boolean;
  /** Built dashboard to serve at `/`, or null to serve none. */
  staticDir: string | null;
  log: Logger;
}

/** The running core, as the headless entry and the Electron kiosk see it. */
export interface Core {
  /** Dashboard URL as a client on this host dials it, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Dashboard URLs for other machines on the LAN (one per non-internal IPv4 address). */
  readonly lanUrls: string[];
  readonly buses: FrameBus[];
  state(): AppState;
  settings(): Settings;
  /** Called on every motion start; returns the function that unsubscribes. Used to wake the display. */
  onMotion(listener: () => void): () => void;
  /** Stops capture, closes the server and the database. Safe to call twice. */
  stop(): Promise<void>;
}
