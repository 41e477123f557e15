import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { faultFs, fill, mountTmpfs, unmount } from '../src/core/events/test-support/fault-fs';
import { expect, test } from './fixtures';
import { type RunningServer, startServer } from './server';

// Disk full under a running server (a real tmpfs, filled): the dashboard shows the health banner naming
// the data dir, and takes it down once space returns.
const dir = join(__dirname, '..', 'artifacts', 'screenshots');
const sizes = [
  { width: 800, height: 480 },
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];

test.describe('storage health banner', () => {
  test.skip(!faultFs.ok, faultFs.why);
  let dataDir = '';
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    dataDir = mountTmpfs(16 * 1024);
    // Not about access: the fresh browser contexts below see the dashboard, not the sign-in screen.
    server = await startServer({ dataDir, auth: false });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) unmount(dataDir);
  });

  test('shows while the disk is full, in English and Korean, and goes once space returns', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const url = server?.url ?? '';
    const filler = fill(dataDir);
    const pages = await Promise.all(
      ['en-US', 'ko-KR'].map(async (locale) => {
        const context = await browser.newContext({ locale, viewport: sizes[0] });
        const page = await context.newPage();
        await page.goto(url);
        return { locale, page };
      }),
    );
    // The next motion event (the synthetic figure crosses every ~10 s) is the first write that fails.
    for (const { page } of pages) {
      await expect(page.locator('.health-banner')).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('.health-banner')).toContainText(dataDir);
    }
    await expect(pages[0].page.locator('.health-banner')).toContainText('Storage:');
    await expect(pages[1].page.locator('.health-banner')).toContainText('저장소:');
    for (const { locale, page } of pages) {
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.screenshot({ path: join(dir, `health-${locale}-${size.width}x${size.height}.png`) });
      }
    }
    rmSync(filler);
    for (const { page } of pages)
      await expect(page.locator('.health-banner')).toBeHidden({ timeout: 30_000 });
  });
});
