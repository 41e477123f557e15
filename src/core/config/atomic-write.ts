import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes a temporary file and renames it over the old one: a reader (or a crash) sees the old file or the
 * new one, never half of one. A failed write leaves the old file and no temporary; the error is rethrown.
 */
export async function writeAtomically(file: string, text: string, mode?: number): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await writeFile(tmp, text, mode === undefined ? undefined : { mode });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}
