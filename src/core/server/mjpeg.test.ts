import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MJPEG_BOUNDARY } from './mjpeg-viewer';
import { frameOf, generateJpegs } from './testing/jpegs';
import { removeDir, startTestServer, type TestServer } from './testing/test-server';

let s: TestServer;
let jpegs: Buffer[];
/** What the server's `sceneStill` answers. */
let still = false;

beforeAll(async () => {
  jpegs = generateJpegs(30, 640, 480);
  s = await startTestServer({ sceneStill: () => still });
});

afterAll(async () => {
  await s.close();
  removeDir(s.dataDir);
});

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a multipart/x-mixed-replace body strictly: each part must be boundary, headers, exactly Content-Length bytes, CRLF. */
function parseParts(body: Buffer): { parts: Part[]; rest: Buffer } {
  const parts: Part[] = [];
  let at = 0;
  for (;;) {
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const lines = body.subarray(at, headEnd).toString('latin1').split('\r\n');
    expect(lines[0]).toBe(`--${MJPEG_BOUNDARY}`);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length']);
    const end = headEnd + 4 + length;
    if (body.length < end + 2) break;
    expect(body.subarray(end, end + 2).toString()).toBe('\r\n');
    parts.push({ headers, body: body.subarray(headEnd + 4, end) });
    at = end + 2;
  }
  return { parts, rest: body.subarray(at) };
}

