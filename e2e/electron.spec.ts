/// <reference lib="dom" />
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ElectronApplication, _electron as electron, expect, type Page, test } from '@playwright/test';
import type { KioskApi } from '../src/shared/kiosk-api';

// The built kiosk app (`npm run build`) in a real Electron, on the synthetic camera. Runs wherever the Electron
// binary is installed and a display exists (e.g. `xvfb-run npx playwright test --project electron`);
// elsewhere it is skipped with the missing piece named. Never calls require('electron'): that would try to
// download the binary.

const root = join(__dirname, '..');
const electronDir = dirname(require.resolve('electron/package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

function missing(): string | null {
  if (!electronBinary()) {
    return 'Electron binary not installed (node_modules/electron/dist; its download host is unreachable here)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: DISPLAY and WAYLAND_DISPLAY unset (run under xvfb-run)';
  }
  if (!existsSync(join(root, 'out/main/index.js')))
    return 'app not built: out/main/index.js missing (npm run build)';
  return null;
}

const reason = missing();
test.skip(reason !== null, reason ?? '');
// The list reporter does not show skip reasons; say it once, in one line, where CI logs show it.
if (reason && process.env.TEST_WORKER_INDEX === undefined)
  process.stderr.write(`electron e2e skipped: ${reason}\n`);

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  // better-sqlite3 as `npm start` gives it to Electron: built for Electron's ABI, once, into the cache.
  const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  // Imported at run time: Playwright compiles spec imports to CommonJS, which an .mjs script cannot be.
  const script = pathToFileURL(join(root, 'scripts/electron-sqlite.mjs')).href;
  const { electronSqlite, SQLITE_BINDING_ENV } = await import(script);
  const sqlite = await electronSqlite({ electronVersion });
  test.skip(Boolean(sqlite.problem), sqlite.problem);
  dataDir = mkdtempSync(join(tmpdir(), 'mk-electron-'));
  const args = [root, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--source', 'synthetic'];
  args.push('--no-auth'); // the window is on loopback either way; this keeps the test off the auth design
  if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses root without it (CI containers)
  app = await electron.launch({
    executablePath: electronBinary() as string,
    args,
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', [SQLITE_BINDING_ENV as string]: sqlite.binding },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the kiosk window shows the dashboard from the core, full screen', async () => {
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const fullScreen = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0].isFullScreen(),
  );
  expect(fullScreen).toBe(true);
});

test('the live view shows frames and a motion event from the synthetic source appears', async () => {
  const feed = page.locator('img.feed');
  await expect(feed).toBeVisible();
  await expect
    .poll(() => feed.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect(page.locator('[data-event-id]').first()).toBeVisible({ timeout: 30_000 });
});

test('the preload API answers, and Node stays out of the page', async () => {
  const seen = await page.evaluate(async () => {
    const kiosk = (window as unknown as { kiosk: KioskApi }).kiosk;
    return {
      isKiosk: kiosk.isKiosk,
      version: kiosk.version,
      display: await kiosk.display.state(),
      share: await kiosk.share(),
      quit: await kiosk.quit('not-the-pin'),
      node: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    };
  });
  expect(seen).toMatchObject({
    isKiosk: true,
    version: pkg.version,
    display: 'on',
    node: 'undefined',
    process: 'undefined',
  });
  expect(Array.isArray(seen.share.urls)).toBe(true);
  expect(seen.quit.ok).toBe(false);
});

test('navigation off the app origin and new windows are refused', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.open('https://example.com/');
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500); // give a (blocked) navigation the chance to start
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
