/// <reference lib="dom" />
import { expect, framesDrawn, openDashboard, test } from './fixtures';

test('a hidden tab pauses the live stream, counts unseen events and, once opted in, notifies with the snapshot', async ({
  context,
  page,
}) => {
  await context.grantPermissions(['notifications']);
  // Headless pages are always "visible": let the test hide this one, and record notifications.
  await page.addInitScript(() => {
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { get: () => hidden });
    const w = window as unknown as { setHidden(h: boolean): void; notified: unknown[] };
    w.setHidden = (h) => {
      hidden = h;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    w.notified = [];
    window.Notification = new Proxy(Notification, {
      construct(_target, args) {
        w.notified.push(args);
        return { close() {}, onclick: null };
      },
    });
  });
  await openDashboard(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByText('On: new motion shows a notification')).toBeVisible();
  await page.keyboard.press('Escape');

  await expect.poll(() => framesDrawn(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.evaluate(() => (window as unknown as { setHidden(h: boolean): void }).setHidden(true));
  // Hidden: no frame is decoded (one already on its way may still land).
  await page.waitForTimeout(1000);
  const whileHidden = await framesDrawn(page);

  const notified = () =>
    page.evaluate(
      () =>
        (window as unknown as { notified: [string, NotificationOptions & { image?: string }][] }).notified,
    );
  await expect
    .poll(async () => (await notified()).length, { timeout: 45_000, intervals: [500] })
    .toBeGreaterThan(0);
  const [title, options] = (await notified())[0];
  expect(title).toBe('Motion detected');
  expect(options.image).toMatch(/\/api\/events\/\d+\/snapshot\.jpg$/);
  expect(options.tag).toMatch(/^motion-\d+$/);
  await expect(page.getByRole('button', { name: /new event/ })).toBeVisible();

  expect(await framesDrawn(page)).toBe(whileHidden);
  await page.evaluate(() => (window as unknown as { setHidden(h: boolean): void }).setHidden(false));
  await expect.poll(() => framesDrawn(page)).toBeGreaterThan(whileHidden);
  await expect(page.getByRole('button', { name: /new event/ })).toBeHidden();
});
