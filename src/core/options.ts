import type { Logger } from 'pino';
import type { CliOptions } from './cli';
import { loadConfigFile } from './config/config-file';
import { mergeOptions } from './config/options-schema';
import type { CoreOptions } from './core-api';

/** Core options from the CLI and the config file: a flag given on the command line wins. */
export async function resolveCoreOptions(
  cli: CliOptions,
  staticDir: string | null,
  log: Logger,
): Promise<CoreOptions> {
  const file = await loadConfigFile(cli.configFile);
  const given = Object.fromEntries([...cli.given].map((name) => [name, cli[name]]));
  // The file actually read, also when the kiosk chose it rather than a --config flag.
  const options = mergeOptions({ ...given, configFile: cli.configFile }, file);
  if (!options.auth) {
    log.warn(
      'ACCESS CONTROL IS OFF (--no-auth): anyone who can reach this port can watch and change settings',
    );
  }
  return { ...options, staticDir, log };
}
