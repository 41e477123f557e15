/// <reference lib="dom" />
import { join } from 'node:path';
import { expect, openDashboard, test } from './fixtures';

test('the ongoing row shows a live peak, and the Motion badge ends with the motion, before the event closes', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // An independent EventSource in the page notes, for each event: its start change, the peaks its
  // ongoing row showed, and whether the badge was still up when the event closed.
  await page.addInitScript(() => {
    const w = window as unknown as {
      seen: Record<number, { start: number; peaks: number[]; badgeAtEnd?: boolean }>;
    };
    w.seen = {};
    const source = new EventSource('/events');
    source.addEventListener('motion', (e) => {
      const data = JSON.parse((e as MessageEvent).data);
      w.seen[data.id] = { start: data.change, peaks: [] };
    });
    source.addEventListener('motion-end', (e) => {
      const entry = w.seen[JSON.parse((e as MessageEvent).data).motionId];
      if (entry) entry.badgeAtEnd = document.querySelector('.badge.motion') !== null;
    });
    setInterval(() => {
      for (const [id, entry] of Object.entries(w.seen)) {
        const row = document.querySelector(`[data-event-id="${id}"]`);
        const peak = row?.querySelector('.ongoing') && row.querySelector('.peak')?.textContent;
        if (peak) entry.peaks.push(Number.parseFloat(peak.replace(/[^\d.]/g, '')));
      }
    }, 100);
  });
  await openDashboard(page);
  await expect(page.locator('.badge.motion')).toBeVisible({ timeout: 30_000 });
  const ended = await page.waitForFunction(
    () => {
      const w = window as unknown as {
        seen: Record<number, { start: number; peaks: number[]; badgeAtEnd?: boolean }>;
      };
      // The row shows one decimal: an event whose shown peak rose above its start, once it has ended.
      const rose = (e: { start: number; peaks: number[] }) =>
        Math.max(...e.peaks) > Math.round(e.start * 10) / 10;
      return (
        Object.values(w.seen).find((e) => e.badgeAtEnd !== undefined && e.peaks.length > 0 && rose(e)) ?? null
      );
    },
    undefined,
    { timeout: 60_000 },
  );
  const event = (await ended.jsonValue()) as { start: number; peaks: number[]; badgeAtEnd: boolean };
  // The synthetic object is larger mid-frame than at its entry: the row's peak rose while it lasted.
  expect(Math.max(...event.peaks)).toBeGreaterThan(Math.round(event.start * 10) / 10);
  // The event closes eventGap (5 s) after the last moving frame; the badge had gone before that.
  expect(event.badgeAtEnd).toBe(false);
});

test('the graph starts full after a reload, from the server’s recent levels', async ({ page }) => {
  await openDashboard(page);
  await page.waitForTimeout(3000); // the server has a few seconds of levels in its ring
  const reloadedAt = Date.now() / 1000;
  await page.reload();
  const oldest = () =>
    page.locator('canvas.graph-canvas').evaluate((el: HTMLElement) => Number(el.dataset.oldest || Infinity));
  // Live `level` messages are never replayed: a sample from seconds before the reload came from the server's ring.
  await expect.poll(oldest, { timeout: 15_000 }).toBeLessThan(reloadedAt - 2);
});

test.describe('phone 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('history within one swipe, a foldable live picture, and the new-events button where the user is', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await openDashboard(page);
    // Enough history to scroll the newest event out of view (one event every ~10 s from the synthetic camera).
    await expect(page.locator('.event').nth(8)).toBeAttached({ timeout: 150_000 });
    // The newest event starts on the first screen: the rest is one swipe away.
    expect((await page.locator('.event').first().boundingBox())?.y).toBeLessThan(844);

    await page.getByRole('button', { name: 'Hide picture' }).tap();
    await expect(page.locator('canvas.feed')).toHaveCount(0);
    expect((await page.locator('.timeline').boundingBox())?.y).toBeLessThan(420);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Show live picture' })).toBeVisible(); // remembered
    await page.getByRole('button', { name: 'Show live picture' }).tap();
    await expect(page.locator('canvas.feed')).toBeVisible();

    // Scrolled down the history, a new event's button floats on screen, not at the list's head.
    await page.locator('.history-state').scrollIntoViewIfNeeded();
    const pill = page.getByRole('button', { name: /new event/ });
    await expect(pill).toBeVisible({ timeout: 45_000 });
    const box = await pill.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true);
    await page.screenshot({
      path: join(__dirname, '..', 'artifacts', 'screenshots', 'screens', 'phone-en-new-events.png'),
    });
    await pill.tap();
    await expect(pill).toBeHidden();
    await expect(page.locator('.event').first()).toBeInViewport();
  });
});
