import { parseArgs } from 'node:util';
import {
  defaultOf,
  type FlagName,
  type FlagSpec,
  type OptionSpec,
  type Options,
  optionSpecs,
} from './config/options-schema';

/**
 * What the command line (`npm run serve -- …`, or the kiosk's own argv) asks for: every option that has a
 * flag, at its default unless given. The flags, their checks and defaults come from `config/options-schema.ts`.
 */
export type CliOptions = Pick<Options, FlagName> & {
  /** Which options were given explicitly, so that the config file can fill in the rest. */
  given: ReadonlySet<FlagName>;
};

/** A command-line mistake; its message names the flag and is meant for the user as is. */
export class CliError extends Error {}

const flags = (Object.keys(optionSpecs) as (keyof typeof optionSpecs)[]).flatMap((name) => {
  const spec: OptionSpec = optionSpecs[name];
  return spec.flag ? [{ option: name as FlagName, flag: spec.flag }] : [];
});

/** `usage: motion-kiosk [--port N] … [--no-auth]`, in the order of the options table. */
export const usage = `usage: motion-kiosk ${flags
  .map(({ flag }) => (flag.arg ? `[--${flag.name} ${flag.arg}]` : `[--${flag.name}]`))
  .join(' ')}`;

/**
 * Parses the CLI contract of the design brief. Unknown flags and bad values throw a CliError
 * naming the flag. Electron and Chromium switches (`--ozone-platform=…`, `--no-sandbox`) may
 * appear in the kiosk's argv; `allowForeign` lets the kiosk pass them through.
 */
export function parseCli(argv: string[], allowForeign = false): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseWith(argv, !allowForeign);
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]}\n${usage}`);
  }
  const given = new Set<FlagName>();
  const result: Record<string, unknown> = {};
  for (const { option, flag } of flags) {
    const raw = values[flag.name];
    if (raw === undefined) {
      result[option] = defaultOf(option);
      continue;
    }
    result[option] = flagValue(option, flag, raw);
    given.add(option);
  }
  return { ...(result as Pick<Options, FlagName>), given };
}

function flagValue(option: FlagName, flag: FlagSpec, raw: string | boolean): unknown {
  if (!flag.arg) return flag.sets;
  const { doc, schema } = optionSpecs[option];
  // Without strict parsing (the kiosk), a value flag given last and bare arrives as `true`.
  if (typeof raw !== 'string') throw new CliError(`--${flag.name} needs a value (${flag.arg}): ${doc}`);
  const parsed = schema.safeParse(flag.fromText ? flag.fromText(raw) : raw);
  if (!parsed.success) throw new CliError(`--${flag.name} "${raw}" refused: ${doc}`);
  return parsed.data;
}

function parseWith(argv: string[], strict: boolean): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries(
    flags.map(({ flag }) => [flag.name, { type: flag.arg ? ('string' as const) : ('boolean' as const) }]),
  );
  return parseArgs({ args: argv, strict, allowPositionals: !strict, options }).values as Record<
    string,
    string | boolean | undefined
  >;
}
