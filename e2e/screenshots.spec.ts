/// <reference lib="dom" />
import { join } from 'node:path';
import { expect, framesDrawn, openDashboard, test } from './fixtures';

/** Screens the dashboard must look right on: the Pi touchscreens, a phone, a laptop. */
const sizes = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];
const dir = join(__dirname, '..', 'artifacts', 'screenshots');

for (const { width, height } of sizes) {
  test.describe(`${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('dashboard with events', async ({ page }) => {
      await openDashboard(page);
      await expect(page.locator('.event-time').first()).toBeVisible({ timeout: 30_000 });
      await expect.poll(() => framesDrawn(page)).toBeGreaterThan(0);
      await page.waitForTimeout(1500); // let thumbnails decode and the graph fill a little
      await page.screenshot({ path: join(dir, `${width}x${height}.png`) });
    });
  });
}

test.describe('800×480 states', () => {
  test.use({ viewport: { width: 800, height: 480 } });

  test('settings, event viewer, mask editor, Korean', async ({ page }) => {
    await openDashboard(page);
    await expect(page.locator('.event-button').first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, '800x480-settings.png') });
    await page.getByRole('button', { name: 'Edit masks' }).click();
    await page.getByRole('button', { name: 'Add rectangle' }).click();
    await page.screenshot({ path: join(dir, '800x480-masks.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.event-button').first().click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(dir, '800x480-viewer.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /한국어/ }).click();
    await page.screenshot({ path: join(dir, '800x480-ko.png') });
  });
});
