/**
 * `npx tsx bench/capture-latency.ts`: how long a frame takes from the camera's socket to the app.
 * A local HTTP camera sends 300 distinct 640×480 JPEGs at 30 fps, as bare concatenated JPEGs or as
 * multipart/x-mixed-replace; a `url:` source reads it, and each Frame's JPEG is looked up by content
 * to find when that frame was sent. Prints median / p90 / max of (Frame emitted − frame sent).
 *
 * Options: --format bare|multipart (default both).
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createSource } from '../src/core/capture/index';
import { MjpegSplitter } from '../src/core/capture/splitters/mjpeg-splitter';
import { defaultSettings } from '../src/shared/settings';
import { type StreamFormat, startFramesCamera } from './detect-camera';

const { values: args } = parseArgs({ options: { format: { type: 'string' } } });
const formats: StreamFormat[] = args.format ? [args.format as StreamFormat] : ['bare', 'multipart'];

function testJpegs(): Buffer[] {
  const mjpeg = execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=640x480:r=30', '-frames:v', '300'],
      ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', '-'],
    ],
    { maxBuffer: 256 << 20 },
  );
  const jpegs: Buffer[] = [];
  new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
  return jpegs;
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function measure(jpegs: Buffer[], format: StreamFormat): Promise<number[]> {
  const camera = await startFramesCamera(jpegs, { format, leadInSeconds: 4, tailSeconds: 1 });
  const index = new Map(jpegs.map((jpeg, i) => [jpeg.toString('base64'), i]));
  const source = createSource(`url:${camera.url}`, {
    camera: 'bench',
    settings: defaultSettings,
    log: pino({ level: 'silent' }),
  });
  const delays: number[] = [];
  const seen = new Set<number>();
  source.on('frame', (frame) => {
    const now = performance.now();
    const i = index.get(frame.jpeg.toString('base64'));
    // Lead-in and tail repeat the first and last frame: count each frame's first arrival only.
    const sent = i === undefined || seen.has(i) ? undefined : camera.sentAt(i);
    if (i === undefined || sent === undefined) return;
    seen.add(i);
    delays.push(now - sent);
  });
  source.start();
  await camera.played;
  await source.stop();
  camera.close();
  return delays.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const jpegs = testJpegs();
  console.log('| camera stream | frames | median ms | p90 ms | max ms |');
  console.log('|---|---|---|---|---|');
  for (const format of formats) {
    const d = await measure(jpegs, format);
    const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(1));
    console.log(`| ${format} | ${d.length} | ${f(pct(d, 0.5))} | ${f(pct(d, 0.9))} | ${f(d.at(-1))} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
