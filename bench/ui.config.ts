import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';

const minutes = Number(process.env.UI_BENCH_MINUTES ?? 30);

/** The UI benchmark as one long Playwright test; see bench/ui.mjs. */
export default defineConfig({
  testDir: '.',
  testMatch: /ui\.bench\.ts$/,
  outputDir: '../test-results/bench-ui',
  timeout: (minutes + 5) * 60_000,
  workers: 1,
  reporter: 'line',
  use: { launchOptions: { executablePath: chromiumPath, args: chromiumArgs } },
});
