import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type LabelScene, SCENE_FPS } from './scenes';

const run = promisify(execFile);

/** Where rendered label clips are cached between runs, keyed by their ffmpeg arguments. */
export const sceneDir = join(tmpdir(), 'motion-kiosk-label-clips');

/** ffmpeg arguments that render the scene to an MJPEG Matroska file (a camera's own codec). */
export function sceneArgs(scene: LabelScene, out: string): string[] {
  return [
    ...['-v', 'error', '-y', ...scene.inputs, '-filter_complex', scene.graph, '-map', '[out]'],
    ...['-frames:v', String(scene.seconds * SCENE_FPS), '-r', String(SCENE_FPS)],
    ...['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', '5', '-f', 'matroska', out],
  ];
}

/** Renders the scene's clip once and returns its path; written under a temporary name, then renamed. */
export async function ensureSceneClip(scene: LabelScene): Promise<string> {
  await mkdir(sceneDir, { recursive: true });
  const key = createHash('sha1').update(sceneArgs(scene, '').join(' ')).digest('hex').slice(0, 10);
  const out = join(sceneDir, `${scene.name}-${key}.mkv`);
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    await run('ffmpeg', sceneArgs(scene, tmp));
    await rename(tmp, out);
  }
  return out;
}
