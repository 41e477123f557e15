import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { configFileShape } from './options-schema';
import { describeZodError } from './zod-reason';

/**
 * The `--config FILE` document: any option of `options-schema.ts` that may live in a file, by its name
 * (`port`, `host`, `source`, `auth`, `camera`, `settings`, `kiosk`, …). Unknown keys are refused. CLI flags win.
 */
export const configFileSchema = z.object(configFileShape()).strict();

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
