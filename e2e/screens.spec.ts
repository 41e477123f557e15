/// <reference lib="dom" />
import { join } from 'node:path';
import { expect, framesDrawn, openDashboard, test } from './fixtures';
import { actAsKiosk, kioskLanUrl } from './kiosk-stub';
import { screens, seriousViolations, smallText, uncovered } from './page-checks';

const dir = join(__dirname, '..', 'artifacts', 'screenshots', 'screens');

const words = {
  en: {
    settings: 'Settings',
    health: 'Health',
    share: 'Connect a phone',
    online: 'Camera online',
    saved: 'Saved',
  },
  ko: { settings: '설정', health: '상태', share: '휴대폰 연결', online: '카메라 연결됨', saved: '저장됨' },
} as const;

for (const screen of screens) {
  for (const lang of ['en', 'ko'] as const) {
    test.describe(`${screen.name} ${screen.width}×${screen.height} ${lang}`, () => {
      test.use({ viewport: { width: screen.width, height: screen.height }, hasTouch: screen.touch });

      test('every screen and dialog: readable, accessible, and the picture stays in view while tuning', async ({
        page,
      }) => {
        test.setTimeout(120_000);
        const w = words[lang];
        const shot = (what: string) =>
          page.screenshot({ path: join(dir, `${screen.name}-${lang}-${what}.png`) });
        await page.addInitScript((lang) => localStorage.setItem('motion-kiosk.language', lang), lang);
        if (screen.name === 'kiosk') await actAsKiosk(page);
        await openDashboard(page);
        await expect(page.locator('.event-time').first()).toBeVisible({ timeout: 30_000 });
        await expect.poll(() => framesDrawn(page), { timeout: 20_000 }).toBeGreaterThan(0);
        // One clock format: 24-hour, like the camera's own overlay.
        await expect(page.locator('.event-time').first()).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
        await page.waitForTimeout(1000); // thumbnails decode
        await shot('dashboard');
        expect(await seriousViolations(page)).toEqual([]);
        if (screen.name === 'kiosk') expect(await smallText(page, 16)).toEqual([]);

        // Settings: docked, so the live picture and the graph stay visible and uncovered.
        await page.getByRole('button', { name: w.settings, exact: true }).click();
        const sheet = page.locator('dialog.sheet[aria-labelledby="settings-title"]');
        await expect(sheet).toBeVisible();
        await page.waitForTimeout(300);
        expect(await uncovered(page, 'canvas.feed')).toBe(true);
        expect(await uncovered(page, 'canvas.graph-canvas')).toBe(true);
        await shot('settings');
        expect(await seriousViolations(page)).toEqual([]);
        if (screen.name === 'kiosk') expect(await smallText(page, 16)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(sheet).toBeHidden();
        await expect(page.getByRole('button', { name: w.settings, exact: true })).toBeFocused();

        // Health page, from the header.
        await page.getByRole('button', { name: w.health, exact: true }).click();
        const health = page.locator('dialog.health');
        await expect(health).toContainText(w.online);
        await shot('health');
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(health).toBeHidden();

        // The event viewer.
        await page.locator('.event-button').first().click();
        await expect(page.locator('dialog.viewer')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');

        if (screen.name === 'kiosk') {
          await page.getByRole('button', { name: w.share }).click();
          const share = page.locator('dialog.share');
          await expect(share).toContainText(kioskLanUrl);
          await expect
            .poll(() => share.locator('img.share-qr').evaluate((img: HTMLImageElement) => img.naturalWidth))
            .toBeGreaterThan(0);
          await shot('share');
          expect(await seriousViolations(page)).toEqual([]);
          await page.keyboard.press('Escape');
        } else {
          await expect(page.getByRole('button', { name: w.share })).toHaveCount(0);
        }
      });
    });
  }
}
