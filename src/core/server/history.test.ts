import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPage } from '../../shared/api';
import type { LabelScore } from '../../shared/events';
import { openEventStore } from '../events/event-store';
import { SCHEMA } from '../events/snapshot-files';
import { SseTestClient } from './testing/sse-test-client';
import { removeDir, SNAPSHOT, startTestServer, type TestServer, tempDataDir } from './testing/test-server';

let s: TestServer;
const dirs: string[] = [];

afterEach(async () => {
  await s?.close();
  if (s) removeDir(s.dataDir);
  for (const dir of dirs.splice(0)) removeDir(dir);
});

// biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary JSON bodies
async function call(path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const ids = async (query: string) =>
  ((await call(`/api/events?${query}`)).body as EventPage).events.map((e) => e.id);

/**
 * UTC midnight two days ago (the server knows no zone: the client sends a day's bounds); recent, so that
 * retention by age keeps these events.
 */
const DAY1 = Math.floor(Date.now() / 86_400_000 - 2) * 86_400;
const DAY2 = DAY1 + 86_400;

/** A motion event at `ts`; ended after `duration` s with `labels` in its end, unless `duration` is null. */
function event(ts: number, duration: number | null, labels: LabelScore[] = []): number {
  const start = s.hub.publishMotionStart({ camera: 'camera', ts, change: 5, box: null }, SNAPSHOT);
  if (duration !== null) {
    s.hub.publishMotionEnd({
      camera: 'camera',
      motionId: start.id,
      ts: ts + duration,
      duration,
      peakChange: 6,
      frames: 10,
      box: null,
      labels,
    });
  }
  return start.id;
}

describe('GET /api/events filters', () => {
  it('filters by day, duration, label and reviewed, and pages within a filter', async () => {
    s = await startTestServer();
    const a = event(DAY1 + 36_000, 2);
    const b = event(DAY1 + 43_200, 12, [{ label: 'person', score: 0.7 }]);
    const c = event(DAY2 + 32_400, 30, [{ label: 'cat', score: 0.5 }]);
    const d = event(DAY2 + 36_000, null);
    const box = { x: 0, y: 0, w: 0.5, h: 0.5 };
    s.hub.publishMotionLabel({
      camera: 'camera',
      motionId: d,
      ts: DAY2 + 36_001,
      label: 'person',
      score: 0.6,
      box,
      notify: true,
    });

    expect(await ids('')).toEqual([d, c, b, a]);
    expect(await ids(`from=${DAY1}&to=${DAY2}`)).toEqual([b, a]);
    expect(await ids(`from=${DAY2}`)).toEqual([d, c]);
    expect(await ids('minDuration=10')).toEqual([c, b]);
    // A running event's label counts before its end: it comes from the stored motion-label rows.
    expect(await ids('label=person')).toEqual([d, b]);
    expect(await ids('label=cat&minDuration=31')).toEqual([]);
    expect(await ids('reviewed=false')).toEqual([d, c, b, a]);
    // No recorder here: no event has a clip.
    expect(await ids('hasClip=true')).toEqual([]);
    expect(await ids(`hasClip=false&to=${DAY2}`)).toEqual([b, a]);

    const first = (await call('/api/events?limit=1&minDuration=1')).body as EventPage;
    expect(first.events.map((e) => e.id)).toEqual([c]);
    const second = (await call(`/api/events?limit=1&minDuration=1&before=${first.nextBefore}`))
      .body as EventPage;
    expect(second.events.map((e) => e.id)).toEqual([b]);
    expect(second.events[0].labels).toEqual([{ label: 'person', score: 0.7 }]);
    expect(second.events[0].reviewed).toBe(false);
    const running = (await call(`/api/events/${d}`)).body;
    expect(running.labels).toEqual([{ label: 'person', score: 0.6 }]);
  });

  it.each([
    ['from=yesterday', /from/],
    ['to=-5', /to/],
    [`from=${DAY2}&to=${DAY1}`, /later/],
    ['hasClip=yes', /hasClip/],
    ['minDuration=-1', /minDuration/],
    ['minDuration=999999', /minDuration/],
    ['label=unicorn', /label must be one of person/],
    ['reviewed=1', /reviewed/],
  ])('answers ?%s with 400 and a one-line reason', async (query, reason) => {
    s = await startTestServer();
    const res = await call(`/api/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(reason);
    expect(res.body.error).toMatch(/^[^\n]+$/);
  });
});

describe('reviewed', () => {
  it('marks one event and all up to an id, counts the unreviewed and tells every dashboard', async () => {
    s = await startTestServer();
    const [a, b, c] = [event(DAY1, 1), event(DAY1 + 60, 1), event(DAY1 + 120, 1)];
    const sse = new SseTestClient(s.port);
    await sse.waitFor(() => s.hub.subscriberCount > 0);
    expect((await call('/api/state')).body.history).toEqual({ unreviewed: 3 });

    const one = await call(`/api/events/${b}/reviewed`, { method: 'POST' });
    expect(one).toEqual({ status: 200, body: { motionIds: [b], unreviewed: 2 } });
    await sse.waitFor(() => sse.messages.some((m) => m.event === 'reviewed'));
    expect(JSON.parse(sse.messages.find((m) => m.event === 'reviewed')?.data ?? '')).toEqual({
      motionIds: [b],
      throughId: null,
      unreviewed: 2,
    });
    expect(await ids('reviewed=true')).toEqual([b]);
    // Again: nothing changes.
    expect((await call(`/api/events/${b}/reviewed`, { method: 'POST' })).body.motionIds).toEqual([]);

    const all = await call('/api/events/reviewed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ throughId: a }),
    });
    expect(all.body).toEqual({ changed: 1, unreviewed: 1 });
    expect(await ids('reviewed=false')).toEqual([c]);
    expect((await call('/api/state')).body.history).toEqual({ unreviewed: 1 });
    sse.close();
  });

  it('refuses an unknown event, a bad id and a bad throughId with 4xx, changing nothing', async () => {
    s = await startTestServer();
    event(DAY1, 1);
    expect((await call('/api/events/99/reviewed', { method: 'POST' })).status).toBe(404);
    expect((await call('/api/events/x/reviewed', { method: 'POST' })).status).toBe(400);
    for (const body of ['{}', '{"throughId": 0}', '{"throughId": "5"}', '{"throughId": 1.5}']) {
      const res = await call('/api/events/reviewed', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.body.error).toMatch(/throughId/);
    }
    expect((await call('/api/state')).body.history).toEqual({ unreviewed: 1 });
  });
});

describe('DELETE /api/events/:id', () => {
  it('removes the rows and the snapshot, and tells every dashboard', async () => {
    s = await startTestServer();
    const keep = event(DAY1, 1);
    const gone = event(DAY1 + 60, 3, [{ label: 'dog', score: 0.4 }]);
    const snapshot = s.store.snapshotPath(gone) as string;
    expect(existsSync(snapshot)).toBe(true);
    const sse = new SseTestClient(s.port);
    await sse.waitFor(() => s.hub.subscriberCount > 0);

    const res = await call(`/api/events/${gone}`, { method: 'DELETE' });
    expect(res).toEqual({ status: 200, body: { deleted: gone, unreviewed: 1 } });
    expect(existsSync(snapshot)).toBe(false);
    expect((await call(`/api/events/${gone}`)).status).toBe(404);
    expect((await call(`/api/events/${gone}/snapshot.jpg`)).status).toBe(404);
    expect(await ids('')).toEqual([keep]);
    // Its end row went too: nothing stored refers to it any more.
    expect(s.store.after(0, 100).some((row) => row.json.includes(`"motionId":${gone}`))).toBe(false);
    await sse.waitFor(() => sse.messages.some((m) => m.event === 'motion-deleted'));
    const told = JSON.parse(sse.messages.find((m) => m.event === 'motion-deleted')?.data ?? '');
    expect(told).toMatchObject({ motionId: gone, camera: 'camera', unreviewed: 1 });
    // Ids still only grow.
    expect(event(DAY1 + 120, 1)).toBeGreaterThan(gone);
    sse.close();
  });

  it('refuses a running event (409), an unknown one (404) and a bad id (400)', async () => {
    s = await startTestServer();
    const running = event(DAY1, null);
    expect((await call(`/api/events/${running}`, { method: 'DELETE' })).status).toBe(409);
    expect((await call('/api/events/99', { method: 'DELETE' })).status).toBe(404);
    expect((await call('/api/events/0', { method: 'DELETE' })).status).toBe(400);
    expect(await ids('')).toEqual([running]);
  });
});

it('migrates a store made before the reviewed flag: old events come back unreviewed', () => {
  const dir = tempDataDir();
  dirs.push(dir);
  const old = new Database(join(dir, 'events.sqlite'));
  old.exec(SCHEMA);
  old
    .prepare("INSERT INTO events (type, camera, ts, data) VALUES ('motion', 'camera', 1, ?)")
    .run(JSON.stringify({ id: 1, camera: 'camera', ts: 1, count: 1, change: 3, box: null, snapshot: '' }));
  old.close();
  const store = openEventStore({ dataDir: dir, log: pino({ level: 'silent' }) });
  try {
    expect(store.page(null, 10).events.map((e) => [e.id, e.reviewed])).toEqual([[1, false]]);
    expect(store.unreviewedCount()).toBe(1);
    expect(store.markReviewed([1])).toEqual([1]);
    expect(store.unreviewedCount()).toBe(0);
  } finally {
    store.close();
  }
});
