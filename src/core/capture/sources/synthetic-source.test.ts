import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegCaps } from '../ffmpeg/ffmpeg-caps';
import { resolveFfmpeg } from '../ffmpeg/ffmpeg-path';
import { createSource } from '../index';
import {
  changedFraction,
  childPids,
  collectFrames,
  grayOf,
  probeJpeg,
  silentLog,
  testSettings,
} from '../test-support/helpers';

describe('synthetic source (real ffmpeg)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives 640x480 JPEGs paired with analysisWidth gray frames in which the figure moves', async () => {
    const source = createSource('synthetic', { camera: 'test', settings: testSettings, log: silentLog });
    const states: string[] = [];
    source.on('state', (state) => states.push(state));
    source.start();
    try {
      // The first crossing starts 2 s in; 15 fps * 4 s covers it.
      const frames = await collectFrames(source, 60);
      expect(states).toEqual(['starting', 'online']);
      expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i + 1));
      const first = frames[0];
      expect(await probeJpeg(dir, first.jpeg)).toBe('mjpeg,640,480');
      expect([first.width, first.height]).toEqual([160, 120]);
      expect(grayOf(first).length).toBe(160 * 120);
      const last = frames.at(-1) ?? first;
      expect(changedFraction(grayOf(first), grayOf(last))).toBeGreaterThan(0.01);
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('draws its clock on the camera picture only: the analysed copy stays still until the figure comes', async () => {
    const source = createSource('synthetic', { camera: 'test', settings: testSettings, log: silentLog });
    source.start();
    try {
      // 1.6 s at 15 fps: the clock ticks at least once, the figure first enters at 2 s.
      const frames = await collectFrames(source, 24);
      expect(frames.every((f) => Buffer.from(grayOf(f)).equals(Buffer.from(grayOf(frames[0]))))).toBe(true);
      const ffmpeg = resolveFfmpeg();
      if ((await ffmpegCaps(ffmpeg)).drawText) {
        expect(frames.some((f) => !f.jpeg.equals(frames[0].jpeg))).toBe(true);
      }
    } finally {
      await source.stop();
    }
  });
});
