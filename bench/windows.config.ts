import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';

/** `npm run bench:windows`: one Playwright test, bench/windows.bench.ts, against the e2e server fixture. */
export default defineConfig({
  testDir: '.',
  testMatch: /windows\.bench\.ts$/,
  outputDir: '../test-results/bench-windows',
  workers: 1,
  reporter: 'line',
  use: { launchOptions: { executablePath: chromiumPath, args: chromiumArgs } },
});
