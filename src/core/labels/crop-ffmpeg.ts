import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';

const requireHere: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

/**
 * The ffmpeg that crops label pictures. One process is started per picture, so start-up cost is what
 * matters: the static binary of `@ffmpeg-installer/ffmpeg` starts in a few ms of CPU, while a
 * distribution's ffmpeg links ~200 shared libraries and spends 150–250 ms of CPU before decoding
 * anything (docs/labels.md, "Speed"). The camera keeps using `fallback` (hardware support); the
 * crop needs none. Falls back when the platform has no static binary.
 */
export function cropFfmpeg(fallback: () => string): string {
  try {
    const installer = requireHere('@ffmpeg-installer/ffmpeg') as { path: string };
    // Packaged: executables run from app.asar.unpacked (electron-builder.yml unpacks the package).
    const path = installer.path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return fallback();
  }
}
