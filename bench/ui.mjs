// `npm run bench:ui [-- --minutes N]`: drives the dashboard against the real server for N minutes
// (default 30) at about one motion event per second and reports the page's JS heap growth.
// The work is a Playwright test (bench/ui.bench.ts) so that it shares the e2e server fixture.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error(`--minutes must be a positive number, got ${values.minutes}`);
  process.exit(2);
}
const result = spawnSync('npx', ['playwright', 'test', '-c', 'bench/ui.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, UI_BENCH_MINUTES: String(minutes) },
});
process.exit(result.status ?? 1);
