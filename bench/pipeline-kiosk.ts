import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';
import { actAsKiosk } from '../e2e/kiosk-stub';
import { ENGINE_V8_FLAGS } from '../scripts/engine-flags.mjs';
import { kioskRates } from '../src/shared/kiosk-rates';
import { type ProcSample, processTree } from './pipeline-proc';
import type { AppProcess, CameraProcess } from './pipeline-procs';
import { measureWindow, median, rss, total } from './pipeline-window';

/**
 * Headless Chromium showing the dashboard at 800x480 as the kiosk window does (its frame rates): the CPU
 * of all its processes against the engine's (node + ffmpeg), per camera frame, over the same windows.
 */
export async function measureKiosk(
  app: AppProcess,
  camera: CameraProcess,
  trees: Map<string, () => ProcSample[]>,
  windowS: number,
  windows: number,
): Promise<void> {
  // The kiosk's Electron gets the engine's V8 flags on its command line, and Chromium hands them to the page too.
  const jsFlags = `--js-flags=${ENGINE_V8_FLAGS.join(' ')}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, jsFlags] });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 480 } });
    // The preload's API as the kiosk window has it, so the page takes the kiosk's own rates and decode size.
    await actAsKiosk(page);
    await page.goto(`${app.url}/`);
    await page.waitForTimeout(5000);
    // Without the stand-in the page is a remote browser's (every frame at the camera's rate): say so, do not measure it.
    if (!(await page.evaluate(() => document.documentElement.classList.contains('kiosk'))))
      throw new Error('the page did not take the kiosk path (window.kiosk stand-in missing)');
    // Every Chromium process is a descendant of this one (playwright launches it directly).
    const chrome = () => processTree(process.pid).filter((p) => /chrom/i.test(p.name));
    const watched = new Map([
      ['app', trees.get('app') ?? (() => [])],
      ['chromium', chrome],
    ]);
    const app_: number[] = [];
    const kiosk: number[] = [];
    const mem: number[] = [];
    for (let i = 0; i < windows; i++) {
      const w = await measureWindow(windowS, camera, app, watched);
      app_.push(total(w.trees.get('app')));
      kiosk.push(total(w.trees.get('chromium')));
      mem.push(rss(w.trees.get('chromium')));
    }
    const perCore = (msPerFrame: number) => ((msPerFrame * camera.fps) / 10).toFixed(1);
    console.log(`\n## Kiosk view: Chromium at 800x480 on the dashboard (median of ${windows} windows)\n`);
    console.log('| | CPU ms per camera frame | % of one core | RSS MB |');
    console.log('|---|---|---|---|');
    console.log(`| engine (node + ffmpeg) | ${median(app_).toFixed(3)} | ${perCore(median(app_))} | |`);
    console.log(
      `| Chromium (all processes) | ${median(kiosk).toFixed(3)} | ${perCore(median(kiosk))} | ${median(mem).toFixed(0)} |`,
    );
    console.log(
      `\nPage: / with the kiosk's preload API stood in: ${kioskRates.fps} fps, ${kioskRates.stillFps} while still, on an 800x480 screen.`,
    );
    console.log(`Ratio Chromium / engine: **${(median(kiosk) / median(app_)).toFixed(2)}**`);
  } finally {
    await browser.close();
  }
}
