/**
 * `npm run bench:history`: how long one page of `GET /api/events` takes from the real store with 10,000 motion
 * events (each with its end, a third with a label), unfiltered and under each filter, as the dashboard asks for
 * it (30 rows). Prints the median and the slowest of 50 runs per query, and the ratio to the unfiltered page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { EventHub } from '../src/core/events/event-hub';
import type { EventFilter } from '../src/core/events/event-store';
import { openEventStore } from '../src/core/events/event-store';
import { encodeSseMessage } from '../src/core/server/sse-format';

const EVENTS = 10_000;
const RUNS = 50;
const dir = mkdtempSync(join(tmpdir(), 'mk-bench-history-'));
const log = pino({ level: 'silent' });
// Fewer fsyncs while seeding; the queries read the same rows either way.
const store = openEventStore({
  dataDir: dir,
  log,
  durability: 'normal',
  retention: { maxEvents: 0, maxAgeDays: 0 },
});
const hub = new EventHub({ store, log, encode: encodeSseMessage });
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
const now = Date.now() / 1000;
for (let i = 0; i < EVENTS; i++) {
  // 10,000 events over 60 days, newest last.
  const ts = now - (EVENTS - i) * 518;
  const start = hub.publishMotionStart({ camera: 'camera', ts, change: 3, box: null }, jpeg);
  const labels = i % 3 === 0 ? [{ label: i % 2 ? ('person' as const) : ('cat' as const), score: 0.6 }] : [];
  hub.publishMotionEnd({
    camera: 'camera',
    motionId: start.id,
    ts: ts + (i % 40),
    duration: i % 40,
    peakChange: 4,
    frames: 9,
    box: null,
    labels,
  });
}
store.markReviewedThrough(store.lastId() - 300);
const clipIds = Array.from({ length: 1000 }, (_, i) => store.lastId() - 2 * i - 1);

const cases: [string, EventFilter][] = [
  ['newest page, no filter', {}],
  ['reviewed=false', { reviewed: false }],
  ['label=person', { label: 'person' }],
  ['minDuration=30', { minDuration: 30 }],
  ['hasClip=true (1,000 clips)', { clips: { ids: clipIds, has: true } }],
  ['a day 45 days ago (to=)', { to: now - 45 * 86_400 }],
  ['label=cat on a day 45 days ago', { label: 'cat', to: now - 45 * 86_400 }],
];
const base: number[] = [];
console.log(
  `history page of 30 from ${EVENTS} events; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`,
);
for (const [name, filter] of cases) {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = process.hrtime.bigint();
    store.page(null, 30, filter);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[RUNS >> 1];
  if (base.length === 0) base.push(median);
  console.log(
    `${name.padEnd(34)} median ${median.toFixed(2)} ms  max ${times[RUNS - 1].toFixed(2)} ms  ×${(median / base[0]).toFixed(1)}`,
  );
}
hub.stop();
store.close();
rmSync(dir, { recursive: true, force: true });
