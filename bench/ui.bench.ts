import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { expect, openDashboard, putSettings, test } from '../e2e/fixtures';
import type { AppState } from '../src/shared/api';

/** Length of the run, from `--minutes` (bench/ui.mjs). */
const minutes = Number(process.env.UI_BENCH_MINUTES ?? 30);
/** Heap samples over the run (after a warm-up sample). */
const samples = 10;

/**
 * Settings that make the synthetic scene produce about one motion event per second: every triggering
 * frame is its own event (eventGap 0), the bar is low enough that the scene's moving object always
 * triggers, and `minimumMotionFrames` spaces the events out (see docs/benchmarks.md, "Dashboard").
 */
const oneEventPerSecond = { eventGap: 0, threshold: 0.05, noiseLevel: 10, minimumMotionFrames: 1 };

interface Sample {
  atMinute: number;
  heapMB: number;
  domNodes: number;
  listeners: number;
  eventsShown: number;
  eventsTotal: number;
}

async function measure(cdp: CDPSession, server: string, startMs: number, shown: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const state = (await (await fetch(`${server}/api/state`)).json()) as AppState;
  return {
    atMinute: Math.round(((Date.now() - startMs) / 60_000) * 10) / 10,
    heapMB: Math.round((heap.usedSize / 1048576) * 100) / 100,
    domNodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    eventsShown: shown,
    eventsTotal: state.count,
  };
}

test(`dashboard JS heap over ${minutes} min at about 1 event/s`, async ({ page, server }) => {
  expect((await putSettings(server.url, oneEventPerSecond)).status).toBe(200);
  await openDashboard(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const start = Date.now();
  const shown = () => page.locator('[data-event-id]').count();

  // Warm-up: fills the graph's minute and the timeline's live window (100 events) on long runs.
  await page.waitForTimeout(Math.min(120_000, (minutes * 60_000) / 5));
  const log: Sample[] = [await measure(cdp, server.url, start, await shown())];
  console.log('warm', log[0]);
  const step = (minutes * 60_000 - (Date.now() - start)) / samples;
  for (let i = 0; i < samples; i++) {
    await page.waitForTimeout(step);
    log.push(await measure(cdp, server.url, start, await shown()));
    console.log(log.at(-1));
  }

  const first = log[0];
  const last = log[log.length - 1];
  const events = last.eventsTotal - first.eventsTotal;
  const spanMin = last.atMinute - first.atMinute;
  const report = {
    minutes,
    eventsPerSecond: Math.round((events / (spanMin * 60)) * 100) / 100,
    heapStartMB: first.heapMB,
    heapEndMB: last.heapMB,
    heapGrowthMB: Math.round((last.heapMB - first.heapMB) * 100) / 100,
    /** Growth over the second half alone: a leak keeps growing, a filling cache does not. */
    heapGrowthSecondHalfMB: Math.round((last.heapMB - log[Math.floor(log.length / 2)].heapMB) * 100) / 100,
    heapPeakMB: Math.max(...log.map((s) => s.heapMB)),
    domNodesStart: first.domNodes,
    domNodesEnd: last.domNodes,
    samples: log,
  };
  const dir = join(__dirname, '.work');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ui-heap.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify({ ...report, samples: undefined }, null, 2));
  expect(events, 'the server produced events during the run').toBeGreaterThan(0);
});
