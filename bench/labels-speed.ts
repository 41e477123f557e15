import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { CenterNet } from '../src/core/labels/centernet';
import { type Backend, selectBackend } from '../src/core/motion/backend';

export interface InferenceSpeed {
  backend: Backend;
  size: number;
  /** Median wall-clock and process-CPU ms of one inference, after a warm-up. */
  wallMs: number;
  cpuMs: number;
  /** Bytes of weights the backend holds. */
  modelBytes: number;
}

/** `size`×`size` RGB of a photograph, as the label worker feeds the model. */
export function photoRgb(path: string, size: number): Uint8Array {
  return execFileSync('ffmpeg', [
    '-v',
    'error',
    '-i',
    path,
    '-vf',
    `scale=${size}:${size}`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ]);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Inference time of the model at `size` on `backend`, over `photos` (paths), `rounds` times each. */
export async function measureInference(
  backend: Backend,
  size: number,
  photos: string[],
  rounds = 3,
): Promise<InferenceSpeed> {
  await selectBackend(undefined, [backend]);
  const model = await CenterNet.load(size);
  const inputs = photos.map((path) => photoRgb(path, size));
  await model.detect(inputs[0], 0.2);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const rgb of inputs) {
      const used = process.cpuUsage();
      const start = performance.now();
      await model.detect(rgb, 0.2);
      wall.push(performance.now() - start);
      const spent = process.cpuUsage(used);
      cpu.push((spent.user + spent.system) / 1000);
    }
  }
  const modelBytes = model.bytes;
  model.dispose();
  if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors leaked`);
  return { backend, size, wallMs: median(wall), cpuMs: median(cpu), modelBytes };
}
