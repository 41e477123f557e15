import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../index';
import {
  childPids,
  collectFrames,
  nextState,
  probeJpeg,
  silentLog,
  testSettings,
} from '../test-support/helpers';

describe('webcam source (real node-webcam, fswebcam and ffmpeg)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'capture-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("gives frames from fswebcam's test picture", async () => {
    const source = createSource('webcam:test', { camera: 'w', settings: testSettings, log: silentLog });
    source.start();
    try {
      const frames = await collectFrames(source, 5);
      expect(await probeJpeg(dir, frames[0].jpeg)).toBe('mjpeg,640,480');
      expect([frames[0].width, frames[0].height]).toEqual([160, 120]);
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('goes offline naming fswebcam when it is not installed', async () => {
    const path = process.env.PATH;
    process.env.PATH = dir;
    const source = createSource('webcam:test', {
      camera: 'w',
      settings: testSettings,
      log: silentLog,
      ffmpeg: '/usr/bin/ffmpeg',
    });
    try {
      source.start();
      expect(await nextState(source, 'offline')).toMatch(/fswebcam not found/);
    } finally {
      process.env.PATH = path;
      await source.stop();
    }
  });

  it('goes offline naming fswebcam and the device when the device is missing', async () => {
    const source = createSource('webcam:/dev/video63', {
      camera: 'w',
      settings: testSettings,
      log: silentLog,
    });
    source.start();
    try {
      expect(await nextState(source, 'offline')).toMatch(
        /^fswebcam \/dev\/video63: No webcam found; retrying/,
      );
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });
});
