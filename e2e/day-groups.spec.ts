import type { EventPage } from '../src/shared/api';
import { expect, openDashboard, test } from './fixtures';
import { sessionHeaders, signInContext } from './server';

const cases = [
  {
    locale: 'en-US',
    timezoneId: 'America/New_York',
    today: 'Today',
    yesterday: 'Yesterday',
    date: /^\w+day, \w+ \d{1,2}, \d{4}$/,
  },
  {
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    today: '오늘',
    yesterday: '어제',
    date: /^\d{4}년 \d{1,2}월 \d{1,2}일 [월화수목금토일]요일$/,
  },
];

for (const c of cases) {
  test(`day headings move on across midnight (${c.locale}, ${c.timezoneId})`, async ({ browser, server }) => {
    await expect
      .poll(
        async () =>
          (
            (await (
              await fetch(`${server.url}/api/events`, { headers: sessionHeaders(server) })
            ).json()) as EventPage
          ).events.length,
        {
          timeout: 60_000,
          intervals: [1000],
        },
      )
      .toBeGreaterThan(0);
    const context = await browser.newContext({
      baseURL: server.url,
      locale: c.locale,
      timezoneId: c.timezoneId,
    });
    await signInContext(context, server);
    const page = await context.newPage();
    await openDashboard(page);
    const first = page.locator('.day-group').first();
    await expect(first).toBeVisible();
    // The local midnight after the newest event, in the page's time zone.
    const midnight = await first.evaluate((el) => {
      const [y, m, d] = (el.getAttribute('data-day') ?? '').split('-').map(Number);
      return new Date(y, m - 1, d + 1).getTime();
    });
    // Five minutes before midnight: loading the page on a busy machine must not reach midnight by itself.
    await page.clock.install({ time: midnight - 300_000 });
    await page.reload();
    await openDashboard(page);
    const heading = page.locator('.day-group').first().locator('.day-heading');
    await expect(heading).toHaveText(c.today);
    await page.clock.fastForward(310_000);
    await expect(heading).toHaveText(c.yesterday);
    await page.clock.fastForward(2 * 86_400_000);
    await expect(heading).toHaveText(c.date);
    await page.context().close();
  });
}
