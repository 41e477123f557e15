import { expect, framesDrawn, framesSkipped, gauge, openDashboard, test } from './fixtures';

const skippedMetric = 'motion_kiosk_mjpeg_frames_skipped_total';

test('with a still-scene rate (the kiosk’s 1 fps), the server holds back frames of a still scene and the picture still moves', async ({
  page,
  server,
}) => {
  const before = await gauge(server.url, skippedMetric);
  await openDashboard(page, '/?stillFps=1');
  // The synthetic scene is still 6 s of every 10 (between crossings): the server sends this page's
  // stream (its shared worker's, the only one open) 1 frame a second then, and skips the others.
  await expect.poll(() => gauge(server.url, skippedMetric), { timeout: 30_000 }).toBeGreaterThan(before + 20);
  const drawn = await framesDrawn(page);
  await expect.poll(() => framesDrawn(page), { timeout: 30_000 }).toBeGreaterThan(drawn + 3);
});

test('a remote browser draws every frame that comes', async ({ page }) => {
  await openDashboard(page);
  await expect.poll(() => framesDrawn(page), { timeout: 30_000 }).toBeGreaterThan(30);
  expect(await framesSkipped(page)).toBe(0);
});

test('without ImageDecoder (Safari, older Firefox) the picture is decoded through a Blob and drawn', async ({
  page,
}) => {
  await page.addInitScript(() => {
    delete (window as { ImageDecoder?: unknown }).ImageDecoder;
  });
  await openDashboard(page);
  expect(await page.evaluate(() => 'ImageDecoder' in window)).toBe(false);
  await expect.poll(() => framesDrawn(page), { timeout: 30_000 }).toBeGreaterThan(10);
});
