import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { actAsKiosk } from './kiosk-stub';
import { screens, seriousViolations, smallText, uncovered } from './page-checks';
import { type RunningServer, signInContext, startServer } from './server';

/**
 * The first-run guide on the kiosk, a phone and a desktop, in English and Korean: accessible, no small text on
 * the kiosk, and the picture and the graph uncovered while it is open. It only steps through (saves nothing), so
 * the server stays on its first run for every screen. Screenshots go to artifacts/screenshots/screens/.
 */
const dir = join(__dirname, '..', 'artifacts', 'screenshots', 'screens');
const titles = { en: 'Set up your camera', ko: '카메라 설정' };
const next = { en: 'Next', ko: '다음' };
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ firstRun: true });
});

test.afterAll(async () => {
  await server?.stop();
});

for (const screen of screens) {
  for (const lang of ['en', 'ko'] as const) {
    test(`setup guide, ${screen.name} ${screen.width}×${screen.height} ${lang}`, async ({ browser }) => {
      test.setTimeout(240_000); // five axe passes on a loaded two-core machine
      const context = await browser.newContext({
        viewport: { width: screen.width, height: screen.height },
        hasTouch: screen.touch,
      });
      await signInContext(context, server);
      const page = await context.newPage();
      await page.addInitScript((lang) => localStorage.setItem('motion-kiosk.language', lang), lang);
      if (screen.name === 'kiosk') await actAsKiosk(page);
      await page.goto(server.url);
      const guide = page.getByRole('dialog', { name: titles[lang] });
      await expect(guide).toBeVisible({ timeout: 20_000 });
      await expect
        .poll(() => page.locator('canvas.feed').evaluate((el: HTMLElement) => Number(el.dataset.frames ?? 0)))
        .toBeGreaterThan(0);
      for (const step of ['camera', 'masks', 'sensitivity', 'recording', 'done']) {
        await expect(guide).toHaveAttribute('data-step', step);
        await page.waitForTimeout(300);
        if (step === 'camera' || step === 'sensitivity')
          await page.screenshot({ path: join(dir, `${screen.name}-${lang}-setup-${step}.png`) });
        expect(await uncovered(page, 'canvas.feed')).toBe(true);
        expect(await uncovered(page, 'canvas.graph-canvas')).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        if (screen.name === 'kiosk') expect(await smallText(page, 16)).toEqual([]);
        if (step !== 'done') await guide.getByRole('button', { name: next[lang], exact: true }).click();
      }
      await context.close();
    });
  }
}
