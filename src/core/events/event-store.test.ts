import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { encodeSseMessage } from '../server/sse-format';
import { removeDir, tempDataDir } from '../server/testing/test-server';
import { type EventStore, openEventStore } from './event-store';
import type { RetentionOptions } from './retention';

const log = pino({ level: 'silent' });
const opened: EventStore[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function open(dataDir: string, retention?: RetentionOptions): EventStore {
  const store = openEventStore({ dataDir, log, retention });
  opened.push(store);
  return store;
}

function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

function addMotion(store: EventStore, ts: number, bytes = 10): number {
  return store.append({
    type: 'motion',
    camera: 'c',
    ts,
    motionId: null,
    snapshot: Buffer.alloc(bytes, 1),
    build: (id) => ({ id, ts }),
  }).row.id;
}

const now = () => Date.now() / 1000;

it('never reuses an id, even when every row was pruned before a restart', async () => {
  const d = dir();
  const first = open(d, { maxEvents: 1 });
  for (let i = 0; i < 4; i++) addMotion(first, now());
  await first.prune();
  expect(first.oldestId()).toBe(4);
  first.close();
  const second = open(d, { maxEvents: 1 });
  expect(second.lastId()).toBe(4);
  expect(second.prunedThrough()).toBe(3);
  expect(addMotion(second, now())).toBe(5);
});

it('prunes by age, rows and files together', async () => {
  const d = dir();
  const store = open(d, { maxAgeDays: 1 });
  addMotion(store, now() - 3 * 86_400);
  addMotion(store, now() - 2 * 86_400);
  const fresh = addMotion(store, now());
  await store.prune();
  expect(store.after(0, 10).map((r) => r.id)).toEqual([fresh]);
  expect(readdirSync(join(d, 'snapshots'))).toEqual([`${fresh}.jpg`]);
});

it('prunes by snapshot bytes, oldest first', async () => {
  const d = dir();
  const store = open(d, { maxSnapshotBytes: 250 });
  for (let i = 0; i < 5; i++) addMotion(store, now(), 100);
  await store.prune();
  expect(store.after(0, 10).map((r) => r.id)).toEqual([4, 5]);
  expect(existsSync(join(d, 'snapshots', '3.jpg'))).toBe(false);
  expect(store.snapshotPath(3)).toBeNull();
});

it('keeps within the count limit on its own after appends, without an explicit prune', async () => {
  const store = open(dir(), { maxEvents: 3 });
  for (let i = 0; i < 10; i++) addMotion(store, now());
  for (let i = 0; i < 100 && store.oldestId() !== 8; i++) await new Promise((r) => setTimeout(r, 10));
  expect(store.oldestId()).toBe(8);
});

it('removes snapshot files left behind by a crash when it opens', async () => {
  const d = dir();
  const store = open(d);
  addMotion(store, now());
  addMotion(store, now());
  store.close();
  // As if the process died after deleting row 0's… and before committing row 9's.
  writeFileSync(join(d, 'snapshots', '0.jpg'), 'x');
  writeFileSync(join(d, 'snapshots', '9.jpg'), 'x');
  open(d);
  for (let i = 0; i < 100 && readdirSync(join(d, 'snapshots')).length > 2; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(readdirSync(join(d, 'snapshots')).sort()).toEqual(['1.jpg', '2.jpg']);
});

it('rejects nonsense retention options, naming the option', () => {
  expect(() => open(dir(), { maxEvents: -1 })).toThrow(/retention\.maxEvents/);
});

it('hands each stored event to observers after sending it, and keeps the seed count per process', async () => {
  const { EventHub } = await import('./event-hub');
  const d = dir();
  const hub = new EventHub({ store: open(d), log, encode: encodeSseMessage });
  const seen: string[] = [];
  const off = hub.observe((event) => {
    if ('id' in event) seen.push(`${event.type}:${event.id}`);
  });
  const start = hub.publishMotionStart({ camera: 'c', ts: 1, change: 2, box: null }, Buffer.from([1]));
  hub.publishMotionEnd({
    camera: 'c',
    motionId: start.id,
    ts: 2,
    duration: 1,
    peakChange: 3,
    frames: 4,
    box: null,
  });
  off();
  hub.publishMotionStart({ camera: 'c', ts: 3, change: 2, box: null }, Buffer.from([1]));
  expect(seen).toEqual(['motion:1', 'motion-end:2']);
  expect(hub.count).toBe(2);
  expect(hub.lastId).toBe(3);
});
