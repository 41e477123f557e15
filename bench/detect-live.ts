import pino from 'pino';
import { createSource } from '../src/core/capture/index';
import { MotionMonitor } from '../src/core/motion/motion-monitor';
import type { DetectedEvent } from '../src/core/motion/scenarios/replay';
import { FPS, HEIGHT, type Scenario, WIDTH } from '../src/core/motion/scenarios/scenarios';
import type { Settings } from '../src/shared/settings';
import { type StreamFormat, startClipCamera } from './detect-camera';

export interface LiveRun {
  /** Events in clip seconds, by the wall clock at which the monitor emitted them. */
  events: DetectedEvent[];
  /** Seconds from clip start to each event's `end` emission (null: still open at the end). */
  endEmits: (number | null)[];
}

/**
 * Plays the clip in real time as an HTTP camera to the app's own `url:` source (its ffmpeg, splitters
 * and pairer, exactly as `--source url:…` runs them) and feeds its frames to a MotionMonitor as they
 * arrive, stamped with the wall clock.
 * @param format how the camera sends its JPEGs (Motion's netcam needs `bare`; IP cameras send `multipart`).
 */
export async function runLive(
  clip: string,
  scenario: Scenario,
  settings: Settings,
  format: StreamFormat,
): Promise<LiveRun> {
  const camera = await startClipCamera(clip, {
    format,
    leadInSeconds: 3,
    tailSeconds: settings.eventGap + 3,
  });
  const source = createSource(`url:${camera.url}`, {
    camera: 'bench',
    settings: { ...settings, captureWidth: WIDTH, captureHeight: HEIGHT, frameRate: FPS },
    log: pino({ level: 'silent' }),
  });
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
  let seq = 0;
  source.on('frame', (frame) => {
    seq++;
    monitor.push(frame);
  });
  source.start();
  const limit = (3 + scenario.seconds + settings.eventGap + 3) * 1000 + 30_000;
  await Promise.race([camera.played, new Promise((resolve) => setTimeout(resolve, limit).unref())]);
  await source.stop();
  camera.close();
  monitor.dispose();
  if (seq < scenario.seconds * FPS)
    throw new Error(`ffmpeg delivered only ${seq} frames of ${scenario.name}`);
  return { events, endEmits };
}
