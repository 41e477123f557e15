import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pino from 'pino';
import { defaultSettings } from '../../../shared/settings';
import type { Frame } from '../../frames/frame';
import type { FrameSource, SourceState } from '../frame-source';

export const run = promisify(execFile);

export const silentLog = pino({ level: 'silent' });

/** A logger whose every line lands in `lines`, to check what is logged. */
export function recordingLog(lines: string[]) {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}

/** Settings small and quick enough for tests on a shared machine. */
export const testSettings = { ...defaultSettings, frameRate: 15 };

/** The first retry as a status says it: 1 s with the back-off's ±20 % jitter, so 0.8 s to 1 s after rounding. */
export const firstRetry = 'retrying in (0\\.[89]|1) s';

/** The frame's gray copy; throws for a frame whose decoding was skipped (only feeders skip, when asked to). */
export function grayOf(frame: Frame): Uint8Array {
  if (!frame.gray) throw new Error(`frame ${frame.seq} has no gray copy`);
  return frame.gray;
}

/** Collects `count` frames from a started source, or rejects after `timeoutMs`. */
export function collectFrames(source: FrameSource, count: number, timeoutMs = 15_000): Promise<Frame[]> {
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    const timer = setTimeout(() => {
      source.off('frame', onFrame);
      reject(new Error(`only ${frames.length} of ${count} frames within ${timeoutMs} ms`));
    }, timeoutMs);
    const onFrame = (frame: Frame) => {
      frames.push(frame);
      if (frames.length < count) return;
      clearTimeout(timer);
      source.off('frame', onFrame);
      resolve(frames);
    };
    source.on('frame', onFrame);
  });
}

/** Resolves with the message of the first `state` event equal to `wanted`. */
export function nextState(source: FrameSource, wanted: SourceState, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${wanted} within ${timeoutMs} ms`)), timeoutMs);
    const onState = (state: SourceState, message: string | undefined) => {
      if (state !== wanted) return;
      clearTimeout(timer);
      source.off('state', onState);
      resolve(message ?? '');
    };
    source.on('state', onState);
  });
}

/** Width, height and codec of a JPEG as ffprobe reads it. */
export async function probeJpeg(dir: string, jpeg: Buffer): Promise<string> {
  const file = join(dir, `probe-${Date.now()}.jpg`);
  await writeFile(file, jpeg);
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', file],
  ]);
  return stdout.trim();
}

/** Pids of the live (not zombie) children of this process, read from /proc without spawning. */
export async function childPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command: state, ppid, ...
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === process.pid && state !== 'Z') pids.push(Number(name));
  }
  return pids;
}

/** Fraction of pixels whose gray values differ by more than `noise`. */
export function changedFraction(a: Uint8Array, b: Uint8Array, noise = 25): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > noise) changed++;
  return changed / a.length;
}
