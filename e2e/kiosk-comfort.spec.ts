/// <reference lib="dom" />
import { expect, openDashboard, test } from './fixtures';

test.use({ viewport: { width: 800, height: 480 } });

test('every control on the 800×480 screen is a touch target of at least 44 px', async ({ page }) => {
  await openDashboard(page);
  await expect(page.locator('.event-button').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Settings' }).click();
  const sizes = await page.locator('button:visible, input:visible').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label') ?? el.textContent, w: r.width, h: r.height };
    }),
  );
  expect(sizes.length).toBeGreaterThan(10);
  for (const s of sizes) expect(Math.min(s.w, s.h), `${s.name}`).toBeGreaterThanOrEqual(44);
});

test('in the kiosk window: no text selection, no context menu, version shown', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'kiosk', { value: Object.freeze({ version: '9.9.9', isKiosk: true }) });
  });
  await openDashboard(page);
  await expect(page.locator('html')).toHaveClass(/kiosk/);
  expect(await page.locator('h1').evaluate((el) => getComputedStyle(el).userSelect)).toBe('none');
  const menuPrevented = await page.evaluate(() => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    return !document.body.dispatchEvent(event);
  });
  expect(menuPrevented).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText('Version 9.9.9')).toBeVisible();
  await expect(page.getByText('Desktop notifications')).toHaveCount(0);
});

test('in a plain browser the context menu is left alone, and the keyboard reaches the settings', async ({
  page,
}) => {
  await openDashboard(page);
  const menuPrevented = await page.evaluate(() => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    return !document.body.dispatchEvent(event);
  });
  expect(menuPrevented).toBe(false);
  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden();
});
