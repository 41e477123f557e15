import type { Logger } from 'pino';
import type { CameraStatus } from '../shared/events';
import type { Settings } from '../shared/settings';
import type { FrameSource, SourceState } from './capture/frame-source';
import { createSource } from './capture/index';
import type { EventHub } from './events/event-hub';
import { LevelHistory } from './events/level-history';
import { FpsMeter } from './fps-meter';
import { FrameBus } from './frames/frame-bus';
import type { Health } from './health/health';
import { OfflineWatch } from './health/offline-watch';
import type { ObjectLabeller } from './labels/object-labeller';
import { MotionMonitor } from './motion/motion-monitor';
import { ProgressNoter } from './motion/progress-noter';
import type { SupervisedStatus, SupervisorOptions } from './supervisor/supervisor';

/** How often `status` is re-sent while online, so dashboards see a current fps. */
const STATUS_INTERVAL_MS = 5000;

/** Settings that change what the source must produce; a change restarts the capture. */
const captureKeys = ['captureWidth', 'captureHeight', 'frameRate', 'analysisWidth'] as const;

export interface CameraOptions {
  /** Camera name carried by every event. */
  name: string;
  /** Source spec, already validated by parseSourceSpec. */
  spec: string;
  settings: Settings;
  /** Detection backend in use, reported in `status`. */
  backend: string;
  hub: EventHub;
  log: Logger;
  /** Labels objects in this camera's motion events; none = no labels. */
  labeller?: ObjectLabeller;
  /** Where a camera offline past `offlineGraceMs` is reported (component `camera:<name>`). */
  health?: Health;
  /** How long the camera may be offline before health says so, ms. Default 30000. */
  offlineGraceMs?: number;
  /** Restart policy of the capture (supervisor.ts); defaults there. */
  supervisor?: SupervisorOptions;
  /** Whether detection is armed now; a motion start while disarmed is not published. Default: always armed. */
  armed?: () => boolean;
  /** Builds the source for the current capture settings. Default: `createSource(spec, …)`. */
  createSource?: (settings: Settings) => FrameSource;
}

/**
 * One camera: source → FrameBus → MotionMonitor → EventHub, plus its `status`.
 * The core holds these in a list, so a second camera is a config entry.
 */
export class Camera {
  readonly bus: FrameBus;
  #source: FrameSource;
  readonly #monitor: MotionMonitor;
  readonly #fps = new FpsMeter();
  /** Recent `level` samples, for dashboards that load (`GET /api/levels`). */
  readonly levels = new LevelHistory();
  #detectorMs = 0;
  #status: CameraStatus;
  #openEventId: number | null = null;
  #progress: ProgressNoter | null = null;
  #threshold: number;
  readonly #timer: NodeJS.Timeout;
  readonly #motionListeners = new Set<() => void>();
  /** Source restarts run one after another, so two quick changes cannot leave an extra ffmpeg running. */
  #restarts: Promise<void> = Promise.resolve();
  /** Capture restarts counted by sources a capture-settings change replaced, so `restarts` counts since start-up. */
  #earlierRestarts = 0;
  /** Capture settings of the running source. */
  #capture: Settings;
  #stopped = false;
  readonly #offline: OfflineWatch;

