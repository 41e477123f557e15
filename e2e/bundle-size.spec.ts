import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/** First-load JS budget of the dashboard, gzipped (issue 5: phones on Wi-Fi load it). */
const budgetKB = 150;
const assets = join(__dirname, '..', 'out', 'renderer', 'assets');

test(`the dashboard's JS is at most ${budgetKB} KB gzipped`, () => {
  // The build has no lazy chunks: every script (the app and the event SharedWorker) loads at once.
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(files.length).toBeGreaterThan(0);
  const sizes = files.map((f) => ({
    file: f,
    gzipKB: gzipSync(readFileSync(join(assets, f)), { level: 9 }).length / 1024,
  }));
  const total = sizes.reduce((sum, s) => sum + s.gzipKB, 0);
  console.log(
    sizes.map((s) => `${s.file}: ${s.gzipKB.toFixed(1)} KB`).join('\n'),
    `\ntotal: ${total.toFixed(1)} KB gzipped`,
  );
  expect(total).toBeLessThanOrEqual(budgetKB);
});
