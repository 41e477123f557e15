import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mqttConfigSchema } from './integrations/config';

/** What the command line (`npm run serve -- …`, or the kiosk's own argv) asks for. */
export interface CliOptions {
  /** `--port N`; 0 = any free port. Default 8080. */
  port: number;
  /** `--host ADDR`. Default `0.0.0.0`. */
  host: string;
  /** `--source SPEC`; undefined = the config file's, else the first camera found, else synthetic. */
  source?: string;
  /** `--data-dir DIR`. Default `$XDG_DATA_HOME/motion-kiosk` (`~/.local/share/motion-kiosk`). */
  dataDir: string;
  /** `--config FILE`; optional. */
  configFile?: string;
  /** `--mqtt URL`: MQTT broker (mqtt://, mqtts://, ws://, wss://). Default none (the config file's `mqtt`). */
  mqtt?: string;
  /** False with `--no-auth`. */
  auth: boolean;
  /** Which of the above were given explicitly, so a config file can fill in the rest. */
  given: ReadonlySet<'port' | 'host' | 'source' | 'auth'>;
}

/** A command-line mistake; its message names the flag and is meant for the user as is. */
export class CliError extends Error {}

export const usage = `usage: motion-kiosk [--port N] [--host ADDR] [--source SPEC] [--data-dir DIR] [--config FILE] [--mqtt URL] [--no-auth]`;

const hostPattern = /^(?:[A-Za-z0-9.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?)$/;

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'motion-kiosk');
}

/**
 * Parses the CLI contract of the design brief. Unknown flags and bad values throw a CliError
 * naming the flag. Electron and Chromium switches (`--ozone-platform=…`, `--no-sandbox`) may
 * appear in the kiosk's argv; `allowForeign` lets the kiosk pass them through.
 */
export function parseCli(argv: string[], allowForeign = false): CliOptions {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(argv, !allowForeign);
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]}\n${usage}`);
  }
  const { values } = parsed;
  const given = new Set<'port' | 'host' | 'source' | 'auth'>();
  let port = 8080;
  if (values.port !== undefined) {
    const text = String(values.port);
    if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
      throw new CliError(`--port must be a whole number from 0 to 65535 (0 = any free port), got "${text}"`);
    }
    port = Number(text);
    given.add('port');
  }
  let host = '0.0.0.0';
  if (values.host !== undefined) {
    const text = String(values.host);
    if (!hostPattern.test(text))
      throw new CliError(`--host must be an IP address or host name, got "${text}"`);
    host = text.replace(/^\[(.*)\]$/, '$1');
    given.add('host');
  }
  const source = values.source === undefined ? undefined : String(values.source);
  if (source !== undefined) {
    if (source.trim() === '')
      throw new CliError('--source needs a spec such as synthetic or v4l2:/dev/video0');
    given.add('source');
  }
  if (values['data-dir'] !== undefined && String(values['data-dir']).trim() === '') {
    throw new CliError('--data-dir needs a directory');
  }
  const mqtt = values.mqtt === undefined ? undefined : String(values.mqtt);
  if (mqtt !== undefined && !mqttConfigSchema.shape.url.safeParse(mqtt).success) {
    throw new CliError(`--mqtt must be a broker URL such as mqtt://127.0.0.1:1883, got "${mqtt}"`);
  }
  if (values['no-auth']) given.add('auth');
  return {
    port,
    host,
    source,
    dataDir: values['data-dir'] === undefined ? defaultDataDir() : String(values['data-dir']),
    configFile: values.config === undefined ? undefined : String(values.config),
    mqtt,
    auth: !values['no-auth'],
    given,
  };
}

function parseWith(argv: string[], strict: boolean) {
  return parseArgs({
    args: argv,
    strict,
    allowPositionals: !strict,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      source: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      mqtt: { type: 'string' },
      'no-auth': { type: 'boolean' },
    },
  });
}
