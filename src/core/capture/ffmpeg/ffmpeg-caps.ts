import { runTool } from './run-tool';

/** What the ffmpeg at hand can do, where builds differ. */
export interface FfmpegCaps {
  /** `-fps_mode` (ffmpeg 5.1+); older builds only have the global `-vsync`, which 9.0 removed. */
  fpsMode: boolean;
  /** The drawtext filter with a default font (needs libfreetype and fontconfig). */
  drawText: boolean;
}

const cache = new Map<string, Promise<FfmpegCaps>>();

/** Tries `filter` and `outputOptions` on a one-frame null run; true when ffmpeg accepts them. */
async function accepts(ffmpeg: string, filter: string, outputOptions: string[]): Promise<boolean> {
  const args = ['-v', 'error', '-f', 'lavfi', '-i', `nullsrc=s=32x32:d=0.04,${filter}`, ...outputOptions];
  return (await runTool(ffmpeg, [...args, '-f', 'null', '-'], { timeoutMs: 10_000 })).ok;
}

/** Probes an ffmpeg binary once (two runs of a few tens of ms) and remembers the answer. */
export function ffmpegCaps(ffmpeg: string): Promise<FfmpegCaps> {
  let caps = cache.get(ffmpeg);
  if (!caps) {
    caps = Promise.all([
      accepts(ffmpeg, 'null', ['-fps_mode', 'passthrough']),
      accepts(ffmpeg, 'drawtext=text=0', []),
    ]).then(([fpsMode, drawText]) => ({ fpsMode, drawText }));
    cache.set(ffmpeg, caps);
  }
  return caps;
}

/**
 * Adapts arguments written for current ffmpeg (`-fps_mode passthrough` per output) to one without
 * `-fps_mode`: the global `-vsync passthrough` means the same there.
 */
export function withoutFpsMode(args: string[]): string[] {
  const out: string[] = ['-vsync', 'passthrough'];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-fps_mode') i++;
    else out.push(args[i]);
  }
  return out;
}
