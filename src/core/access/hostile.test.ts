import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSourceSpec } from '../capture/source-spec';
import { configFileSchema } from '../config/config-file';
import { SseTestClient } from '../server/testing/sse-test-client';
import { removeDir, startTestServer, type TestServer, type TestSession } from '../server/testing/test-server';
import { json, send } from './testing/http';

/**
 * Hostile input against the running server with access control on, as an admin (the strongest caller): every
 * request gets a clear 4xx (or its connection closed), and afterwards settings and the event history are byte for
 * byte what they were, and a normal client is still served.
 */
let s: TestServer;
let admin: TestSession;
let before: { settings: string; events: string; lastId: number };

async function snapshotState() {
  const settings = (await send(`${s.url}/api/settings`, { headers: admin.headers })).body;
  const events = (await send(`${s.url}/api/events?limit=500`, { headers: admin.headers })).body;
  return { settings, events, lastId: s.hub.lastId };
}

/** Sends raw bytes on a fresh connection; resolves with what came back once the server closes it. */
function raw(bytes: string, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(s.port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', () => {});
    socket.write(bytes);
  });
}

const put = (body: string, headers: Record<string, string> = json(admin.headers)) =>
  send(`${s.url}/api/settings`, { method: 'PUT', headers, body });

function expectOneLine4xx(answer: { status: number; body: string }, status: number) {
  expect(answer.status).toBe(status);
  expect(JSON.parse(answer.body).error).toMatch(/^[^\r\n]+$/);
}

beforeAll(async () => {
  s = await startTestServer({
    auth: true,
    limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 200 },
  });
  admin = s.session('admin');
  s.motion(3);
  s.motion(4);
  before = await snapshotState();
});

afterAll(async () => {
  await s?.close();
  if (s) removeDir(s.dataDir);
});

