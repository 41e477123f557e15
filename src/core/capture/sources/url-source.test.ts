import { execFileSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../index';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';
import { childPids, collectFrames, grayOf, nextState, testSettings } from '../test-support/helpers';
import { startMjpegServer } from '../test-support/mjpeg-server';
import { UrlSource } from './url-source';

/** A logger whose every line lands in `lines`, to check what is logged. */
function recordingLog(lines: string[]) {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}

/**
 * Mean gray difference allowed between the two decoders, box means against ffmpeg's reduced-size
 * decoding: under one level (0.29 measured on this test's pictures).
 */
const MEAN_DIFF_LIMIT = 1;

describe('url source (real ffmpeg, local HTTP MJPEG camera)', () => {
  let jpegs: Buffer[];
  let camera: Awaited<ReturnType<typeof startMjpegServer>>;

  beforeAll(async () => {
    const mjpeg = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=640x480:r=15', '-frames:v', '15'],
      ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', '-'],
    ]);
    jpegs = [];
    new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
    camera = await startMjpegServer(jpegs, 15);
  });
  afterAll(async () => {
    await camera.close();
  });

  it("passes the camera's JPEGs through untouched, with gray frames, and never shows the password", async () => {
    const lines: string[] = [];
    const url = camera.url.replace('http://', 'http://admin:s3cret-pw@');
    const source = createSource(`url:${url}`, {
      camera: 'net',
      settings: testSettings,
      log: recordingLog(lines),
    });
    expect(source.description).not.toContain('s3cret-pw');
    expect(source.description).toContain('127.0.0.1');
    source.start();
    try {
      const frames = await collectFrames(source, 10);
      const known = new Set(jpegs.map((jpeg) => jpeg.toString('base64')));
      for (const frame of frames) expect(known.has(frame.jpeg.toString('base64'))).toBe(true);
      expect([frames[0].width, frames[0].height]).toEqual([160, 120]);
    } finally {
      await source.stop();
    }
    expect(lines.join('')).toContain('spawning ffmpeg');
    expect(lines.join('')).not.toContain('s3cret-pw');
    expect(await childPids()).toEqual([]);
  });

  it('reads a bare-JPEG HTTP camera itself: each frame out before the next JPEG is sent, Basic auth', async () => {
    const auth: (string | undefined)[] = [];
    // Three JPEGs per connection, then silence: ffmpeg cutting bare JPEGs would hold back the third.
    const bare = await startMjpegServer(jpegs, 15, 3, {
      bare: true,
      onRequest: (req) => auth.push(req.headers.authorization),
    });
    const source = createSource(`url:${bare.url.replace('http://', 'http://admin:s3cret-pw@')}`, {
      camera: 'net',
      settings: testSettings,
      log: recordingLog([]),
    });
    source.start();
    try {
      const frames = await collectFrames(source, 3, 8000);
      expect(frames.map((frame) => frame.jpeg)).toEqual(jpegs.slice(0, 3));
      expect(auth.at(-1)).toBe(`Basic ${Buffer.from('admin:s3cret-pw').toString('base64')}`);
    } finally {
      await source.stop();
      await bare.close();
    }
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
    const lossless = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=640x480:r=15', '-frames:v', '5'],
      ...['-c:v', 'ljpeg', '-pix_fmt', 'yuvj420p', '-strict', '-1', '-f', 'mjpeg', '-'],
    ]);
    const frames: Buffer[] = [];
    new MjpegSplitter((jpeg) => frames.push(jpeg)).push(lossless);
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

  it('leaves a bare-JPEG camera to ffmpeg when it refuses the feeder (HTTP 401: digest only)', async () => {
    // Stand-in for a camera wanting digest authentication, which ffmpeg speaks and the feeder does not.
    const server = createHttpServer((req, res) => {
      if (!req.headers['user-agent']?.startsWith('Lavf')) {
        res.writeHead(401, { 'WWW-Authenticate': 'Digest realm="cam", nonce="1"' }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      let n = 0;
      const timer = setInterval(() => res.write(jpegs[n++ % jpegs.length]), 1000 / 15);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const source = new UrlSource(new URL(`http://127.0.0.1:${port}/cam`), {
      camera: 'net',
      settings: testSettings,
      log: recordingLog([]),
      supervisor: { firstDelayMs: 100 },
    });
    source.start();
    try {
      expect(await nextState(source, 'offline')).toMatch(/HTTP 401/);
      expect((await collectFrames(source, 3)).map((frame) => frame.width)).toEqual([160, 160, 160]);
    } finally {
      await source.stop();
      server.closeAllConnections();
      server.close();
    }
  });

  it('goes offline with a masked reason when the camera cannot be reached', async () => {
    const lines: string[] = [];
    const source = createSource('url:http://admin:s3cret-pw@127.0.0.1:1/cam', {
      camera: 'net',
      settings: testSettings,
      log: recordingLog(lines),
    });
    source.start();
    try {
      const message = await nextState(source, 'offline');
      expect(message).toMatch(/refused|error/i);
      expect(message).not.toContain('s3cret-pw');
    } finally {
      await source.stop();
    }
    expect(lines.join('')).not.toContain('s3cret-pw');
  });

  it('stop() while probing a camera that never answers ends the probe at once', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const source = createSource(`url:http://127.0.0.1:${port}/cam`, {
      camera: 'net',
      settings: testSettings,
      log: recordingLog([]),
    });
    source.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await childPids()).toHaveLength(1);
    } finally {
      await source.stop();
      silent.close();
    }
    expect(await childPids()).toEqual([]);
  });

  it('restarts a camera that stops sending frames', async () => {
    const hanging = await startMjpegServer(jpegs, 15, 5);
    const source = new UrlSource(new URL(hanging.url), {
      camera: 'net',
      settings: testSettings,
      log: recordingLog([]),
      supervisor: { watchdogMs: 1000 },
    });
    source.start();
    try {
      await nextState(source, 'online');
      expect(await nextState(source, 'offline')).toMatch(/no frame for 1 s; retrying/);
      await nextState(source, 'online');
    } finally {
      await source.stop();
      await hanging.close();
    }
  });
});
