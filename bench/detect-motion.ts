import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rasteriseMasks } from '../src/core/motion/mask';
import type { DetectedEvent } from '../src/core/motion/scenarios/replay';
import { FPS, HEIGHT, type Scenario, WIDTH } from '../src/core/motion/scenarios/scenarios';
import type { Settings } from '../src/shared/settings';
import { startClipCamera } from './detect-camera';
import { processCpuMs } from './detect-proc';

export interface MotionRun {
  /** Events whose start hook ran after the clip began, in clip seconds; `lastMotion` = end hook − event_gap. */
  events: DetectedEvent[];
  /** Seconds from clip start to each event's end hook (null: still open when Motion was stopped). */
  endHooks: (number | null)[];
  /** Events Motion started during the still lead-in (start-up artefacts; not scored). */
  leadInEvents: number;
  /** Motion's CPU time while the clip played, ms per clip frame. */
  cpuMsPerFrame: number;
  /** HTTP connections Motion opened (its ffmpeg probes once, then streams). */
  connections: number;
}

export interface MotionOptions {
  /** Scratch directory for config, mask, hook log and Motion's log. */
  workDir: string;
  settings: Settings;
  /** Motion's lightswitch_percent; its default is 0 (off). */
  lightswitchPercent: number;
  /** Seconds of the clip's first frame sent before the clip, while Motion connects and settles. Default 8. */
  leadInSeconds?: number;
}

/** Motion's mask file: a PGM at capture size, 255 where it detects, 0 where it ignores. */
function maskPgm(masks: Settings['masks']): Buffer {
  const keep = rasteriseMasks(masks, WIDTH, HEIGHT);
  return Buffer.concat([Buffer.from(`P5\n${WIDTH} ${HEIGHT}\n255\n`), Buffer.from(keep.map((v) => v * 255))]);
}

function motionConfig(url: string, o: MotionOptions, mask: string | null, hook: string): string {
  const s = o.settings;
  return [
    'daemon off',
    'setup_mode off',
    'log_level 6',
    `target_dir ${o.workDir}`,
    `netcam_url ${url}`,
    // Without capture_rate Motion reads at `framerate` and falls behind the stream.
    'netcam_params capture_rate=60',
    `width ${WIDTH}`,
    `height ${HEIGHT}`,
    `framerate ${FPS}`,
    `threshold ${Math.round((s.threshold / 100) * WIDTH * HEIGHT)}`,
    `noise_level ${s.noiseLevel}`,
    `minimum_motion_frames ${s.minimumMotionFrames}`,
    `event_gap ${Math.round(s.eventGap)}`,
    `lightswitch_percent ${o.lightswitchPercent}`,
    ...(mask ? [`mask_file ${mask}`] : []),
    'movie_output off',
    'picture_output off',
    'webcontrol_port 0',
    'stream_port 0',
    // Motion expands % sequences in hook commands, so the timestamp is taken inside a script.
    `on_event_start ${hook} start`,
    `on_event_end ${hook} end`,
    '',
  ].join('\n');
}

/**
 * Plays the clip to Motion as an HTTP network camera (bare concatenated JPEGs at the clip's rate,
 * after a still lead-in, followed by eventGap + 3 s of the last frame) and reads its event hooks.
 */
export async function runMotion(clip: string, scenario: Scenario, o: MotionOptions): Promise<MotionRun> {
  await rm(o.workDir, { recursive: true, force: true });
  await mkdir(o.workDir, { recursive: true });
  const frameCount = scenario.seconds * FPS;
  const hookLog = join(o.workDir, 'hooks.log');
  const hook = join(o.workDir, 'hook.sh');
  await writeFile(hook, '#!/bin/sh\necho "$1 $(date +%s.%N)" >> "$MOTION_HOOK_LOG"\n', { mode: 0o755 });
  const maskFile = scenario.settings?.masks?.length ? join(o.workDir, 'mask.pgm') : null;
  if (maskFile) await writeFile(maskFile, maskPgm(o.settings.masks));

  let pid = 0;
  let cpuAtStart = 0;
  let cpuAtEnd = 0;
  const camera = await startClipCamera(clip, {
    leadInSeconds: o.leadInSeconds ?? 8,
    tailSeconds: o.settings.eventGap + 3,
    onClipStart: () => {
      cpuAtStart = processCpuMs(pid);
    },
    onClipEnd: () => {
      cpuAtEnd = processCpuMs(pid);
    },
  });
  const url = camera.url;
  const config = join(o.workDir, 'motion.conf');
  await writeFile(config, motionConfig(url, o, maskFile, hook));

  const log = createWriteStream(join(o.workDir, 'motion.log'));
  const motion = spawn('motion', ['-n', '-c', config], { env: { ...process.env, MOTION_HOOK_LOG: hookLog } });
  motion.stdout.pipe(log);
  motion.stderr.pipe(log);
  pid = motion.pid ?? 0;
  const exited = once(motion, 'exit');
  const limit = new Promise<void>((resolve) =>
    setTimeout(
      resolve,
      (o.leadInSeconds ?? 8) * 1000 + (frameCount * 1000) / FPS + (o.settings.eventGap + 3) * 1000 + 30_000,
    ).unref(),
  );
  await Promise.race([camera.played, limit]);
  motion.kill('SIGTERM');
  const killer = setTimeout(() => motion.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
  camera.close();
  const clipStart = camera.clipStart;
  if (!clipStart) throw new Error(`Motion never streamed the clip; see ${join(o.workDir, 'motion.log')}`);

  const lines = existsSync(hookLog)
    ? (await readFile(hookLog, 'utf8')).trim().split('\n').filter(Boolean)
    : [];
  const events: DetectedEvent[] = [];
  const endHooks: (number | null)[] = [];
  let leadInEvents = 0;
  let inLeadIn = false;
  for (const line of lines) {
    const [kind, wall] = line.split(' ');
    const t = Number(wall) - clipStart;
    if (kind === 'start' && t < 0) {
      leadInEvents++;
      inLeadIn = true;
    } else if (kind === 'start') {
      events.push({ start: t, lastMotion: null });
      endHooks.push(null);
      inLeadIn = false;
    } else if (kind === 'end' && !inLeadIn && events.length > 0) {
      events[events.length - 1].lastMotion = t - Math.round(o.settings.eventGap);
      endHooks[endHooks.length - 1] = t;
    }
  }
  return {
    events,
    endHooks,
    leadInEvents,
    connections: camera.connections,
    cpuMsPerFrame: (cpuAtEnd - cpuAtStart) / frameCount,
  };
}
