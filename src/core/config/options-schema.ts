import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { settingsPatchSchema } from '../../shared/settings';

/** How an option is spelled on the command line. */
export interface FlagSpec {
  /** The flag without its dashes, e.g. `data-dir`. */
  name: string;
  /** Placeholder in the usage line (`N`, `FILE`); absent for a switch, which takes no value. */
  arg?: string;
  /** The value a switch stands for (`--no-auth` = auth false). Only for switches. */
  sets?: unknown;
  /** Turns the flag's text into the value the schema checks (`--port 80` → 80). Default: the text as is. */
  fromText?: (text: string) => unknown;
}

/** One option of the engine: where it may be given, how it is checked, its default and what it means. */
export interface OptionSpec {
  /** One sentence: what it does, its unit, its default. CLI errors quote it after the flag. */
  doc: string;
  /** Checks a value from either place: the config file's JSON, or the flag's text after `fromText`. */
  schema: z.ZodType;
  /** The value when neither the CLI nor the config file gives one; a function when it depends on the environment. */
  default?: unknown;
  /** Its command-line flag; absent = config file only. */
  flag?: FlagSpec;
  /** False = not a config-file key (e.g. `--config` itself). Otherwise the key is the option's name. */
  inFile?: false;
}

const hostPattern = /^(?:[A-Za-z0-9.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?)$/;
const notBlank = (what: string) => z.string().refine((text) => text.trim() !== '', `needs ${what}`);

/** `$XDG_DATA_HOME/motion-kiosk`, else `~/.local/share/motion-kiosk`. */
export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'motion-kiosk');
}

/**
 * Every option, declared once. The CLI parser (`../cli.ts`), the config-file validation (`config-file.ts`),
 * the resolved options type (`Options`, part of `CoreOptions`) and the usage line all come from this table,
 * in this order. A flag on the command line wins over the config file, which wins over the default.
 * Adding an option = adding an entry here, then reading it from `CoreOptions` where it is used.
 */
export const optionSpecs = {
  port: {
    doc: 'TCP port to listen on, 0 to 65535; 0 = any free port. Default 8080.',
    schema: z.number().int().min(0).max(65535),
    default: 8080,
    flag: { name: 'port', arg: 'N', fromText: (text) => (/^\d{1,5}$/.test(text) ? Number(text) : text) },
  },
  host: {
    doc: 'Address to bind, an IP address or host name. Default 0.0.0.0.',
    schema: z
      .string()
      .regex(hostPattern, 'must be an IP address or host name')
      .transform((text) => text.replace(/^\[(.*)\]$/, '$1')),
    default: '0.0.0.0',
    flag: { name: 'host', arg: 'ADDR' },
  },
  source: {
    doc: 'Camera source spec such as synthetic or v4l2:/dev/video0. Default: the first camera found, else synthetic.',
    schema: notBlank('a source spec'),
    flag: { name: 'source', arg: 'SPEC' },
  },
  dataDir: {
    doc: 'Directory of settings, the event database and snapshots. Default ~/.local/share/motion-kiosk.',
    schema: notBlank('a directory'),
    default: defaultDataDir,
    flag: { name: 'data-dir', arg: 'DIR' },
    inFile: false,
  },
  configFile: {
    doc: 'JSON config file: any option below by its name, plus settings. Default none.',
    schema: notBlank('a file'),
    flag: { name: 'config', arg: 'FILE' },
    inFile: false,
  },
  auth: {
    doc: 'Access control on remote routes; --no-auth (or "auth": false) turns it off. Default on.',
    schema: z.boolean(),
    default: true,
    flag: { name: 'no-auth', sets: false },
  },
  pair: {
    doc: 'Print a new admin pairing code at start-up even when an admin is already paired. Default off.',
    schema: z.boolean(),
    default: false,
    flag: { name: 'pair', sets: true },
    inFile: false,
  },
  setPassword: {
    doc: 'Read a sign-in password from stdin, store its scrypt hash in the data dir, and exit. Default off.',
    schema: z.boolean(),
    default: false,
    flag: { name: 'set-password', sets: true },
    inFile: false,
  },
  tls: {
    doc: 'Serve HTTPS with this PEM certificate and key, as {"cert": PATH, "key": PATH}. Default none (HTTP).',
    schema: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict(),
  },
  metricsToken: {
    doc: 'Bearer token that may read /metrics besides admin sessions and loopback; 16 to 256 characters. Default none.',
    schema: z.string().min(16).max(256),
  },
  trustProxy: {
    doc: 'Trust X-Forwarded-For/-Proto/-Host from a reverse proxy in front of the app. Default false.',
    schema: z.boolean(),
    default: false,
  },
  camera: {
    doc: 'Camera name carried by every event: letters, digits, _ and -, at most 32. Default camera.',
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only, at most 32'),
    default: 'camera',
  },
  restartCap: {
    doc: 'Longest wait between two capture restarts, in seconds (1 to 300); the back-off doubles from 1 s up to it. Default 10.',
    schema: z.number().min(1).max(300),
    default: 10,
  },
  watchdog: {
    doc: 'Seconds without a frame after which a running capture is killed and restarted (2 to 300). Default 10.',
    schema: z.number().min(2).max(300),
    default: 10,
  },
  settings: {
    doc: 'Initial detection settings; ones changed later through the API are kept in the data dir and win.',
    schema: settingsPatchSchema,
  },
  kiosk: {
    doc: 'Kiosk-only options (display power, PIN, cursor), read and checked by the Electron shell.',
    schema: z.record(z.string(), z.unknown()),
  },
} satisfies Record<string, OptionSpec>;

