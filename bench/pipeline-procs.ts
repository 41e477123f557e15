import { type ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ENGINE_V8_FLAGS } from '../scripts/engine-flags.mjs';
import { defaultSettings } from '../src/shared/settings';

/** What the camera process says once its JPEGs are encoded and it listens. */
export interface CameraReady {
  port: number;
  loopFrames: number;
  triggerFrame: number;
  box: { w: number; h: number; from: number; speed: number };
}

export interface CameraCounts {
  sent: Record<string, number>;
  skipped: Record<string, number>;
  ticks: number;
}

/** The simulated camera (`pipeline-camera.mjs`) as its own process. */
export class CameraProcess {
  readonly child: ChildProcess;
  /** Wall times (ms) at which each crossing's trigger frame was due. */
  readonly triggers: number[] = [];
  #counts: ((c: CameraCounts) => void) | null = null;

  constructor(
    size: string,
    readonly fps: number,
    format: string,
  ) {
    this.child = fork(join(__dirname, 'pipeline-camera.mjs'), [size, String(fps), format], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: { type: string; at?: number } & CameraCounts) => {
      if (m.type === 'trigger' && m.at) this.triggers.push(m.at);
      if (m.type === 'counts') this.#counts?.(m);
    });
  }

  async ready(): Promise<CameraReady> {
    for (;;) {
      const [m] = (await once(this.child, 'message')) as [{ type: string } & CameraReady];
      if (m.type === 'ready') return m;
    }
  }

  counts(): Promise<CameraCounts> {
    return new Promise((resolve) => {
      this.#counts = resolve;
      this.child.send('counts');
    });
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

/** The app through its real CLI, with a `url:` source; SSE `motion` arrivals are timed by the wall clock. */
export class AppProcess {
  readonly child: ChildProcess;
  /** Wall times (ms) at which `event: motion` arrived on `/events`. */
  readonly motions: number[] = [];
  url = '';

  /** @param script the build to run; default this checkout's `out/main/headless.js`. */
  constructor(cameraUrl: string, dataDir: string, config: string, script = 'out/main/headless.js') {
    const args = [
      // As the systemd unit and the kiosk's autostart entry start it (with MALLOC_ARENA_MAX=2 below).
      ...ENGINE_V8_FLAGS,
      script,
      '--source',
      `url:${cameraUrl}`,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ];
    this.child = spawn(process.execPath, [...args, '--data-dir', dataDir, '--config', config, '--no-auth'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn', MALLOC_ARENA_MAX: '2' },
    });
    this.child.stderr?.pipe(createWriteStream(join(dataDir, 'app.log')));
  }

  /** `labels`: run the object labeller too (default off, like for like with Motion). */
  static async config(dataDir: string, size: [number, number], fps: number, labels = false): Promise<string> {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'config.json');
    // Like for like with Motion, which runs with picture_output and movie_output off.
    const settings = {
      captureWidth: size[0],
      captureHeight: size[1],
      frameRate: fps,
      labels,
      recordClips: false,
    };
    await writeFile(file, JSON.stringify({ settings }));
    // A kiosk in use is past its first run: without this the dashboard opens on the setup guide.
    await writeFile(join(dataDir, 'settings.json'), '{}');
    return file;
  }

  async listening(): Promise<string> {
    const lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    for await (const line of lines) {
      const m = /^listening on (\S+)/.exec(line);
      if (m) {
        this.url = m[1];
        this.#subscribe();
        return this.url;
      }
    }
    throw new Error('the app exited before listening; see its app.log');
  }

  #subscribe(): void {
    get(`${this.url}/events`, (res) => {
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.timeOrigin + performance.now();
        pending += chunk;
        const parts = pending.split('\n\n');
        pending = parts.pop() ?? '';
        for (const part of parts) if (/^event: motion$/m.test(part)) this.motions.push(at);
      });
    });
  }

  /** Frames captured and analysed so far, from `/metrics`. */
  async frames(): Promise<{ received: number; analysed: number }> {
    const text = await new Promise<string>((resolve, reject) => {
      get(`${this.url}/metrics`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve(body));
      }).on('error', reject);
    });
    const read = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    return {
      received: read('motion_kiosk_frames_total'),
      analysed: read('motion_kiosk_frames_analysed_total'),
    };
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Motion 4.5 on the same camera; its `on_event_start` hook appends the wall time to a log. */
export class MotionProcess {
  readonly child: ChildProcess;
  readonly #hookLog: string;

  private constructor(child: ChildProcess, hookLog: string) {
    this.child = child;
    this.#hookLog = hookLog;
  }

  static async start(url: string, dir: string, size: [number, number], fps: number): Promise<MotionProcess> {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const hookLog = join(dir, 'hooks.log');
    const hook = join(dir, 'hook.sh');
    // Motion rewrites % sequences in hook commands, so the clock is read inside a script.
    await writeFile(hook, '#!/bin/sh\necho "$1 $(date +%s.%N)" >> "$MOTION_HOOK_LOG"\n', { mode: 0o755 });
    const s = defaultSettings;
    const config = [
      ...['daemon off', 'setup_mode off', 'log_level 4', `target_dir ${dir}`, `netcam_url ${url}`],
      // Without capture_rate Motion reads at `framerate` and falls behind the stream.
      ...['netcam_params capture_rate=60', `width ${size[0]}`, `height ${size[1]}`, `framerate ${fps}`],
      `threshold ${Math.round((s.threshold / 100) * size[0] * size[1])}`,
      ...[`noise_level ${s.noiseLevel}`, `minimum_motion_frames ${s.minimumMotionFrames}`],
      ...[`event_gap ${s.eventGap}`, 'movie_output off', 'picture_output off', 'webcontrol_port 0'],
      ...['stream_port 0', `on_event_start ${hook} start`, ''],
    ].join('\n');
    await writeFile(join(dir, 'motion.conf'), config);
    const child = spawn('motion', ['-n', '-c', join(dir, 'motion.conf')], {
      env: { ...process.env, MOTION_HOOK_LOG: hookLog },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(dir, 'motion.log'));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return new MotionProcess(child, hookLog);
  }

  /** Wall times (ms) of Motion's event starts so far. */
  async starts(): Promise<number[]> {
    if (!existsSync(this.#hookLog)) return [];
    const lines = (await readFile(this.#hookLog, 'utf8')).trim().split('\n').filter(Boolean);
    return lines.filter((l) => l.startsWith('start ')).map((l) => Number(l.split(' ')[1]) * 1000);
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }
}
