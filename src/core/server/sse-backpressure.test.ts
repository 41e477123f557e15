import { afterEach, expect, it } from 'vitest';
import { SseTestClient } from './testing/sse-test-client';
import { removeDir, startTestServer, type TestServer } from './testing/test-server';

let s: TestServer | null = null;
const clients: SseTestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  if (s) {
    await s.close();
    removeDir(s.dataDir);
    s = null;
  }
});

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function metric(server: TestServer, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

it('disconnects a client that stops reading at the bound, keeps the others going, and the slow one resumes losing nothing', async () => {
  const bound = 64 * 1024;
  s = await startTestServer({ maxBufferedBytes: bound });
  const server = s;
  const reader = new SseTestClient(server.port);
  const stalled = new SseTestClient(server.port);
  clients.push(reader, stalled);
  await until(() => server.hub.subscriberCount === 2, 'two subscribers');
  stalled.socket.pause();

  // Big unstored messages fill the kernel buffers fast; stored events in between are what must not be lost.
  // A level whose camera name is 32 KiB long: only its size matters here.
  const filler = { camera: 'x'.repeat(32 * 1024), ts: 0, change: 0, active: false };
  let published = 0;
  while (server.hub.subscriberCount === 2 && published < 20_000) {
    server.hub.broadcast('level', filler);
    server.motion();
    published++;
    if (published % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  expect(server.hub.subscriberCount).toBe(1);
  expect(await metric(server, 'motion_kiosk_sse_overflow_total')).toBe(1);
  expect(await metric(server, 'motion_kiosk_sse_clients')).toBe(1);

  // The reading client keeps receiving, including events published after the disconnect.
  for (let i = 0; i < 5; i++) server.motion();
  const total = server.hub.lastId;
  await reader.waitFor(() => reader.ids.length === total, 30_000, 'all events at the reader');
  expect(reader.ids).toEqual(Array.from({ length: total }, (_, i) => i + 1));

  // The stalled client reads what reached it, then reconnects with Last-Event-ID and gets the rest.
  stalled.socket.resume();
  await stalled.waitFor(() => stalled.closed, 30_000, 'stalled client to see the close');
  const seen = stalled.ids;
  const last = seen.at(-1) ?? 0;
  expect(last).toBeLessThan(total);
  const again = new SseTestClient(server.port, '/events', { 'Last-Event-ID': String(last) });
  clients.push(again);
  await again.waitFor(() => again.ids.at(-1) === total, 30_000, 'the resumed stream to catch up');
  expect([...seen, ...again.ids]).toEqual(Array.from({ length: total }, (_, i) => i + 1));
});

it.each([
  ['the ring', 1000],
  ['the database', 10],
])(
  'paces a resume from %s that is far larger than the buffer bound instead of cutting it off',
  async (_from, ringSize) => {
    s = await startTestServer({ maxBufferedBytes: 16 * 1024, ringSize });
    // 900 events of ~10 KiB: more than twice what the kernel takes on a fresh loopback socket (~4 MB here).
    const camera = 'c'.repeat(10_000);
    for (let i = 0; i < 900; i++) {
      s.hub.publishMotionStart(
        { camera, ts: Date.now() / 1000, change: 1, box: null },
        Buffer.from([0xff, 0xd8]),
      );
    }
    const c = new SseTestClient(s.port, '/events', { 'Last-Event-ID': '0' });
    clients.push(c);
    await c.waitFor(() => c.ids.length === 900 || c.closed, 30_000, 'the whole replay');
    expect(c.closed).toBe(false);
    expect(c.ids).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
    expect(await metric(s, 'motion_kiosk_sse_overflow_total')).toBe(0);
  },
);
