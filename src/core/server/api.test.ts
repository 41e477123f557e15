import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPage, EventRecord } from '../../shared/api';
import { SseTestClient } from './testing/sse-test-client';
import { removeDir, SNAPSHOT, startTestServer, type TestServer, tempDataDir } from './testing/test-server';

let s: TestServer | null = null;
const dirs: string[] = [];

afterEach(async () => {
  if (s) {
    await s.close();
    removeDir(s.dataDir);
    s = null;
  }
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** Response bodies are read loosely; each test checks the fields it cares about. */
// biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary JSON bodies
type Json = any;

async function json(path: string, init?: RequestInit): Promise<{ status: number; body: Json; text: string }> {
  const res = await fetch(`${s?.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

describe('settings', () => {
  const put = (body: string) =>
    json('/api/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body });

  it('returns the settings and applies a valid change, broadcasting it', async () => {
    s = await startTestServer();
    const server = s;
    const c = new SseTestClient(server.port);
    for (let i = 0; i < 200 && server.hub.subscriberCount === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await json('/api/settings')).body.threshold).toBe(2);
    const res = await put('{"threshold": 3.5}');
    expect(res.status).toBe(200);
    expect(res.body.threshold).toBe(3.5);
    await c.waitFor(() => c.messages.some((m) => m.event === 'settings'));
    expect(JSON.parse(c.messages.find((m) => m.event === 'settings')?.data ?? '{}').threshold).toBe(3.5);
    c.close();
  });

  it.each([
    ['an unknown field', '{"nope": 1}'],
    ['a wrong type', '{"threshold": "high"}'],
    ['an out-of-range value', '{"noiseLevel": 999}'],
    ['not an object', '[1,2]'],
    ['broken JSON', '{"threshold": '],
  ])('answers %s with 400, a one-line reason, and changes nothing', async (_name, body) => {
    s = await startTestServer();
    const before = (await json('/api/settings')).body;
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
    expect(res.text).not.toContain('\n');
    expect((await json('/api/settings')).body).toEqual(before);
  });
});

describe('refused settings carry a code', () => {
  it.each([
    ['{"threshold": 101}', { field: 'threshold', code: 'too_big', limit: 100 }],
    ['{"noiseLevel": 0}', { field: 'noiseLevel', code: 'too_small', limit: 1 }],
    ['{"threshold": "high"}', { field: 'threshold', code: 'invalid_type' }],
    ['{"minimumMotionFrames": 1.5}', { field: 'minimumMotionFrames', code: 'not_integer' }],
    ['{"nope": 1}', { field: 'nope', code: 'unknown_key' }],
  ])('%s → %o, with the one-line reason kept', async (body, reason) => {
    s = await startTestServer();
    const res = await json('/api/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(reason);
    expect(res.body.error).toMatch(/\S/);
  });
});

describe('level history', () => {
  it('answers the samples of the last N seconds and refuses a bad N', async () => {
    const samples = [1, 2, 3].map((ts) => ({ camera: 'camera', ts, change: ts, active: false }));
    s = await startTestServer({ levels: (seconds) => samples.filter((l) => l.ts >= 3 - seconds) });
    expect((await json('/api/levels?seconds=1')).body.levels.map((l: Json) => l.ts)).toEqual([2, 3]);
    expect((await json('/api/levels')).body.levels).toHaveLength(3);
    for (const bad of ['0', '181', 'x', '1.5'])
      expect((await json(`/api/levels?seconds=${bad}`)).status).toBe(400);
  });
});

describe('history', () => {
  it('pages newest first with a cursor, each motion with its end', async () => {
    s = await startTestServer();
    for (let i = 0; i < 5; i++) {
      const id = s.motion(i);
      s.hub.publishMotionEnd({
        camera: 'camera',
        motionId: id,
        ts: Date.now() / 1000,
        duration: 1,
        peakChange: i,
        frames: 2,
        box: null,
      });
    }
    const first = (await json('/api/events?limit=2')).body as EventPage;
    expect(first.events.map((e) => e.id)).toEqual([9, 7]);
    expect(first.events[0].end?.motionId).toBe(9);
    expect(first.nextBefore).toBe(7);
    const second = (await json(`/api/events?before=${first.nextBefore}&limit=2`)).body as EventPage;
    expect(second.events.map((e) => e.id)).toEqual([5, 3]);
    const last = (await json(`/api/events?before=${second.nextBefore}&limit=2`)).body as EventPage;
    expect(last.events.map((e) => e.id)).toEqual([1]);
    expect(last.nextBefore).toBeNull();
    const one = (await json('/api/events/3')).body as EventRecord;
    expect(one).toMatchObject({ id: 3, count: 2, end: { id: 4 } });
    const snap = await fetch(`${s.url}/api/events/3/snapshot.jpg`);
    expect(snap.status).toBe(200);
    expect(snap.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await snap.arrayBuffer()).equals(SNAPSHOT)).toBe(true);
  });

  it.each([
    ['/api/events/abc', 400],
    ['/api/events/1.5', 400],
    ['/api/events/-1', 400],
    ['/api/events/0', 400],
    ['/api/events/99', 404],
    ['/api/events/abc/snapshot.jpg', 400],
    ['/api/events/99/snapshot.jpg', 404],
    ['/api/events?before=x', 400],
    ['/api/events?limit=0', 400],
    ['/api/events?limit=100000', 400],
    ['/api/nothing', 404],
  ])('%s → %i with a one-line JSON reason', async (path, status) => {
    s = await startTestServer();
    s.motion();
    const res = await json(path);
    expect(res.status).toBe(status);
    expect(typeof res.body.error).toBe('string');
    expect(res.text).not.toContain('\n');
  });

  it('retention removes snapshot files with their rows; a pruned snapshot is a 404', async () => {
    s = await startTestServer({ retention: { maxEvents: 2 } });
    for (let i = 0; i < 5; i++) s.motion();
    await s.store.prune();
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(s.dataDir, 'snapshots')).sort()).toEqual(['4.jpg', '5.jpg']);
    expect((await json('/api/events')).body.events.map((e: EventRecord) => e.id)).toEqual([5, 4]);
    expect((await fetch(`${s.url}/api/events/1/snapshot.jpg`)).status).toBe(404);
    expect((await json('/api/events/1')).status).toBe(404);
    expect((await fetch(`${s.url}/api/events/5/snapshot.jpg`)).status).toBe(200);
  });
});

describe('state, health, metrics, dashboard', () => {
  it('serves state, health and Prometheus metrics', async () => {
    s = await startTestServer();
    s.motion();
    expect((await json('/api/state')).body).toMatchObject({ count: 1, lastEventId: 1 });
    expect((await json('/healthz')).status).toBe(200);
    const metrics = await fetch(`${s.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^motion_kiosk_events_total 1$/m);
    expect(text).toMatch(/^motion_kiosk_sse_clients 0$/m);
  });

  it('serves the built dashboard at /', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dash</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    s = await startTestServer({ staticDir: dir });
    const index = await fetch(`${s.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('<title>dash</title>');
    expect((await fetch(`${s.url}/assets/app.js`)).status).toBe(200);
  });
});
