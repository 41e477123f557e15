import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../index';
import { childPids, collectFrames, nextState, silentLog, testSettings } from '../test-support/helpers';

/**
 * The camera apps are the outer boundary here: stand-ins on PATH play them. rpicam-vid records its
 * arguments and writes MJPEG to stdout like the real one; rpicam-hello lists one camera.
 */
async function installFakeApps(dir: string): Promise<void> {
  const vid = [
    '#!/bin/sh',
    `echo "$@" > ${join(dir, 'args')}`,
    'exec /usr/bin/ffmpeg -v error -re -f lavfi -i testsrc=s=640x480:r=15 -c:v mjpeg -f mjpeg -',
  ].join('\n');
  const hello = [
    '#!/bin/sh',
    'echo "Available cameras"',
    'echo "0 : imx708 [4608x2592 10-bit RGGB] (/base/i2c@88000/imx708@1a)"',
  ];
  await writeFile(join(dir, 'rpicam-vid'), `${vid}\n`);
  await writeFile(join(dir, 'rpicam-hello'), `${hello.join('\n')}\n`);
  await chmod(join(dir, 'rpicam-vid'), 0o755);
  await chmod(join(dir, 'rpicam-hello'), 0o755);
}

describe('libcamera source (stand-in camera apps, real ffmpeg)', () => {
  let dir: string;
  let path: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpicam-'));
    await installFakeApps(dir);
    path = process.env.PATH;
    process.env.PATH = `${dir}:${path}`;
  });
  afterAll(async () => {
    process.env.PATH = path;
    await rm(dir, { recursive: true, force: true });
  });

  it("cuts rpicam-vid's MJPEG into frames with gray copies", async () => {
    const source = createSource('libcamera', { camera: 'pi', settings: testSettings, log: silentLog });
    source.start();
    try {
      const frames = await collectFrames(source, 5);
      expect([frames[0].width, frames[0].height]).toEqual([160, 120]);
      expect(frames[0].jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect((await readFile(join(dir, 'args'), 'utf8')).trim()).toBe(
        '-t 0 --codec mjpeg --nopreview --camera 0 --width 640 --height 480 --framerate 15 -o -',
      );
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('goes offline naming the cameras found when the index is not among them', async () => {
    const source = createSource('libcamera:1', { camera: 'pi', settings: testSettings, log: silentLog });
    source.start();
    try {
      expect(await nextState(source, 'offline')).toMatch(/camera 1 not found \(cameras: 0: imx708\)/);
    } finally {
      await source.stop();
    }
  });
});
