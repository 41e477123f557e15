import type { Page } from '@playwright/test';
import { expect, framesDrawn, gauge, openDashboard, test } from './fixtures';

async function drawsNewFrames(pages: Page[]): Promise<void> {
  const before = await Promise.all(pages.map(framesDrawn));
  for (const [i, page] of pages.entries()) {
    await expect
      .poll(() => framesDrawn(page), { timeout: 30_000, message: `window ${i + 1} draws new frames` })
      .toBeGreaterThan(before[i] + 2);
  }
}

test('without SharedWorker, one tab holds the live stream for all; when it closes another takes over', async ({
  context,
  server,
}) => {
  test.setTimeout(150_000);
  // A browser without SharedWorker (Chrome on Android before 2025, some WebViews).
  await context.addInitScript(() => {
    delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
  });
  const pages: Page[] = [];
  for (let i = 0; i < 4; i++) {
    const page = await context.newPage();
    await page.setViewportSize({ width: 640, height: 480 });
    await openDashboard(page);
    pages.push(page);
  }
  for (const page of pages) {
    await expect(page.locator('html')).toHaveAttribute('data-live', 'leader');
    await expect(page.locator('html')).toHaveAttribute('data-share', 'leader');
  }
  await expect.poll(() => gauge(server.url, 'motion_kiosk_mjpeg_viewers'), { timeout: 20_000 }).toBe(1);
  expect(await gauge(server.url, 'motion_kiosk_sse_clients')).toBe(1);
  await drawsNewFrames(pages);

  // The first tab took the lock first: it is the leader. Closing it hands the stream to another tab.
  const leaders = (tabs: Page[]) =>
    Promise.all(tabs.map((page) => page.evaluate(() => document.documentElement.dataset.liveLeader ?? '')));
  expect(await leaders(pages)).toEqual(['true', '', '', '']);
  await pages[0].close();
  const rest = pages.slice(1);
  await expect.poll(async () => (await leaders(rest)).filter(Boolean).length, { timeout: 20_000 }).toBe(1);
  await drawsNewFrames(rest);
  await expect.poll(() => gauge(server.url, 'motion_kiosk_mjpeg_viewers'), { timeout: 20_000 }).toBe(1);

  // Down to one tab: it leads and draws alone, still over a single stream.
  await rest[0].close();
  await rest[1].close();
  await drawsNewFrames([rest[2]]);
  expect(await gauge(server.url, 'motion_kiosk_mjpeg_viewers')).toBe(1);
});
