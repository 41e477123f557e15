import { afterEach, describe, expect, it } from 'vitest';
import type { MotionLevel, MotionStart } from '../../shared/events';
import { defaultSettings } from '../../shared/settings';
import { SseTestClient } from './testing/sse-test-client';
import { removeDir, startTestServer, type TestServer } from './testing/test-server';

const level = (change: number): MotionLevel => ({ camera: 'camera', ts: 1, change, active: false });

const servers: TestServer[] = [];
const clients: SseTestClient[] = [];

async function server(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}

function client(s: TestServer, headers: Record<string, string> = {}, path = '/events'): SseTestClient {
  const c = new SseTestClient(s.port, path, headers);
  clients.push(c);
  return c;
}

/** Waits until the hub counts `n` subscribers, so a publish that follows reaches them live. */
async function subscribed(s: TestServer, n: number): Promise<void> {
  for (let i = 0; i < 500 && s.hub.subscriberCount !== n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(s.hub.subscriberCount).toBe(n);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) {
    await s.close();
    removeDir(s.dataDir);
  }
});

describe('GET /events', () => {
  it('sends the SSE headers and seed-compatible motion events with ids', async () => {
    const s = await server();
    const c = client(s);
    await subscribed(s, 1);
    const id = s.motion(3.25);
    await c.waitFor(() => c.messages.length === 1);
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.headers['cache-control']).toBe('no-cache, no-transform');
    expect(c.headers['x-accel-buffering']).toBe('no');
    expect(c.headers['content-encoding']).toBeUndefined();
    const [message] = c.messages;
    expect(message.event).toBe('motion');
    expect(message.id).toBe(String(id));
    const data = JSON.parse(message.data) as MotionStart;
    expect(data).toMatchObject({ id, count: 1, change: 3.25, snapshot: `/api/events/${id}/snapshot.jpg` });
    expect(data.ts).toBeGreaterThan(1.7e9);
    expect(Number.isInteger(data.ts * 1000)).toBe(true);
  });

  it('gives every client every event, with the same ids', async () => {
    const s = await server();
    const a = client(s);
    const b = client(s);
    await subscribed(s, 2);
    for (let i = 0; i < 20; i++) s.motion();
    await a.waitFor(() => a.ids.length === 20);
    await b.waitFor(() => b.ids.length === 20);
    expect(a.ids).toEqual(b.ids);
    expect(a.ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('sends the current status and settings first, and unstored level events without ids', async () => {
    const s = await server();
    s.hub.broadcast('status', { camera: 'camera', state: 'online', since: 1, fps: 30, backend: 'cpu' });
    s.hub.broadcast('settings', defaultSettings);
    s.hub.broadcast('settings', { ...defaultSettings }); // unchanged: not sent again
    const c = client(s);
    await subscribed(s, 1);
    s.hub.broadcast('level', level(1));
    await c.waitFor(() => c.messages.length === 3);
    expect(c.messages.map((m) => [m.event, m.id])).toEqual([
      ['status', null],
      ['settings', null],
      ['level', null],
    ]);
  });

  it('resumes from the ring: exactly the events after Last-Event-ID, in order', async () => {
    const s = await server();
    for (let i = 0; i < 10; i++) s.motion();
    const c = client(s, { 'Last-Event-ID': '6' });
    await c.waitFor(() => c.ids.length === 4);
    await subscribed(s, 1);
    s.motion();
    await c.waitFor(() => c.ids.length === 5);
    expect(c.ids).toEqual([7, 8, 9, 10, 11]);
  });

  it('resumes from the database when the ring no longer holds the events, then goes live without gap', async () => {
    const s = await server({ ringSize: 5 });
    for (let i = 0; i < 700; i++) s.motion();
    const c = client(s, {}, '/events?lastEventId=3');
    // Publish while the replay pages through the database: the live switch must neither drop nor repeat.
    for (let i = 0; i < 50; i++) {
      s.motion();
      await new Promise((r) => setImmediate(r));
    }
    await c.waitFor(() => c.ids.length === 747, 10_000, '747 events');
    expect(c.ids).toEqual(Array.from({ length: 747 }, (_, i) => i + 4));
  });

  it('resumes across a restart on the same data dir, and ids keep growing', async () => {
    const first = await server();
    for (let i = 0; i < 5; i++) first.motion();
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    // The five events were never ended: the restart closes them (ids 6-10) as `interrupted`.
    const second = await server({ dataDir: first.dataDir });
    expect(second.hub.lastId).toBe(10);
    expect(second.motion()).toBe(11);
    const c = client(second, { 'Last-Event-ID': '2' });
    await c.waitFor(() => c.ids.length === 9);
    expect(c.ids).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const ends = c.messages.filter((m) => m.event === 'motion-end').map((m) => JSON.parse(m.data));
    expect(ends.map((end) => [end.motionId, end.reason])).toEqual(
      [1, 2, 3, 4, 5].map((id) => [id, 'interrupted']),
    );
  });

  it('tells a resuming client that history was pruned, then continues from the oldest kept event', async () => {
    const s = await server({ retention: { maxEvents: 3 } });
    for (let i = 0; i < 10; i++) s.motion();
    await s.store.prune();
    const c = client(s, { 'Last-Event-ID': '2' });
    await c.waitFor(() => c.ids.length === 3);
    expect(c.messages[0].event).toBe('gap');
    expect(JSON.parse(c.messages[0].data)).toEqual({ requestedAfter: 2, oldestId: 8 });
    expect(c.ids).toEqual([8, 9, 10]);
  });

  it.each([
    ['text', 'abc'],
    ['negative', '-1'],
    ['huge', '123456789012345678901234567890'],
    ['empty', ''],
    ['beyond the newest id', '999999'],
  ])('treats a %s Last-Event-ID as no resume', async (_name, value) => {
    const s = await server();
    for (let i = 0; i < 3; i++) s.motion();
    const c = client(s, { 'Last-Event-ID': value });
    const q = client(s, {}, `/events?lastEventId=${encodeURIComponent(value)}`);
    await subscribed(s, 2);
    s.motion();
    await c.waitFor(() => c.ids.length === 1);
    await q.waitFor(() => q.ids.length === 1);
    expect(c.ids).toEqual([4]);
    expect(q.ids).toEqual([4]);
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('sends a keepalive comment on the configured interval', async () => {
    const s = await server({ keepaliveMs: 50 });
    const c = client(s);
    await c.waitFor(() => c.comments.includes('keepalive'), 5_000, 'keepalive');
  });

  it('answers 503 with Retry-After past the stream limit, and accepts again once one leaves', async () => {
    const s = await server({ maxStreams: 2 });
    const a = client(s);
    client(s);
    await subscribed(s, 2);
    const refused = client(s);
    await refused.waitFor(() => refused.status !== 0);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');
    await refused.waitFor(() => refused.body.includes('}'));
    expect(JSON.parse(refused.body).error).toMatch(/too many event streams/);
    a.close();
    await subscribed(s, 1);
    const again = client(s);
    await again.waitFor(() => again.status !== 0);
    expect(again.status).toBe(200);
  });
});

describe('misbehaving clients', () => {
  it('drops a connection that pipelines a second stream request behind the first', async () => {
    const s = await server();
    const c = client(s, {}, '/events');
    await subscribed(s, 1);
    c.socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await c.waitFor(() => c.closed, 5_000, 'the connection to close');
    await subscribed(s, 0);
    expect(c.messages.filter((m) => m.event === 'motion')).toEqual([]);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

describe('level updates', () => {
  it('drops a level update that would exceed the fan-out CPU share, never a stored event', async () => {
    // A share this small turns any measurable send time into a long pause before the next level update.
    const s = await startTestServer({ levelShare: 1e-9 });
    servers.push(s);
    const c = client(s);
    await subscribed(s, 1);
    s.hub.broadcast('level', level(1));
    s.hub.broadcast('level', level(2));
    s.motion();
    await c.waitFor(() => c.ids.length === 1);
    expect(c.messages.map((m) => m.event)).toEqual(['level', 'motion']);
    expect(s.hub.levelsDropped).toBe(1);
  });
});
