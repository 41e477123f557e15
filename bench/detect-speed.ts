import * as tf from '@tensorflow/tfjs-core';
import { type Backend, selectBackend } from '../src/core/motion/backend';
import { MotionDetector } from '../src/core/motion/detector';
import { defaultSettings } from '../src/shared/settings';

export interface SpeedResult {
  backend: Backend;
  width: number;
  /** Wall-clock ms per analysed frame. */
  wallMs: number;
  /** Process CPU ms (all threads) per analysed frame. */
  cpuMs: number;
}

/** Detector time per frame on `backend` at the frames' width, after a warm-up. */
export async function measureSpeed(
  backend: Backend,
  frames: Uint8Array[],
  width: number,
): Promise<SpeedResult> {
  await selectBackend(undefined, [backend]);
  const height = frames[0].length / width;
  const detector = new MotionDetector({ ...defaultSettings, analysisWidth: width });
  for (let i = 0; i < 30; i++) detector.analyse(frames[i % frames.length], width, height);
  const rounds = Math.max(1, Math.ceil(600 / frames.length));
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const gray of frames) detector.analyse(gray, width, height);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  detector.dispose();
  const n = rounds * frames.length;
  if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors leaked`);
  return { backend, width, wallMs: wall / n, cpuMs: (used.user + used.system) / 1000 / n };
}
