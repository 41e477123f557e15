import { expect, openDashboard, putSettings, shownEventIds, test } from './fixtures';
import { sessionHeaders } from './server';

/** Events per page in the dashboard (src/renderer/state/timeline.ts). */
const pageSize = 30;

test('scrolling down the timeline pages into older events', async ({ page, server }) => {
  // Make events plentiful: every triggering frame its own event, and a low bar to trigger.
  expect((await putSettings(server, { eventGap: 0, threshold: 0.5, minimumMotionFrames: 1 })).status).toBe(
    200,
  );
  await expect
    .poll(
      async () => {
        const res = await fetch(`${server.url}/api/events?limit=${pageSize * 2 + 5}`, {
          headers: sessionHeaders(server),
        });
        return ((await res.json()) as { events: unknown[] }).events.length;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBeGreaterThan(pageSize * 2);
  expect((await putSettings(server, { eventGap: 5, threshold: 2, minimumMotionFrames: 2 })).status).toBe(200);

  await openDashboard(page);
  // The first page, plus any event that started live meanwhile.
  await expect
    .poll(async () => (await shownEventIds(page)).length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(pageSize);
  const firstPage = await shownEventIds(page);

  await page.locator('.history-state').scrollIntoViewIfNeeded();
  await expect
    .poll(async () => (await shownEventIds(page)).length, { timeout: 10_000 })
    .toBeGreaterThan(firstPage.length);
  const all = await shownEventIds(page);
  expect(Math.min(...all)).toBeLessThan(Math.min(...firstPage));
  expect(new Set(all).size, 'no event shown twice').toBe(all.length);
  expect(all, 'newest first').toEqual([...all].sort((a, b) => b - a));
});
