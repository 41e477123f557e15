import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LevelHistoryPage } from '../shared/api';
import type { MotionLevel } from '../shared/events';
import { defaultSettings } from '../shared/settings';
import { isStillChange } from './events/level-history';
import { type AppProcess, startApp } from './integrations/testing/app-process';
import { ensureClip } from './motion/scenarios/clip';
import { scenarios } from './motion/scenarios/scenarios';
import { SseTestClient } from './server/testing/sse-test-client';

// The real app (headless, in a child process) replays a clip where a walker crosses every 8 s.
let app: AppProcess;
let dataDir: string;
const still = (level: MotionLevel) => isStillChange(level.change, defaultSettings.threshold);

beforeAll(async () => {
  const clip = await ensureClip(scenarios.find((s) => s.name === 'walk') ?? scenarios[0]);
  dataDir = mkdtempSync(join(tmpdir(), 'mk-levels-'));
  app = await startApp({ dataDir, source: `file:${clip}?loop`, config: {} });
}, 180_000);

afterAll(async () => {
  await app?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('sends a still scene’s level once a second and a moving one five times, and keeps every sample for reloads', async () => {
  const sse = new SseTestClient(Number(new URL(app.url).port));
  let live: MotionLevel[] = [];
  try {
    const levels = () =>
      sse.messages.filter((m) => m.event === 'level').map((m) => JSON.parse(m.data) as MotionLevel);
    // A crossing, and the still stretch after it.
    await sse.waitFor(() => levels().some((l) => !still(l)), 30_000, 'the walker to cross');
    await sse.waitFor(() => levels().filter(still).length >= 6, 30_000, 'six still levels');
    live = levels();
  } finally {
    sse.close();
  }
  const gaps = (kind: (a: MotionLevel, b: MotionLevel) => boolean) =>
    live.slice(1).flatMap((b, i) => (kind(live[i], b) ? [b.ts - live[i].ts] : []));
  const stillGaps = gaps((a, b) => still(a) && still(b) && a.active === b.active);
  const movingGaps = gaps((a, b) => !still(a) && !still(b));
  expect(stillGaps.length).toBeGreaterThanOrEqual(3);
  for (const gap of stillGaps) expect(gap).toBeGreaterThanOrEqual(0.95);
  expect(movingGaps.length).toBeGreaterThanOrEqual(3);
  for (const gap of movingGaps) expect(gap).toBeLessThan(0.5);

  // The server's own history keeps the still samples the stream held back.
  const page = (await (await fetch(`${app.url}/api/levels?seconds=60`)).json()) as LevelHistoryPage;
  const from = live[0].ts;
  const to = live.at(-1)?.ts ?? from;
  const kept = page.levels.filter((l) => l.ts >= from && l.ts <= to);
  expect(kept.filter(still).length).toBeGreaterThanOrEqual(3 * live.filter(still).length);
  for (const sent of live) expect(kept.some((l) => l.ts === sent.ts)).toBe(true);
}, 90_000);
