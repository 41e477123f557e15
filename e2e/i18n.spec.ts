import { expect, openDashboard, test } from './fixtures';

test.describe('Korean browser', () => {
  test.use({ locale: 'ko-KR' });

  test('shows Korean UI text and 24-hour times, like the camera clock', async ({ page }) => {
    await openDashboard(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('모션 키오스크');
    await expect(page.getByRole('heading', { name: '이벤트' })).toBeVisible();
    await expect(page.locator('.event-time').first()).toHaveText(/^\d{2}:\d{2}:\d{2}$/, {
      timeout: 30_000,
    });
  });

  test('renders Hangul with the Korean Noto CJK face (fonts-noto-cjk), not a fallback box', async ({
    page,
  }) => {
    await openDashboard(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const hangul = fonts.filter((f) => /CJK KR|Noto Sans KR/.test(f.familyName));
    expect(
      hangul.map((f) => f.familyName),
      JSON.stringify(fonts),
    ).not.toHaveLength(0);
  });
});

test.describe('English browser', () => {
  test.use({ locale: 'en-US' });

  test('shows English UI text and 24-hour times, and remembers a switch to Korean', async ({ page }) => {
    await openDashboard(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Motion Kiosk');
    await expect(page.locator('.event-time').first()).toHaveText(/^\d{2}:\d{2}:\d{2}$/, {
      timeout: 30_000,
    });

    await page.getByRole('button', { name: /한국어/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('모션 키오스크');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('모션 키오스크');
  });
});
