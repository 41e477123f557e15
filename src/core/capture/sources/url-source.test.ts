import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../index';
import { childPids, collectFrames, nextState, recordingLog, testSettings } from '../test-support/helpers';
import { startMjpegServer } from '../test-support/mjpeg-server';
import { testJpegs } from '../test-support/test-jpegs';
import { UrlSource } from './url-source';

describe('url source (real ffmpeg, local HTTP MJPEG camera)', () => {
  let jpegs: Buffer[];
  let camera: Awaited<ReturnType<typeof startMjpegServer>>;

  beforeAll(async () => {
    jpegs = testJpegs('640x480', 15);
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

  // A bare-JPEG camera is read by Node (HttpJpegFeeder, no socket timeout of its own), a multipart one by ffmpeg.
  it.each([
    ['multipart', false],
    ['bare-JPEG', true],
  ])('restarts a %s camera that stops sending frames with its connection open', async (_kind, bare) => {
    const hanging = await startMjpegServer(jpegs, 15, 5, { bare });
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
