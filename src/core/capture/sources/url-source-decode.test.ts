import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../index';
import {
  childPids,
  collectFrames,
  grayOf,
  nextState,
  recordingLog,
  testSettings,
} from '../test-support/helpers';
import { startMjpegServer } from '../test-support/mjpeg-server';
import { testJpegs } from '../test-support/test-jpegs';
import { UrlSource } from './url-source';

/**
 * Mean gray difference allowed between the two decoders, box means against ffmpeg's reduced-size
 * decoding: under one level (0.29 measured on this test's pictures).
 */
const MEAN_DIFF_LIMIT = 1;

describe('bare-JPEG HTTP camera: gray copies made in process (real libjpeg-turbo, real ffmpeg)', () => {
  let jpegs: Buffer[];

  beforeAll(() => {
    jpegs = testJpegs('640x480', 15);
  });
  afterAll(async () => {
    expect(await childPids()).toEqual([]);
  });

  it('decodes a bare-JPEG camera in process with no ffmpeg running, to the gray copy ffmpeg would make', async () => {
    const bare = await startMjpegServer(jpegs, 15, undefined, { bare: true });
    const grays = async (decodeInProcess: boolean) => {
      const lines: string[] = [];
      const source = createSource(`url:${bare.url}`, {
        camera: 'net',
        settings: testSettings,
        log: recordingLog(lines),
        decodeInProcess,
      });
      source.start();
      try {
        const frames = await collectFrames(source, 8);
        const running = await childPids();
        return { frames, running, log: lines.join('') };
      } finally {
        await source.stop();
      }
    };
    try {
      const local = await grays(true);
      const ffmpeg = await grays(false);
      expect(local.running).toEqual([]);
      expect(local.log).not.toContain('spawning ffmpeg');
      expect(ffmpeg.running).toHaveLength(1);
      const byJpeg = new Map(ffmpeg.frames.map((frame) => [frame.jpeg.toString('base64'), grayOf(frame)]));
      let compared = 0;
      for (const frame of local.frames) {
        expect([frame.width, frame.height]).toEqual([160, 120]);
        const other = byJpeg.get(frame.jpeg.toString('base64'));
        if (!other) continue;
        const gray = grayOf(frame);
        let diff = 0;
        for (let i = 0; i < gray.length; i++) diff += Math.abs(gray[i] - other[i]);
        expect(diff / gray.length).toBeLessThan(MEAN_DIFF_LIMIT);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    } finally {
      await bare.close();
    }
    expect(await childPids()).toEqual([]);
  });

  it('goes offline saying why when a camera’s JPEGs cannot be decoded (lossless JPEG), and keeps retrying', async () => {
    const frames = testJpegs('640x480', 5, ['-c:v', 'ljpeg', '-pix_fmt', 'yuvj420p', '-strict', '-1']);
    const bare = await startMjpegServer(frames, 30, undefined, { bare: true });
    const source = new UrlSource(new URL(bare.url), {
      camera: 'net',
      settings: testSettings,
      log: recordingLog([]),
      supervisor: { firstDelayMs: 100 },
    });
    source.start();
    try {
      const why = /30 JPEGs in a row could not be decoded \(a kind of JPEG libjpeg-turbo does not read\)/;
      expect(await nextState(source, 'offline')).toMatch(why);
      expect(await nextState(source, 'offline')).toMatch(why);
    } finally {
      await source.stop();
      await bare.close();
    }
  });
});
