import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createSource } from '../index';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';
import { collectFrames, grayOf, silentLog, testSettings } from '../test-support/helpers';
import { startMjpegServer } from '../test-support/mjpeg-server';

/** The static ffmpeg of @ffmpeg-installer (a 2018 build), used when PATH has none. */
const bundled = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

describe('with the bundled @ffmpeg-installer ffmpeg', () => {
  it('synthetic gives paired frames', async () => {
    const source = createSource('synthetic', {
      camera: 'old',
      settings: testSettings,
      log: silentLog,
      ffmpeg: bundled,
    });
    source.start();
    try {
      const frames = await collectFrames(source, 5);
      expect([frames[0].width, frames[0].height, grayOf(frames[0]).length]).toEqual([160, 120, 160 * 120]);
    } finally {
      await source.stop();
    }
  });

  it('url passes an HTTP MJPEG camera through', async () => {
    const jpegs: Buffer[] = [];
    const mjpeg = execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=s=640x480',
      '-frames:v',
      '3',
      '-f',
      'mjpeg',
      '-',
    ]);
    new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
    const camera = await startMjpegServer(jpegs, 15);
    const source = createSource(`url:${camera.url}`, {
      camera: 'old',
      settings: testSettings,
      log: silentLog,
      ffmpeg: bundled,
    });
    source.start();
    try {
      const frames = await collectFrames(source, 5);
      expect(jpegs.some((jpeg) => jpeg.equals(frames[4].jpeg))).toBe(true);
      expect(frames[4].width).toBe(160);
    } finally {
      await source.stop();
      await camera.close();
    }
  });
});
