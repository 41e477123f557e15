import type { Page } from '@playwright/test';
import { expect, openDashboard, shownEventIds, test } from './fixtures';

async function newestId(page: Page): Promise<number> {
  return Math.max(0, ...(await shownEventIds(page)));
}

for (const share of ['worker', 'leader'] as const) {
  test(`4 tabs of one browser all receive the same new event (${share})`, async ({ context }) => {
    const pages = await Promise.all([1, 2, 3, 4].map(() => context.newPage()));
    for (const page of pages) await openDashboard(page, `/?share=${share}`);
    for (const page of pages) await expect(page.locator('html')).toHaveAttribute('data-share', share);

    const seen = Math.max(...(await Promise.all(pages.map(newestId))));
    await expect.poll(() => newestId(pages[0]), { timeout: 45_000, intervals: [500] }).toBeGreaterThan(seen);
    const fresh = await newestId(pages[0]);
    for (const page of pages)
      await expect(page.locator(`[data-event-id="${fresh}"]`)).toBeVisible({ timeout: 5000 });
  });
}
