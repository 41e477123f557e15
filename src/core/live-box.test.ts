import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../shared/settings';
import { createSource } from './capture/index';
import { grayOf } from './capture/test-support/helpers';
import type { Frame } from './frames/frame';
import { selectBackend } from './motion/backend';
import { type LevelSample, MotionMonitor } from './motion/motion-monitor';
import { ensureClip } from './motion/scenarios/clip';
import { scenarios, WIDTH } from './motion/scenarios/scenarios';

const log = pino({ level: 'silent' });
/** Analysis pixels (4 camera pixels each at 640 → 160) a box edge may be off: the blur's 1 plus rounding. */
const TOLERANCE = 2;
const W = 160;
const H = 120;
/** The room is never darker than 64 and the walker is 32: pixels under this are the walker. */
const WALKER_LEVEL = 48;

/** Where the walker is in a frame, from its pixels: [left, top, right, bottom] (one past the last), or null. */
function walkerIn(gray: Uint8Array, width: number): number[] | null {
  let [left, top, right, bottom] = [width, gray.length / width, 0, 0];
  for (let i = 0; i < gray.length; i++) {
    if (gray[i] >= WALKER_LEVEL) continue;
    const x = i % width;
    const y = Math.floor(i / width);
    [left, top, right, bottom] = [
      Math.min(left, x),
      Math.min(top, y),
      Math.max(right, x + 1),
      Math.max(bottom, y + 1),
    ];
  }
  return right > left ? [left, top, right, bottom] : null;
}

beforeAll(async () => {
  await selectBackend();
});

describe('live box on a file camera', () => {
  it('encloses the walker where it is in every analysed frame of the crossing, not where it was', async () => {
    const walk = scenarios.find((s) => s.name === 'walk');
    if (!walk) throw new Error('no walk scenario');
    const [walker] = walk.objects;
    const clip = await ensureClip(walk);
    const source = createSource(`file:${clip}`, { camera: 'test', settings: defaultSettings, log });
    const monitor = new MotionMonitor({ settings: defaultSettings, log, levelIntervalMs: 0 });
    const levels: { n: number; level: LevelSample; gray: Uint8Array }[] = [];
    // A level belongs to the frame with its time: frames held back while the scene was still are
    // analysed (and their levels sent) when a later frame shows motion.
    const pushed = new Map<number, Frame>();
    monitor.on('level', (level) => {
      const frame = pushed.get(Math.round(level.ts * 1000));
      if (frame) levels.push({ n: frame.seq - 1, level, gray: grayOf(frame) });
    });
    const ended = new Promise<void>((resolve) => {
      source.on('frame', (frame) => {
        pushed.set(frame.ts, frame); // the source counts from 1; the clip's frame n is seq - 1
        monitor.push(frame);
        if (frame.seq - 1 >= walker.to + 10) resolve();
      });
    });
    source.start();
    const deadline = new Promise<void>((_, reject) =>
      setTimeout(() => reject(new Error('the clip did not play')), 60_000).unref(),
    );
    try {
      await Promise.race([ended, deadline]);
    } finally {
      await source.stop();
      monitor.dispose();
    }
    // Frames where at least 16 camera pixels of the walker show (the first barely differs after the blur).
    const crossing = levels.filter(({ n }) => {
      const left = -92 + (n - walker.from) * 8;
      return n >= walker.from && n <= walker.to && Math.min(WIDTH, left + walker.w) - Math.max(0, left) >= 16;
    });
    expect(crossing.length).toBeGreaterThan(80);
    for (const { n, level, gray } of crossing) {
      const want = walkerIn(gray, W);
      const box = level.box;
      expect(box, `frame ${n}`).not.toBeNull();
      if (!box || !want) continue;
      const got = [box.x * W, box.y * H, (box.x + box.w) * W, (box.y + box.h) * H];
      for (let i = 0; i < 4; i++)
        expect(Math.abs(got[i] - want[i]), `frame ${n}, edge ${i}: ${got} vs ${want}`).toBeLessThanOrEqual(
          TOLERANCE,
        );
    }
  }, 90_000);
});
