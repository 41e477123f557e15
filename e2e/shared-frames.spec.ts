import { expect, openDashboard, test } from './fixtures';
import { actAsKiosk } from './kiosk-stub';

/**
 * Every frame the page produces costs the kiosk CPU of its own (software compositing), so the graph's
 * repaints wait for the next live picture and go out in its frame (`state/screen-updates.ts`). Mutation
 * records of one task reach an observer together: a graph repaint recorded without a picture drawn in
 * the same batch had a frame of its own.
 */
test('the motion graph repaints in the same task as a live picture, not in frames of its own', async ({
  page,
}) => {
  // The kiosk's own rates on its 800x480 screen: a picture a second while still.
  await page.setViewportSize({ width: 800, height: 480 });
  await actAsKiosk(page);
  await openDashboard(page);
  await page.evaluate(() => {
    const counts = { shared: 0, alone: 0 };
    (window as unknown as { graphRepaints: typeof counts }).graphRepaints = counts;
    new MutationObserver((records) => {
      const has = (name: string) => records.some((r) => r.attributeName === name);
      if (!has('data-samples')) return;
      if (has('data-frames')) counts.shared++;
      else counts.alone++;
    }).observe(document.body, { subtree: true, attributeFilter: ['data-samples', 'data-frames'] });
  });
  const read = () =>
    page.evaluate(
      () => (window as unknown as { graphRepaints: { shared: number; alone: number } }).graphRepaints,
    );
  // The synthetic scene's crossings move the graph's line, so it repaints; between them it may not.
  await expect.poll(async () => (await read()).shared, { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
  const { shared, alone } = await read();
  // A message that must keep its order (a `status` every 5 s) shows waiting levels at once: a few alone.
  expect(alone, `${alone} repaints alone, ${shared} with a picture`).toBeLessThanOrEqual(shared / 4);
});
