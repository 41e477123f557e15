import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Settings } from '../../shared/settings';
import { ffmpegCaps, withoutFpsMode } from './ffmpeg/ffmpeg-caps';
import { resolveFfmpeg } from './ffmpeg/ffmpeg-path';
import { FfmpegRun } from './ffmpeg/ffmpeg-run';
import type { FrameSource, FrameSourceEvents, SourceState } from './frame-source';
import type { Pipeline } from './pipeline';
import type { GrayImage } from './splitters/pgm-splitter';

/** What every source is built with. */
export interface SourceOptions {
  /** Camera name carried by every frame's events. */
  camera: string;
  /** Capture size, frame rate and analysis width. */
  settings: Pick<Settings, 'captureWidth' | 'captureHeight' | 'frameRate' | 'analysisWidth'>;
  /** Logger; the source's lines carry its `camera` name. */
  log: Logger;
  /** ffmpeg binary. Default: `resolveFfmpeg()`. */
  ffmpeg?: string;
  /** First delay before restarting a failed capture, ms; doubles per failure. Default 1000. */
  restartDelayMs?: number;
  /** Longest delay between restarts, ms. Default 30000. */
  maxRestartDelayMs?: number;
  /** A capture that gives no frame for this long is restarted, ms. Default 15000. */
  stallTimeoutMs?: number;
}

/** A capture that stays stopped after ending without error (a file played to its end). */
const FINISHED = 'finished';

/**
 * Runs one ffmpeg per camera, restarts it with exponential back-off when it dies or stalls, and
 * turns its two outputs into Frames. Subclasses only say what to run (`plan`).
 */
export abstract class ProcessSource extends EventEmitter<FrameSourceEvents> implements FrameSource {
  readonly camera: string;
  abstract readonly description: string;
  protected readonly log: Logger;
  protected readonly ffmpeg: string;
  #running = false;
  /** Why no ffmpeg could be found, if none could. */
  #noFfmpeg: string | undefined;
  #run: FfmpegRun | null = null;
  #planning: Promise<void> = Promise.resolve();
  #abort = new AbortController();
  #restartTimer: NodeJS.Timeout | undefined;
  #stallTimer: NodeJS.Timeout | undefined;
  #delay: number;
  #onlineSince = 0;
  #seq = 0;
  #state: SourceState | undefined;

  constructor(protected readonly options: SourceOptions) {
    super();
    this.camera = options.camera;
    this.log = options.log.child({ camera: options.camera });
    try {
      this.ffmpeg = options.ffmpeg ?? resolveFfmpeg();
    } catch (err) {
      // Reported as the offline reason at every attempt rather than thrown at construction.
      this.ffmpeg = '';
      this.#noFfmpeg = (err as Error).message;
    }
    this.#delay = this.#firstDelay;
  }

  /** Decides what to run for the next attempt; throw SourceUnavailable to go offline with a reason. */
  protected abstract plan(signal: AbortSignal): Promise<Pipeline>;

  /** Whether a capture that ended without error should be started again. Default true. */
  protected restartAfterEnd(): boolean {
    return true;
  }

  /** The current state, undefined before start(). */
  get state(): SourceState | undefined {
    return this.#state;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attempt();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    clearTimeout(this.#restartTimer);
    clearTimeout(this.#stallTimer);
    await Promise.all([this.#planning, this.#run?.stop()]);
  }

  get #firstDelay(): number {
    return this.options.restartDelayMs ?? 1000;
  }

  #setState(state: SourceState, message?: string): void {
    if (this.#state === state && state !== 'offline') return;
    this.#state = state;
    // Debug only: the owner of the source reports state changes (Camera logs and broadcasts them).
    this.log.debug({ state }, message ?? state);
    this.emit('state', state, message);
  }

  #attempt(): void {
    this.#setState('starting', `starting ${this.description}`);
    this.#abort = new AbortController();
    if (this.#noFfmpeg) {
      this.#failed(this.#noFfmpeg);
      return;
    }
    this.#planning = Promise.all([this.plan(this.#abort.signal), ffmpegCaps(this.ffmpeg)]).then(
      ([pipeline, caps]) => {
        if (!this.#running) return;
        this.#spawn(caps.fpsMode ? pipeline : { ...pipeline, args: withoutFpsMode(pipeline.args) });
      },
      (err: unknown) => this.#failed(this.mask(err instanceof Error ? err.message : String(err))),
    );
  }

  #spawn(pipeline: Pipeline): void {
    this.log.debug({ args: pipeline.args.map((arg) => this.mask(arg)) }, 'spawning ffmpeg');
    const run = new FfmpegRun(
      this.ffmpeg,
      pipeline,
      (jpeg, image) => this.#frame(jpeg, image),
      (end) => {
        if (this.#run !== run) return;
        this.#run = null;
        this.#failed(end.finished ? FINISHED : this.mask(end.message));
      },
    );
    this.#run = run;
    this.#watchStall();
  }

  #frame(jpeg: Buffer, { gray, width, height }: GrayImage): void {
    if (this.#state !== 'online') {
      this.#onlineSince = Date.now();
      this.#setState('online', `${this.description}: first frame (${width}x${height} gray)`);
    }
    this.#watchStall();
    this.emit('frame', { seq: ++this.#seq, ts: Date.now(), jpeg, gray, width, height });
  }

  /** (Re)arms the timer that kills a capture giving no frames. */
  #watchStall(): void {
    clearTimeout(this.#stallTimer);
    const ms = this.options.stallTimeoutMs ?? 15_000;
    this.#stallTimer = setTimeout(() => this.#run?.fail(`no frame for ${ms / 1000} s`), ms);
    this.#stallTimer.unref();
  }

  #failed(message: string): void {
    clearTimeout(this.#stallTimer);
    if (!this.#running) return;
    if (message === FINISHED && !this.restartAfterEnd()) {
      this.#running = false;
      this.#setState('offline', `${this.description}: end of input`);
      return;
    }
    const stable = this.#onlineSince > 0 && Date.now() - this.#onlineSince > 10_000;
    this.#delay = stable ? this.#firstDelay : this.#delay;
    this.#onlineSince = 0;
    const reason = message === FINISHED ? 'input ended' : message;
    this.#setState('offline', `${reason}; retrying in ${Math.round(this.#delay / 1000)} s`);
    this.#restartTimer = setTimeout(() => this.#attempt(), this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.options.maxRestartDelayMs ?? 30_000);
  }

  /** Text as it may be logged or shown: subclasses hide secrets (URL credentials). */
  protected mask(text: string): string {
    return text;
  }
}
