import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/settings';
import { selectBackend } from './backend';
import { MotionDetector } from './detector';
import { flat, withSquare } from './test-frames';

it('holds the same number of tensors over 10,000 frames of motion, lighting changes and resets', async () => {
  await selectBackend();
  const masked: Settings = {
    ...defaultSettings,
    masks: [
      [
        [0, 0],
        [0.3, 0],
        [0, 0.3],
      ],
    ],
  };
  const detector = new MotionDetector(defaultSettings);
  const base = flat(64, 48, 80);
  const counts: number[] = [];
  let moving = 0;
  for (let i = 0; i < 10_000; i++) {
    const size = i % 2000 < 1000 ? 64 : 32;
    const gray =
      i % 500 === 250
        ? flat(size, (size * 3) / 4, 250)
        : withSquare(size === 64 ? base : flat(32, 24, 80), size, {
            x: i % (size - 8),
            y: 4,
            size: 8,
            level: 200,
          });
    if (detector.analyse(gray, size, (size * 3) / 4).change > 0) moving++;
    if (i % 3000 === 1500) detector.updateSettings(i % 6000 === 1500 ? masked : defaultSettings);
    if (i % 1000 === 999) counts.push(tf.memory().numTensors);
  }
  detector.dispose();
  expect(moving).toBeGreaterThan(9000);
  expect(new Set(counts).size).toBe(1);
  expect(tf.memory().numTensors).toBe(0);
});
