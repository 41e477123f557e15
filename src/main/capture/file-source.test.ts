import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from './index';
import {
  childPids,
  collectFrames,
  nextState,
  probeJpeg,
  silentLog,
  testSettings,
} from './test-support/helpers';

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
});
