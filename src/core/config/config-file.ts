import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { settingsPatchSchema } from '../../shared/settings';
import { mqttConfigEntrySchema, pushConfigSchema } from '../integrations/config';
import { webhooksConfigSchema } from '../integrations/webhook-config';
import { describeZodError } from './zod-reason';

/** The `--config FILE` document: defaults for the CLI flags and initial settings. CLI flags win. */
export const configFileSchema = z
  .object({
    /** Same as `--port`. */
    port: z.number().int().min(0).max(65535).optional(),
    /** Same as `--host`. */
    host: z.string().min(1).optional(),
    /** Same as `--source`. */
    source: z.string().min(1).optional(),
    /** false = same as `--no-auth`. */
    auth: z.boolean().optional(),
    /** Camera name carried by every event. Default `camera`. */
    camera: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only, at most 32')
      .optional(),
    /** Initial settings; ones changed later through the API are kept in the data dir and win. */
    settings: settingsPatchSchema.optional(),
    /** MQTT broker and Home Assistant discovery: a broker URL, or the object of `src/core/integrations/config.ts`. Default none. */
    mqtt: mqttConfigEntrySchema.optional(),
    /** Browser notifications: contact and cooldown, see `src/core/integrations/config.ts`. Default: on, 60 s cooldown. */
    push: pushConfigSchema.optional(),
    /** Webhook receivers: see `src/core/integrations/webhook-config.ts`. Default none. */
    webhooks: webhooksConfigSchema.optional(),
    /** Kiosk-only options (display power, PIN, cursor), read by the Electron shell. */
    kiosk: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads and validates a config file; the error names the file and the first bad field. */
export async function loadConfigFile(path: string | undefined): Promise<ConfigFile> {
  if (path === undefined) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`--config ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`--config ${path}: not valid JSON (${(err as Error).message})`);
  }
  const result = configFileSchema.safeParse(json);
  if (!result.success) throw new Error(`--config ${path}: ${describeZodError(result.error)}`);
  return result.data;
}
