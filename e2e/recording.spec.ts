import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { walkClip } from '../src/core/recording/testing/walk-clip';
import type { EventPage } from '../src/shared/api';
import type { ClipIndex } from '../src/shared/recording';
import { expect, openDashboard } from './fixtures';
import { type RunningServer, sessionHeaders, signInContext, startServer } from './server';

/** A server replaying the walk clip in a loop: one event every 15 s, each with a recorded clip. */
const test = base.extend<object, { walkServer: RunningServer }>({
  walkServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startServer({ source: `file:${await walkClip()}?loop` });
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ walkServer }, use) => use(walkServer.url),
});

test('open an event, play its clip, scrub, and download it as an H.264 MP4', async ({ page, walkServer }) => {
  test.setTimeout(240_000);
  let id = 0;
  await expect
    .poll(
      async () => {
        const page = (await (
          await fetch(`${walkServer.url}/api/events`, { headers: sessionHeaders(walkServer) })
        ).json()) as EventPage;
        id = page.events.find((e) => e.clip?.state === 'complete')?.id ?? 0;
        return id;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBeGreaterThan(0);
  const index = (await (
    await fetch(`${walkServer.url}/api/events/${id}/clip.json`, { headers: sessionHeaders(walkServer) })
  ).json()) as ClipIndex;

  await signInContext(page.context(), walkServer);
  await page.setViewportSize({ width: 800, height: 480 });
  await openDashboard(page);
  await page.locator(`[data-event-id="${id}"] button, [data-event-id="${id}"]`).first().click();
  const player = page.locator('.clip-player');
  await expect(player).toBeVisible({ timeout: 20_000 });
  const time = player.locator('.clip-time');
  await expect(time).toHaveText(/^0:00\.0 \//);

  await player.getByRole('button', { name: 'Play' }).click();
  await expect(time).not.toHaveText(/^0:00\.0 \//, { timeout: 10_000 });
  await player.getByRole('button', { name: 'Pause' }).click();

  // Scrub to the middle: the clock shows that frame's time into the clip.
  const middle = Math.floor(index.frames / 2);
  await player.locator('.clip-scrub').fill(String(middle));
  const seconds = index.times[middle] - index.times[0];
  const shown = Number((await time.textContent())?.split(' / ')[0].split(':')[1]);
  expect(Math.abs(shown - seconds)).toBeLessThanOrEqual(0.1);
  await player.getByRole('button', { name: 'Next frame' }).click();
  await expect(player.locator('.clip-scrub')).toHaveValue(String(middle + 1));
  // The canvas shows the picture, not an empty box.
  const painted = await player
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0);
  expect(painted).toBe(true);

  const download = page.waitForEvent('download', { timeout: 180_000 });
  await player.getByRole('button', { name: 'Download MP4' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'mk-download-')), 'clip.mp4');
  await (await download).saveAs(file);
  const [codec, duration] = execFileSync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=codec_name:format=duration'],
    ...['-of', 'csv=p=0', file],
  ])
    .toString()
    .trim()
    .split('\n');
  expect(codec).toBe('h264');
  const span = index.times[index.times.length - 1] - index.times[0];
  expect(Math.abs(Number(duration) - span)).toBeLessThan(0.2);
});
