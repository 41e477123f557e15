import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built dashboard beside the built main bundle (`out/renderer`), or null when not built. */
export function builtDashboardDir(mainDir: string): string | null {
  const dir = join(mainDir, '..', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
