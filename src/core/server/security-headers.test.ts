import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from '../../shared/csp';
import { SseTestClient } from './testing/sse-test-client';
import { removeDir, startTestServer, type TestServer } from './testing/test-server';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A real server with a one-file dashboard in `staticDir`. */
async function server(): Promise<TestServer> {
  const staticDir = mkdtempSync(join(tmpdir(), 'mk-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>dashboard</title>');
  cleanup.push(() => rmSync(staticDir, { recursive: true, force: true }));
  const s = await startTestServer({ staticDir });
  cleanup.push(async () => {
    await s.close();
    removeDir(s.dataDir);
  });
  return s;
}

describe('security headers', () => {
  it('sends the dashboard CSP, nosniff and no-referrer with the dashboard HTML', async () => {
    const s = await server();
    for (const path of ['/', '/index.html']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('sends them on API answers and errors too', async () => {
    const s = await server();
    for (const [path, status] of [
      ['/api/state', 200],
      ['/api/events?limit=0', 400],
      ['/no-such-page', 404],
    ] as const) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('leaves the /events head as SSE requires it, uncompressed even when gzip is accepted', async () => {
    const s = await server();
    const c = new SseTestClient(s.port, '/events', { 'Accept-Encoding': 'gzip, deflate, br' });
    cleanup.push(() => c.close());
    await c.waitFor(() => c.status !== 0, 10_000, 'the response head');
    expect(c.status).toBe(200);
    expect(c.headers).toEqual({
      connection: 'close',
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
  });
});