type Specs = typeof optionSpecs;
export type OptionName = keyof Specs;
type ValueOf<K extends OptionName> = z.output<Specs[K]['schema']>;
type WithDefault = { [K in OptionName]: Specs[K] extends { default: unknown } ? K : never }[OptionName];
type FileKey = { [K in OptionName]: Specs[K] extends { inFile: false } ? never : K }[OptionName];
/** Options that have a command-line flag. */
export type FlagName = { [K in OptionName]: Specs[K] extends { flag: FlagSpec } ? K : never }[OptionName];

/** Every option resolved: present when it has a default, else possibly absent. */
export type Options = { [K in WithDefault]: ValueOf<K> } & {
  [K in Exclude<OptionName, WithDefault>]?: ValueOf<K>;
};

/** The config file's object shape: every option that may live there, each optional. */
export function configFileShape(): { [K in FileKey]: z.ZodOptional<Specs[K]['schema']> } {
  const entries = optionNames()
    .filter((name) => !('inFile' in optionSpecs[name]))
    .map((name) => [name, optionSpecs[name].schema.optional()]);
  return Object.fromEntries(entries) as { [K in FileKey]: z.ZodOptional<Specs[K]['schema']> };
}

export function optionNames(): OptionName[] {
  return Object.keys(optionSpecs) as OptionName[];
}

/** An option's default, computed now when it depends on the environment; undefined when it has none. */
export function defaultOf(name: OptionName): unknown {
  const spec: OptionSpec = optionSpecs[name];
  return typeof spec.default === 'function' ? spec.default() : spec.default;
}

/**
 * Options from the two places plus defaults: a flag given on the command line wins over the config
 * file, which wins over the default. Both inputs are already validated against the same schemas.
 */
export function mergeOptions(
  given: Partial<Record<OptionName, unknown>>,
  file: Partial<Record<OptionName, unknown>>,
): Options {
  const merged: Partial<Record<OptionName, unknown>> = {};
  for (const name of optionNames()) {
    const value = given[name] ?? file[name] ?? defaultOf(name);
    if (value !== undefined) merged[name] = value;
  }
  return merged as Options;
}
