import type { Page } from '@playwright/test';
import { expect, framesDrawn, openDashboard, test } from './fixtures';

/** Frames the live canvas skipped (not decoded) because the scene was still. */
function framesSkipped(page: Page): Promise<number> {
  return page.locator('canvas.feed').evaluate((el: HTMLElement) => Number(el.dataset.skipped ?? 0));
}

test('with a still-scene rate (the kiosk’s 2 fps), frames of a still scene are skipped and the picture still moves', async ({
  page,
}) => {
  await openDashboard(page, '/?fps=10&stillFps=1');
  // The synthetic scene is still between its crossings: frames are skipped then, and the picture keeps updating.
  await expect.poll(() => framesSkipped(page), { timeout: 30_000 }).toBeGreaterThan(10);
  const drawn = await framesDrawn(page);
  await expect.poll(() => framesDrawn(page), { timeout: 30_000 }).toBeGreaterThan(drawn + 3);
});

test('a remote browser draws every frame that comes', async ({ page }) => {
  await openDashboard(page);
  await expect.poll(() => framesDrawn(page), { timeout: 30_000 }).toBeGreaterThan(30);
  expect(await framesSkipped(page)).toBe(0);
});
