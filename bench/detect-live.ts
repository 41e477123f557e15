import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pino from 'pino';
import { MotionMonitor } from '../src/main/motion/motion-monitor';
import type { DetectedEvent } from '../src/main/motion/scenarios/replay';
import { FPS, HEIGHT, type Scenario, WIDTH } from '../src/main/motion/scenarios/scenarios';
import type { Settings } from '../src/shared/settings';
import { startClipCamera } from './detect-camera';

export interface LiveRun {
  /** Events in clip seconds, by the wall clock at which the monitor emitted them. */
  events: DetectedEvent[];
  /** Seconds from clip start to each event's `end` emission (null: still open at the end). */
  endEmits: (number | null)[];
}

/**
 * Plays the clip in real time as an HTTP camera to ffmpeg (decoding to gray at 1/4 scale, as the app's
 * sources do) and feeds its frames to a MotionMonitor as they arrive, stamped with the wall clock.
 */
export async function runLive(clip: string, scenario: Scenario, settings: Settings): Promise<LiveRun> {
  const camera = await startClipCamera(clip, { leadInSeconds: 3, tailSeconds: settings.eventGap + 3 });
  const width = WIDTH / 4;
  const height = HEIGHT / 4;
  const size = width * height;
  const ffmpeg = spawn('ffmpeg', [
    ...['-v', 'error', '-fflags', 'nobuffer', '-probesize', '32', '-analyzeduration', '0'],
    ...['-lowres', '2', '-f', 'mjpeg', '-i', camera.url, '-vf', 'format=gray', '-fps_mode', 'passthrough'],
    ...['-f', 'rawvideo', 'pipe:1'],
  ]);
  const monitor = new MotionMonitor({ settings, log: pino({ level: 'silent' }) });
  const events: DetectedEvent[] = [];
  const endEmits: (number | null)[] = [];
  const clipTime = () => Date.now() / 1000 - camera.clipStart;
  monitor.on('start', () => {
    if (camera.clipStart === 0) return; // during the lead-in: nothing moves there
    events.push({ start: clipTime(), lastMotion: null });
    endEmits.push(null);
  });
  monitor.on('end', (end) => {
    if (events.length === 0) return;
    events[events.length - 1].lastMotion = end.ts / 1000 - camera.clipStart;
    endEmits[endEmits.length - 1] = clipTime();
  });
  let pending = Buffer.alloc(0);
  let seq = 0;
  ffmpeg.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= size) {
      const gray = new Uint8Array(pending.subarray(0, size));
      pending = pending.subarray(size);
      monitor.push({ seq: seq++, ts: Date.now(), jpeg: Buffer.alloc(0), gray, width, height });
    }
  });
  const exited = once(ffmpeg, 'exit');
  const limit = (3 + scenario.seconds + settings.eventGap + 3) * 1000 + 30_000;
  await Promise.race([camera.played, new Promise((resolve) => setTimeout(resolve, limit).unref())]);
  ffmpeg.kill('SIGTERM');
  await exited;
  camera.close();
  monitor.dispose();
  if (seq < scenario.seconds * FPS)
    throw new Error(`ffmpeg delivered only ${seq} frames of ${scenario.name}`);
  return { events, endEmits };
}
