import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../frames/frame';
import { createSource } from '../index';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';
import {
  childPids,
  collectFrames,
  grayOf,
  nextState,
  probeJpeg,
  silentLog,
  testSettings,
} from '../test-support/helpers';

function mean(pixels: Uint8Array): number {
  return pixels.reduce((sum, v) => sum + v, 0) / pixels.length;
}

/** Writes a short test clip with ffmpeg. */
function makeClip(file: string, codecArgs: string[], seconds: number): void {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=s=320x240:r=15:d=${seconds}`],
    ...codecArgs,
    file,
  ]);
}

describe('file source (real ffmpeg)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture file '));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replays an MJPEG clip once at its native rate, passing its JPEGs through, then goes offline', async () => {
    const clip = join(dir, 'clip.avi');
    makeClip(clip, ['-c:v', 'mjpeg'], 1);
    const source = createSource(`file:${clip}`, { camera: 'f', settings: testSettings, log: silentLog });
    source.start();
    try {
      const ended = nextState(source, 'offline');
      const frames = await collectFrames(source, 10);
      expect(await probeJpeg(dir, frames[0].jpeg)).toBe('mjpeg,320,240');
      expect([frames[0].width, frames[0].height]).toEqual([160, 120]);
      expect(await ended).toMatch(/end of input/);
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('loops an H.264 clip with `?loop`, encoding it to JPEG', async () => {
    const clip = join(dir, 'clip.mp4');
    makeClip(clip, ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], 0.4);
    const source = createSource(`file:${clip}?loop`, { camera: 'f', settings: testSettings, log: silentLog });
    const states: string[] = [];
    source.on('state', (state) => states.push(state));
    source.start();
    try {
      // 0.4 s holds 6 frames: 12 frames means it went round at least once.
      const frames = await collectFrames(source, 12);
      expect(await probeJpeg(dir, frames[11].jpeg)).toBe('mjpeg,320,240');
      expect(states).toEqual(['starting', 'online']);
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('re-aligns JPEG and gray after a JPEG that fails to decode', async () => {
    // Frame n is a uniform gray of level 40 + 3n, so its gray picture says which frame it is.
    const mjpeg = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', "color=s=160x120:r=25,geq=lum='40+3*N':cb=128:cr=128"],
      ...['-frames:v', '60', '-q:v', '3', '-f', 'mjpeg', '-'],
    ]);
    const jpegs: Buffer[] = [];
    new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
    // The gray level of each frame as ffmpeg decodes it, before one is spoilt.
    const raw = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'mjpeg', '-i', '-', '-vf', 'format=gray', '-f', 'rawvideo', '-'],
      {
        input: mjpeg,
        maxBuffer: 1 << 24,
      },
    );
    const size = 160 * 120;
    const levels = jpegs.map((_, n) => mean(raw.subarray(n * size, (n + 1) * size)));
    // Spoil frame 5's Huffman code counts (its segment lengths stay right): ffmpeg copies it but cannot decode it.
    const dht = jpegs[5].indexOf(Buffer.from([0xff, 0xc4]));
    jpegs[5].fill(0xff, dht + 5, dht + 21);
    const clip = join(dir, 'levels.mjpeg');
    await writeFile(clip, Buffer.concat(jpegs));
    const source = createSource(`file:${clip}`, { camera: 'f', settings: testSettings, log: silentLog });
    const frames: Frame[] = [];
    source.on('frame', (frame) => frames.push(frame));
    source.start();
    try {
      await nextState(source, 'offline');
    } finally {
      await source.stop();
    }
    const mismatched = frames.map((frame) => {
      const n = jpegs.findIndex((jpeg) => jpeg.equals(frame.jpeg));
      return Math.abs(mean(grayOf(frame)) - levels[n]) > 1;
    });
    expect(frames.length).toBeGreaterThanOrEqual(55);
    expect(mismatched.slice(0, 5)).toEqual([false, false, false, false, false]);
    expect(mismatched.slice(-15).every((bad) => !bad)).toBe(true);
  });
});
