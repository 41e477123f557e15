import type { Logger } from 'pino';
import type { CliOptions } from './cli';
import { type ConfigFile, loadConfigFile } from './config/config-file';
import type { CoreOptions } from './core-api';

/** Core options from the CLI and the config file: a flag given on the command line wins. */
export async function resolveCoreOptions(
  cli: CliOptions,
  staticDir: string | null,
  log: Logger,
): Promise<CoreOptions & { config: ConfigFile }> {
  const config = await loadConfigFile(cli.configFile);
  const auth = cli.given.has('auth') ? cli.auth : (config.auth ?? true);
  if (!auth) {
    log.warn(
      'ACCESS CONTROL IS OFF (--no-auth): anyone who can reach this port can watch and change settings',
    );
  }
  return {
    port: cli.given.has('port') ? cli.port : (config.port ?? cli.port),
    host: cli.given.has('host') ? cli.host : (config.host ?? cli.host),
    source: cli.source ?? config.source,
    dataDir: cli.dataDir,
    mqtt: cli.mqtt,
    configFile: cli.configFile,
    config,
    auth,
    staticDir,
    log,
  };
}