describe('cross-site writes (CSRF)', () => {
  it('refuses a foreign Origin, a cross-site Sec-Fetch-Site, a missing token, text/plain and form bodies', async () => {
    const body = JSON.stringify({ threshold: 50 });
    expectOneLine4xx(await put(body, json({ ...admin.headers, origin: 'https://evil.example' })), 403);
    expectOneLine4xx(await put(body, json({ ...admin.headers, 'sec-fetch-site': 'cross-site' })), 403);
    expectOneLine4xx(await put(body, json({ cookie: admin.cookie, origin: s.url })), 403);
    expectOneLine4xx(await put(body, { ...admin.headers, 'content-type': 'text/plain' }), 415);
    expectOneLine4xx(
      await put('threshold=50', { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
    // A cross-site form cannot even sign out or pair.
    const signOut = await send(`${s.url}/api/sign-out`, {
      method: 'POST',
      headers: { ...admin.headers, origin: 'null' },
    });
    expect(signOut.status).toBe(403);
    expect(await snapshotState()).toEqual(before);
    // The same request from the dashboard's own origin, with the token, goes through (and is undone).
    const ok = await put(body, json({ ...admin.headers, origin: s.url, 'sec-fetch-site': 'same-origin' }));
    expect(ok.status).toBe(200);
    const undo = JSON.stringify({ threshold: JSON.parse(before.settings).threshold });
    expect((await put(undo)).status).toBe(200);
  });
});

describe('hostile bodies and parameters', () => {
  it('refuses oversized, malformed, mistyped, out-of-range and non-finite JSON, and prototype keys', async () => {
    expectOneLine4xx(await put(JSON.stringify({ threshold: 3, pad: 'x'.repeat(300_000) })), 413);
    expectOneLine4xx(await put('{"threshold": 3'), 400);
    expectOneLine4xx(await put('[]'), 400);
    expectOneLine4xx(await put('null'), 400);
    expectOneLine4xx(await put(JSON.stringify({ threshold: '50' })), 400);
    expectOneLine4xx(await put(JSON.stringify({ threshold: -5 })), 400);
    expectOneLine4xx(await put(JSON.stringify({ threshold: 1e308 * 10 })), 400);
    expectOneLine4xx(await put('{"threshold": 1e999}'), 400);
    expectOneLine4xx(await put('{"__proto__": {"threshold": 99}}'), 400);
    expectOneLine4xx(await put('{"constructor": {"prototype": {"threshold": 99}}}'), 400);
    expectOneLine4xx(await put(JSON.stringify({ masks: [[{ x: 'a', y: 0 }]] })), 400);
    expectOneLine4xx(await put(JSON.stringify({ source: 'v4l2:/dev/video0; rm -rf ~' })), 400);
    expect(({} as Record<string, unknown>).threshold).toBeUndefined();
    expect(await snapshotState()).toEqual(before);
  });

  it('refuses traversal and absurd ids in snapshot routes, and out-of-range ?fps, ?limit, ?before', async () => {
    const paths = [
      '/api/events/..%2F..%2F..%2Fetc%2Fpasswd/snapshot.jpg',
      '/api/events/%2e%2e/snapshot.jpg',
      '/api/events/99999999999999999999999/snapshot.jpg',
      '/api/events/-1/snapshot.jpg',
      '/api/events/0x10',
      '/api/events/1e3',
      '/api/events/0',
      '/stream.mjpg?fps=0',
      '/stream.mjpg?fps=1e9',
      '/stream.mjpg?fps=NaN',
      '/stream.mjpg?fps=Infinity',
      '/api/events?limit=0',
      '/api/events?limit=100000',
      '/api/events?limit=-1',
      '/api/events?before=abc',
      '/api/events?before=1e99',
      '/snapshot.jpg?camera=..%2F..',
    ];
    for (const path of paths) {
      const answer = await send(`${s.url}${path}`, { headers: admin.headers });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(JSON.parse(answer.body).error, path).toMatch(/^[^\r\n]+$/);
    }
    const missing = await send(`${s.url}/api/events/${before.lastId + 1000}/snapshot.jpg`, {
      headers: admin.headers,
    });
    expect(missing.status).toBe(404);
  });

  it('ignores an absurd Last-Event-ID (no replay, no error) and a CRLF in a header closes the request', async () => {
    for (const id of ['abc', '-5', '1e309', '99999999999999999999999', '999999999999999']) {
      const c = new SseTestClient(s.port, '/events', { Cookie: admin.cookie, 'Last-Event-ID': id });
      await c.waitFor(() => c.status !== 0, 10_000, 'the head');
      expect(c.status, id).toBe(200);
      expect(c.ids, id).toEqual([]);
      c.close();
    }
    const crlf = await raw(
      `GET /api/state HTTP/1.1\r\nHost: x\r\nCookie: ${admin.cookie}\rX-Injected: 1\r\n\r\n`,
    );
    expect(crlf).toMatch(/^HTTP\/1\.1 400/);
    const nul = await raw(`GET /api/state HTTP/1.1\r\nHost: x\r\nX-Name: a\u0000b\r\n\r\n`);
    expect(nul).toMatch(/^HTTP\/1\.1 400/);
  });

  it('rejects device strings with shell metacharacters in the config file, before anything runs', () => {
    for (const spec of [
      'v4l2:/dev/video0;reboot',
      'v4l2:/dev/video0 && reboot',
      'v4l2:$(reboot)',
      'webcam:`reboot`',
      'libcamera:0|reboot',
      'url:http://cam/\nreboot',
    ]) {
      expect(() => parseSourceSpec(spec), spec).toThrow();
    }
    expect(configFileSchema.safeParse({ tls: { cert: 'a', key: 'b', extra: '$(reboot)' } }).success).toBe(
      false,
    );
  });

  it('drops a slowloris client that never finishes its headers, while a normal client is served', async () => {
    const socket = connect(s.port, '127.0.0.1');
    let closed = false;
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => {});
    socket.write('GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // One header byte every 100 ms: never a complete request, always some traffic.
    for (let i = 0; i < 200 && !closed; i++) {
      socket.write('X');
      if (i === 5) expect((await send(`${s.url}/healthz`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(closed).toBe(true);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect((await send(`${s.url}/api/state`, { headers: admin.headers })).status).toBe(200);
    expect(await snapshotState()).toEqual(before);
  });
});
