/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { expect, openDashboard, putSettings } from './fixtures';
import { type RunningServer, signInContext, startServer } from './server';

/**
 * The real server replaying, in a loop, a person walking through a room and out of it, with object
 * labels on (the default): each pass is one event; the live view must tag its motion box with what the
 * model found and drop the tag when the event ends. A tab sees the labels of events that start while
 * it is open.
 */
const test = base.extend<object, { personServer: RunningServer }>({
  personServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startServer({ source: `file:${personClip()}?loop` });
      expect((await putSettings(server, { eventGap: 1 })).status).toBe(200);
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ personServer }, use) => use(personServer.url),
});

/**
 * Renders (or finds cached) the clip of a person walking through the room, through tsx: the scene
 * code reads `import.meta`, which Playwright's CommonJS transform of a spec cannot load.
 */
function personClip(): string {
  const script = [
    "import { ensureSceneClip } from './src/core/labels/scenes/clip';",
    "import { passingScene } from './src/core/labels/scenes/scenes';",
    'ensureSceneClip(passingScene).then((path) => process.stdout.write(path));',
  ].join('\n');
  const root = join(__dirname, '..');
  return execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['-e', script], { cwd: root }).toString();
}

const shots = join(__dirname, '..', 'artifacts', 'screenshots');

/** Records, in the page, each `motion-end` and which event the live tag named just after it. */
async function watchEnds(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { ends: { id: number; tagAfter: string | null }[] };
    w.ends = [];
    new EventSource('/events').addEventListener('motion-end', (e) => {
      const id = JSON.parse((e as MessageEvent).data).motionId as number;
      // The dashboard's own stream delivers the same message in the same turn or the next few.
      setTimeout(() => {
        const tag = document.querySelector<HTMLElement>('.box-label');
        w.ends.push({ id, tagAfter: tag?.dataset.motionId ?? null });
      }, 300);
    });
  });
}

for (const [width, height] of [
  [800, 480],
  [390, 844],
  [1440, 900],
] as const) {
  for (const lang of ['en', 'ko'] as const) {
    test(`a person in the running event is tagged on the live box (${width}x${height}, ${lang})`, async ({
      browser,
      personServer,
    }) => {
      test.setTimeout(240_000);
      const context = await browser.newContext({
        viewport: { width, height },
        locale: lang === 'ko' ? 'ko-KR' : 'en-US',
      });
      await signInContext(context, personServer);
      const page = await context.newPage();
      await openDashboard(page);
      const tag = page.locator('.box-label');
      // The model loads on the first labelled picture; a loaded machine takes its time.
      const name = lang === 'ko' ? '사람' : 'Person';
      await expect(tag).toHaveText(new RegExp(`^${name} \\d+\\s?%`), { timeout: 150_000 });
      await expect(tag).toBeInViewport();
      await page.screenshot({ path: join(shots, `labels-${width}x${height}-${lang}.png`) });
      await context.close();
    });
  }
}

test('the tag belongs to the running event and is gone when that event ends', async ({
  page,
  personServer,
}) => {
  test.setTimeout(240_000);
  await watchEnds(page);
  await signInContext(page.context(), personServer);
  await page.setViewportSize({ width: 800, height: 480 });
  await openDashboard(page);
  const tag = page.locator('.box-label');
  await expect(tag).toHaveText(/^Person \d+\s?%/, { timeout: 150_000 });
  const tagged = Number(await tag.getAttribute('data-motion-id'));
  const ends = () =>
    page.evaluate(() => (window as unknown as { ends: { id: number; tagAfter: string | null }[] }).ends);
  await expect.poll(async () => (await ends()).some((e) => e.id === tagged), { timeout: 90_000 }).toBe(true);
  const end = (await ends()).find((e) => e.id === tagged);
  expect(end?.tagAfter).not.toBe(String(tagged));
});