  constructor(private readonly opts: CameraOptions) {
    this.bus = new FrameBus(opts.name, (err) => opts.log.error({ err }, 'frame subscriber failed'));
    this.#status = {
      camera: opts.name,
      state: 'starting',
      since: Date.now() / 1000,
      fps: 0,
      backend: opts.backend,
    };
    this.#monitor = new MotionMonitor({ settings: opts.settings, log: opts.log });
    this.#threshold = opts.settings.threshold;
    this.#monitor.on('start', (start, frame) => {
      if (opts.armed && !opts.armed()) return;
      const event = opts.hub.publishMotionStart(
        { camera: opts.name, ts: start.ts / 1000, change: start.change, box: start.box },
        frame.jpeg,
      );
      this.#openEventId = event.id;
      opts.labeller?.start(event.id, start.box, frame);
      this.#progress = new ProgressNoter(event, (progress) => {
        try {
          opts.hub.store.noteProgress(progress);
        } catch {
          // Only a crash's end time gets less exact; the event writes report storage trouble.
        }
      });
      for (const listener of this.#motionListeners) listener();
    });
    this.#monitor.on('end', (end) => {
      if (this.#openEventId === null) return;
      const motionId = this.#openEventId;
      this.#openEventId = null;
      this.#progress = null;
      // The hub never throws: an end the disk refuses is queued and announced all the same.
      opts.hub.publishMotionEnd({
        camera: opts.name,
        motionId,
        ts: end.ts / 1000,
        duration: end.duration,
        peakChange: end.peakChange,
        frames: end.frames,
        box: end.box,
        labels: opts.labeller?.end(motionId) ?? [],
      });
    });
    this.#monitor.on('level', (level) => {
      if (level.active && level.change >= this.#threshold) this.#progress?.note(level);
      const sample = { camera: opts.name, ...level };
      this.levels.push(sample);
      opts.labeller?.box(level.box);
      opts.hub.broadcast('level', sample);
    });
    this.bus.subscribe((frame) => {
      this.#fps.tick(frame.ts);
      const start = performance.now();
      this.#monitor.push(frame);
      // A moving average over ~20 frames: steady enough to read on the health page.
      this.#detectorMs += (performance.now() - start - this.#detectorMs) / 20;
      opts.labeller?.frame(frame);
    });
    this.#offline = new OfflineWatch(opts.offlineGraceMs ?? 30_000, (problem) =>
      opts.health?.report(`camera:${opts.name}`, problem),
    );
    this.#capture = opts.settings;
    this.#source = this.#createSource(opts.settings);
    this.#timer = setInterval(() => {
      if (this.#status.state === 'online') this.#setStatus({ fps: this.#fps.rate(Date.now()) });
    }, STATUS_INTERVAL_MS);
    this.#timer.unref();
    opts.hub.broadcast('status', this.#status);
  }

  /** Detection time per frame in ms (moving average), for the health page. */
  get detectorMs(): number {
    return Math.round(this.#detectorMs * 100) / 100;
  }

  /** Whether the scene is still now (`LevelHistory.stillAt`): `?stillFps` live viewers get fewer frames then. */
  get still(): boolean {
    return this.levels.stillAt(Date.now() / 1000, this.#threshold);
  }

  /** Frames the detector has analysed since start-up. */
  get analysedFrames(): number {
    return this.#monitor.analysed;
  }

  get status(): CameraStatus {
    return this.#status;
  }

  start(): void {
    this.#source.start();
  }

  onMotion(listener: () => void): () => void {
    this.#motionListeners.add(listener);
    return () => this.#motionListeners.delete(listener);
  }

  /** Applies new settings: detection at once; capture size or rate by restarting the source. */
  async applySettings(next: Settings, previous: Settings): Promise<void> {
    this.#monitor.updateSettings(next);
    this.opts.labeller?.updateSettings(next);
    this.#threshold = next.threshold;
    if (captureKeys.every((key) => next[key] === previous[key])) return;
    // A failed restart is reported to this caller; it must not block the next one.
    this.#restarts = this.#restarts.catch(() => {}).then(() => this.#restart(next));
    await this.#restarts;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#offline.stop();
    await this.#restarts.catch(() => {});
    await this.#source.stop();
    // An announced event must not stay open forever in the history.
    this.#monitor.finish();
    this.#monitor.dispose();
  }

  async #restart(settings: Settings): Promise<void> {
    if (this.#stopped || captureKeys.every((key) => settings[key] === this.#capture[key])) return;
    this.opts.log.info({ camera: this.opts.name }, 'capture settings changed; restarting the source');
    await this.#source.stop();
    if (this.#stopped) return;
    this.#capture = settings;
    this.#earlierRestarts = this.#status.restarts ?? 0;
    this.#source = this.#createSource(settings);
    this.#source.start();
  }

  #createSource(settings: Settings): FrameSource {
    const source =
      this.opts.createSource?.(settings) ??
      createSource(this.opts.spec, {
        camera: this.opts.name,
        settings,
        log: this.opts.log,
        supervisor: this.opts.supervisor,
        wantsGray: () => this.#monitor.wantsGray(),
      });
    source.on('frame', (frame) => this.bus.publish(frame));
    source.on('state', (state, message, detail) => this.#onState(state, message, detail));
    return source;
  }

  #onState(state: SourceState, message: string | undefined, detail?: SupervisedStatus): void {
    if (state === this.#status.state && message === this.#status.message) return;
    this.#offline.update(state, message);
    this.opts.log.info({ camera: this.opts.name, state, message }, `camera ${state}`);
    // The scene (and the camera's exposure) may have changed while no frames came: compare with what
    // the camera sees now, not with the background from before, or the difference is a false event.
    if (state === 'online') this.#monitor.relearn();
    this.#setStatus({
      state,
      message,
      since: Date.now() / 1000,
      fps: state === 'online' ? this.#status.fps : 0,
      retryAt: detail?.retryAt,
      restarts: detail ? this.#earlierRestarts + detail.restarts : this.#status.restarts,
      restartsLastHour: detail?.restartsLastHour ?? this.#status.restartsLastHour,
      stderr: state === 'offline' && detail?.stderr.length ? detail.stderr : undefined,
    });
  }

  #setStatus(change: Partial<CameraStatus>): void {
    this.#status = { ...this.#status, ...change };
    for (const key of ['message', 'retryAt', 'stderr'] as const) {
      if (this.#status[key] === undefined) delete this.#status[key];
    }
    this.opts.hub.broadcast('status', this.#status);
  }
}
