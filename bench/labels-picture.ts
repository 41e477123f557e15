import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { LabelWorker } from '../src/core/labels/label-worker';
import type { Backend } from '../src/core/motion/backend';
import { childrenCpuMs } from './detect-proc';

export interface PictureCost {
  /** Median wall ms from sending a picture to the worker to its reply. */
  wallMs: number;
  /** Median CPU ms of one labelled picture: every thread of this process plus the crop's ffmpeg. */
  cpuMs: number;
  /** Median ms the worker reported for the crop (decode + crop + scale) and for the model. */
  decodeMs: number;
  inferMs: number;
}

/** The camera's own JPEGs (copied out of a scene clip, not re-encoded) from second 3 to 4: the subject is in view. */
export function clipJpegs(clip: string, count = 4): Uint8Array[] {
  const dir = mkdtempSync(join(tmpdir(), 'mk-label-frames-'));
  try {
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-ss',
      '3',
      '-i',
      clip,
      '-frames:v',
      String(count),
      '-c:v',
      'copy',
      join(dir, '%d.jpg'),
    ]);
    return readdirSync(dir).map((name) => readFileSync(join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * What one labelled picture costs through the real worker (ffmpeg crop + model), one at a time as
 * the labeller sends them, after the model has loaded.
 */
export async function measurePicture(
  ffmpeg: string,
  size: number,
  backend: Backend,
  jpegs: Uint8Array[],
  rounds: number,
): Promise<PictureCost> {
  const worker = new LabelWorker({ ffmpeg, size, backends: [backend], log: pino({ level: 'silent' }) });
  const box = { x: 0.25, y: 0.15, w: 0.35, h: 0.75 };
  await worker.label(jpegs[0], box, 0.2);
  const wall: number[] = [];
  const cpu: number[] = [];
  const decode: number[] = [];
  const infer: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const jpeg of jpegs) {
      const used = process.cpuUsage();
      const children = childrenCpuMs();
      const start = performance.now();
      const reply = await worker.label(jpeg, box, 0.2);
      wall.push(performance.now() - start);
      const spent = process.cpuUsage(used);
      cpu.push((spent.user + spent.system) / 1000 + childrenCpuMs() - children);
      decode.push(reply.decodeMs);
      infer.push(reply.inferMs);
    }
  }
  await worker.stop();
  return { wallMs: median(wall), cpuMs: median(cpu), decodeMs: median(decode), inferMs: median(infer) };
}