/** Opens a raw viewer; returns its socket and everything received after the response head. */
function viewer(path: string) {
  const socket = connect(s.port, '127.0.0.1');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  const state = { head: '', body: Buffer.alloc(0) };
  let raw = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    if (state.head) {
      state.body = Buffer.concat([state.body, chunk]);
      return;
    }
    raw = Buffer.concat([raw, chunk]);
    const end = raw.indexOf('\r\n\r\n');
    if (end >= 0) {
      state.head = raw.subarray(0, end).toString();
      state.body = raw.subarray(end + 4);
    }
  });
  return { socket, state };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  return Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${name} `))
      ?.split(' ')[1] ?? Number.NaN,
  );
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!predicate()) throw new Error(`timed out waiting for ${what}`);
}

describe('live view', () => {
  it('answers /snapshot.jpg with 503 and a reason before the first frame', async () => {
    const res = await fetch(`${s.url}/snapshot.jpg`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { error: string }).error).toMatch(/no frame yet/);
  });

  it('streams well-formed parts carrying the camera JPEGs unchanged, to every viewer', async () => {
    const a = viewer('/stream.mjpg');
    const b = viewer('/stream.mjpg');
    await until(() => s.bus.subscriberCount >= 2, 'viewers subscribed');
    for (let i = 0; i < 10; i++) {
      s.bus.publish(frameOf(jpegs[i], i));
      await until(
        () => parseParts(a.state.body).parts.length > i && parseParts(b.state.body).parts.length > i,
        'part',
      );
    }
    for (const v of [a, b]) {
      expect(v.state.head).toMatch(
        new RegExp(`content-type: multipart/x-mixed-replace; boundary=${MJPEG_BOUNDARY}`, 'i'),
      );
      const { parts, rest } = parseParts(v.state.body);
      expect(rest.length).toBe(0);
      expect(parts.length).toBe(10);
      parts.forEach((part, i) => {
        expect(part.headers['content-type']).toBe('image/jpeg');
        expect(part.body.equals(jpegs[i])).toBe(true);
      });
      v.socket.destroy();
    }
  });

  it('serves the latest frame at /snapshot.jpg', async () => {
    s.bus.publish(frameOf(jpegs[3], 100));
    const res = await fetch(`${s.url}/snapshot.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(jpegs[3])).toBe(true);
  });

  it('skips frames for a viewer that does not read instead of queueing them', async () => {
    const slow = viewer('/stream.mjpg');
    await until(() => slow.state.head !== '', 'response head');
    slow.socket.pause();
    const skippedBefore = await metric('motion_kiosk_mjpeg_frames_skipped_total');
    const sentBefore = await metric('motion_kiosk_mjpeg_frames_sent_total');
    // Publish until the kernel buffers are full and the server has skipped 100 frames.
    let published = 0;
    while (
      (await metric('motion_kiosk_mjpeg_frames_skipped_total')) - skippedBefore < 100 &&
      published < 20_000
    ) {
      for (let i = 0; i < 50; i++, published++)
        s.bus.publish(frameOf(jpegs[published % jpegs.length], 1000 + published));
      await new Promise((r) => setTimeout(r, 5));
    }
    const sent = (await metric('motion_kiosk_mjpeg_frames_sent_total')) - sentBefore;
    const skipped = (await metric('motion_kiosk_mjpeg_frames_skipped_total')) - skippedBefore;
    expect(skipped).toBeGreaterThanOrEqual(100);
    expect(sent + skipped).toBe(published);
    slow.socket.resume();
    // +1: the latest frame, sent on connect before the counters were read.
    await until(() => parseParts(slow.state.body).parts.length === sent + 1, 'every sent part');
    const { parts, rest } = parseParts(slow.state.body);
    expect(rest.length).toBe(0);
    for (const part of parts) expect(jpegs.some((j) => j.equals(part.body))).toBe(true);
    slow.socket.destroy();
  });

  it('caps one viewer with ?fps=N', async () => {
    const capped = viewer('/stream.mjpg?fps=1');
    await until(() => capped.state.head !== '', 'response head');
    for (let i = 0; i < 20; i++) {
      s.bus.publish(frameOf(jpegs[i], 2000 + i));
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    // 20 frames over ~0.3 s at 1 fps: the first one (sent on connect) and at most one more.
    expect(parseParts(capped.state.body).parts.length).toBeLessThanOrEqual(2);
    capped.socket.destroy();
  });

  it('sends a still scene at ?stillFps=N and every frame again once it moves', async () => {
    const capped = viewer('/stream.mjpg?stillFps=1');
    await until(() => capped.state.head !== '', 'response head');
    const publish = async (from: number) => {
      for (let i = 0; i < 20; i++) {
        s.bus.publish(frameOf(jpegs[i], from + i));
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 100));
      return parseParts(capped.state.body).parts.length;
    };
    still = true;
    // The frame sent on connect, then at most one more in ~0.3 s at 1 fps.
    const whileStill = await publish(3000);
    expect(whileStill).toBeLessThanOrEqual(2);
    still = false;
    // Moving: every frame the socket takes (a local one takes nearly all 20).
    expect((await publish(4000)) - whileStill).toBeGreaterThanOrEqual(10);
    capped.socket.destroy();
  });

  it('rejects ?stillFps=0 with 400 and a reason naming it', async () => {
    const res = await fetch(`${s.url}/stream.mjpg?stillFps=0`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^stillFps must be/);
  });

  it.each(['0', '-1', 'abc', '1e3', '61', ''])('rejects ?fps=%s with 400 and a reason', async (fps) => {
    const res = await fetch(`${s.url}/stream.mjpg?fps=${fps}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/fps/);
  });

  it('answers 404 for an unknown camera', async () => {
    const res = await fetch(`${s.url}/stream.mjpg?camera=nope`);
    expect(res.status).toBe(404);
  });
});

describe('live view limits', () => {
  it('answers 503 with Retry-After past the viewer limit, and counts frames in /metrics', async () => {
    const limited = await startTestServer({ maxViewers: 1 });
    try {
      const socket = connect(limited.port, '127.0.0.1');
      socket.write('GET /stream.mjpg HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((resolve) => socket.once('data', resolve));
      const refused = await fetch(`${limited.url}/stream.mjpg`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(((await refused.json()) as { error: string }).error).toMatch(/too many live viewers/);
      limited.bus.publish(frameOf(jpegs[0], 1));
      limited.bus.publish(frameOf(jpegs[1], 2));
      const metrics = await (await fetch(`${limited.url}/metrics`)).text();
      expect(metrics).toMatch(/^motion_kiosk_frames_total\{camera="camera"\} 2$/m);
      expect(metrics).toMatch(/^motion_kiosk_mjpeg_viewers 1$/m);
      socket.destroy();
    } finally {
      await limited.close();
      removeDir(limited.dataDir);
    }
  });
});
