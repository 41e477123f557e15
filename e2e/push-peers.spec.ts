/// <reference lib="dom" />
import { test as base, chromium, expect } from '@playwright/test';
import { startBroker, type TestBroker } from '../src/core/integrations/testing/broker';
import { chromiumArgs, chromiumPath } from './chromium';
import { type RunningServer, startServer } from './server';

// Two real servers on one real mosquitto (access control off: this is not about access), in Debian's Chromium.
const test = base;
let broker: TestBroker;
const servers: RunningServer[] = [];

test.beforeAll(async () => {
  broker = await startBroker();
  const start = () => startServer({ auth: false, args: ['--mqtt', broker.url] });
  servers.push(...(await Promise.all([start(), start()])));
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await broker?.stop();
});

test('each dashboard lists the other kiosk on the broker, with its state and a link', async ({ page }) => {
  const [garage, nursery] = servers;
  const nurseryPort = new URL(nursery.url).port;
  await page.goto(`${garage.url}/`);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.locator('.sheet').getByRole('button', { name: 'Integrations', exact: true }).click();
  const peer = page.locator('.peer');
  await expect(peer).toHaveCount(1, { timeout: 30_000 });
  await expect(peer).toContainText('Camera on', { timeout: 30_000 });
  const link = peer.getByRole('link', { name: 'Open' });
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^http://[^/]+:${nurseryPort}$`));
});

test('the service worker registers on http://127.0.0.1, a subscription reaches the server, a push shows', async ({
  page,
  context,
}) => {
  const [garage] = servers;
  await context.grantPermissions(['notifications'], { origin: garage.url });
  // The browser's push service (Google's, for Chromium) is out of reach here: the subscription it would hand out
  // is made up at exactly that boundary; everything before (worker, permission) and after (server) is real.
  await page.addInitScript(() => {
    PushManager.prototype.subscribe = async function subscribe() {
      const json = {
        endpoint: 'https://push.invalid/send/e2e',
        expirationTime: null,
        keys: {
          p256dh: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
      };
      return { ...json, toJSON: () => json, unsubscribe: async () => true } as unknown as PushSubscription;
    };
  });
  await page.goto(`${garage.url}/`);
  const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
  expect(script).toBe(`${garage.url}/sw.js`);
  expect(
    await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href')),
  ).toBe('manifest.webmanifest');
  const manifest = await (await fetch(`${garage.url}/manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({ display: 'standalone', icons: expect.any(Array) });

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.locator('.sheet').getByRole('button', { name: 'Integrations', exact: true }).click();
  await page.locator('dialog.integrations').getByRole('button', { name: 'Turn on' }).click();
  await expect(page.locator('.push-state')).toHaveAttribute('data-state', 'on');
  const push = await (await fetch(`${garage.url}/api/push`)).json();
  expect(push.subscriptions).toBe(1);

  // A push message as the push service would deliver it, handed to the worker through the DevTools protocol.
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r) => r.scopeURL === `${garage.url}/` && !r.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const payload = {
    title: 'Garage',
    body: 'Person seen',
    ts: 1_800_000_000,
    eventId: 7,
    image: '',
    url: '/#event-7',
    label: 'person',
    score: 0.6,
  };
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: garage.url,
    registrationId: await registrationId,
    data: JSON.stringify(payload),
  });
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [n.title, n.body, n.tag]),
      ),
    )
    .toEqual([['Garage', expect.stringMatching(/^Person seen, /), 'motion-7']]);
});

test('on a LAN address over plain http the subscribe button says why it cannot work', async () => {
  const [garage] = servers;
  const port = new URL(garage.url).port;
  // A name that is not loopback, so the page is not a secure context; it still reaches 127.0.0.1.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--host-resolver-rules=MAP kiosk.lan 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://kiosk.lan:${port}/`);
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.locator('.sheet').getByRole('button', { name: 'Integrations', exact: true }).click();
    await expect(page.locator('.push-state')).toHaveAttribute('data-state', 'insecure');
    await expect(page.locator('.push-state')).toContainText('HTTPS');
    await expect(page.locator('dialog.integrations').getByRole('button', { name: 'Turn on' })).toHaveCount(0);
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
  } finally {
    await browser.close();
  }
});
