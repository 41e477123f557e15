import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, sep } from 'node:path';

/** Finds an executable by name on PATH, or returns null. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

let cached: string | undefined;

/**
 * The ffmpeg to run: `ffmpeg` from PATH when present (the distribution's build is newer and has
 * hardware support), else the static binary shipped by `@ffmpeg-installer/ffmpeg`, so that
 * `npm install` alone is enough. Throws when neither exists.
 */
export function resolveFfmpeg(): string {
  if (cached) return cached;
  const fromPath = findOnPath('ffmpeg');
  if (fromPath) {
    cached = fromPath;
    return cached;
  }
  try {
    const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
    cached = unpackedPath(installer.path);
    return cached;
  } catch (err) {
    throw new Error(
      `ffmpeg not found on PATH and @ffmpeg-installer/ffmpeg has no binary for this platform (${String(err)})`,
    );
  }
}

/**
 * In a packaged app the package resolves inside `app.asar`, but an executable can only run from
 * `app.asar.unpacked` (electron-builder.yml unpacks @ffmpeg-installer there).
 */
export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}
