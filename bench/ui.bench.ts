import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CDPSession, expect, test } from '@playwright/test';
import { putSettings } from '../e2e/fixtures';
import { startServer } from '../e2e/server';
import type { AppState } from '../src/shared/api';

/** Length of the run, from `--minutes` (bench/ui.mjs). */
const minutes = Number(process.env.UI_BENCH_MINUTES ?? 30);
/** Heap samples over the run (after a warm-up sample). */
const samples = 10;
const work = join(__dirname, '.work');

/**
 * A 4 s looping clip in which a square flashes for 0.3 s at the start of every second. With the
 * background following each frame (`backgroundRate` 1: plain frame differencing) and `eventGap` 0.5 s,
 * each flash is exactly one motion event, so the real server emits 1 event/s.
 */
function makeClip(): string {
  mkdirSync(work, { recursive: true });
  const clip = join(work, 'one-event-per-second.avi');
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x707070:s=640x480:r=10:d=4'],
    ...['-vf', "drawbox=x=260:y=180:w=120:h=120:c=white:t=fill:enable='lt(mod(t,1),0.3)'"],
    ...['-c:v', 'mjpeg', '-q:v', '5', clip],
  ]);
  return clip;
}

interface Sample {
  atMinute: number;
  heapMB: number;
  domNodes: number;
  listeners: number;
  eventsShown: number;
  eventsTotal: number;
}

async function measure(cdp: CDPSession, url: string, startMs: number, shown: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const state = (await (await fetch(`${url}/api/state`)).json()) as AppState;
  return {
    atMinute: Math.round(((Date.now() - startMs) / 60_000) * 10) / 10,
    heapMB: Math.round((heap.usedSize / 1048576) * 100) / 100,
    domNodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    eventsShown: shown,
    eventsTotal: state.count,
  };
}

test(`dashboard JS heap over ${minutes} min at 1 event/s`, async ({ page }) => {
  // The heap benchmark is not about access: the server runs with --no-auth.
  const server = await startServer({ source: `file:${makeClip()}?loop`, auth: false });
  try {
    const put = await putSettings(server, { eventGap: 0.5, minimumMotionFrames: 1, backgroundRate: 1 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await page.goto(server.url);
    await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const start = Date.now();
    const shown = () => page.locator('[data-event-id]').count();

    // Warm-up: fills the graph's minute and, on long runs, the timeline's live window (100 events).
    await page.waitForTimeout(Math.min(120_000, (minutes * 60_000) / 5));
    const log: Sample[] = [await measure(cdp, server.url, start, await shown())];
    console.log(JSON.stringify(log[0]));
    const step = (minutes * 60_000 - (Date.now() - start)) / samples;
    for (let i = 0; i < samples; i++) {
      await page.waitForTimeout(step);
      log.push(await measure(cdp, server.url, start, await shown()));
      console.log(JSON.stringify(log.at(-1)));
    }

    const first = log[0];
    const middle = log[Math.floor(log.length / 2)];
    const last = log[log.length - 1];
    const round = (n: number) => Math.round(n * 100) / 100;
    const report = {
      minutes,
      eventsPerSecond: round(
        (last.eventsTotal - first.eventsTotal) / ((last.atMinute - first.atMinute) * 60),
      ),
      heapStartMB: first.heapMB,
      heapEndMB: last.heapMB,
      heapPeakMB: Math.max(...log.map((s) => s.heapMB)),
      heapGrowthMB: round(last.heapMB - first.heapMB),
      /** Growth over the second half alone: a leak keeps growing, a filling window does not. */
      heapGrowthSecondHalfMB: round(last.heapMB - middle.heapMB),
      domNodes: [first.domNodes, last.domNodes],
      listeners: [first.listeners, last.listeners],
      samples: log,
    };
    writeFileSync(join(work, 'ui-heap.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify({ ...report, samples: undefined }, null, 2));
    expect(last.eventsTotal - first.eventsTotal, 'the server produced events during the run').toBeGreaterThan(
      0,
    );
  } finally {
    await server.stop();
  }
});
