import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Settings } from '../../shared/settings';
import { type SupervisedStatus, Supervisor, type SupervisorOptions } from '../supervisor/supervisor';
import { LocalGrayDecoder } from './decoding/local-gray-decoder';
import { FeederRun } from './feeders/feeder-run';
import { ffmpegCaps, withoutFpsMode } from './ffmpeg/ffmpeg-caps';
import { resolveFfmpeg } from './ffmpeg/ffmpeg-path';
import { FfmpegRun } from './ffmpeg/ffmpeg-run';
import type { FrameSource, FrameSourceEvents, SourceState } from './frame-source';
import type { CaptureRun, Pipeline, RunEnd } from './pipeline';
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
  /** Restart policy: back-off (first 1 s, cap 10 s, ±20 % jitter), watchdog 10 s, healthy after 60 s. */
  supervisor?: SupervisorOptions;
  /**
   * Whether detection will look at the next frame's gray copy. Sources whose JPEGs pass through Node
   * (rpicam-vid, webcam stills, bare-JPEG HTTP cameras) do not decode the others; such a frame has
   * `gray: null` and a `decodeGray`. Default: every frame is wanted.
   */
  wantsGray?: () => boolean;
  /**
   * Make feeders' gray copies in this process (libjpeg-turbo), with no ffmpeg running; where its
   * bindings do not load, ffmpeg decodes them as for every other source. Default true; false: ffmpeg.
   */
  decodeInProcess?: boolean;
}

/** A capture that stays stopped after ending without error (a file played to its end). */
const FINISHED = 'finished';

/**
 * Runs one capture per camera under a Supervisor (`../../supervisor/`: back-off, watchdog, restart
 * counts) and turns it into Frames: an ffmpeg and its two outputs, or a feeder whose JPEGs are
 * decoded in this process. Subclasses only say what to run (`plan`).
 */
export abstract class ProcessSource extends EventEmitter<FrameSourceEvents> implements FrameSource {
  readonly camera: string;
  abstract readonly description: string;
  protected readonly log: Logger;
  protected readonly ffmpeg: string;
  #running = false;
  /** Why no ffmpeg could be found, if none could. */
  #noFfmpeg: string | undefined;
  #run: CaptureRun | null = null;
  /** In-process decoding for feeders: made at the first feeder run; an Error says why there is none. */
  #local: LocalGrayDecoder | Error | undefined;
  #planning: Promise<void> = Promise.resolve();
  #abort = new AbortController();
  readonly #supervisor: Supervisor;
  #seq = 0;
  /** Size of the last gray copy, given to frames that have none. */
  #graySize = { width: 0, height: 0 };
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
    this.#supervisor = new Supervisor(options.supervisor ?? {}, {
      attempt: () => this.#attempt(),
      kill: (reason) => this.#run?.fail(reason),
      onStatus: (status) => this.#setState(status),
    });
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
    this.#supervisor.start();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    this.#supervisor.stop();
    await Promise.all([this.#planning, this.#run?.stop()]);
  }

  #setState(status: SupervisedStatus): void {
    if (this.#state === status.state && status.state !== 'offline') return;
    this.#state = status.state;
    // Debug only: the owner of the source reports state changes (Camera logs and broadcasts them).
    this.log.debug({ state: status.state }, status.message ?? status.state);
    this.emit('state', status.state, status.message, status);
  }

  #attempt(): void {
    this.#supervisor.starting(`starting ${this.description}`);
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
    const onEnd = (end: RunEnd) => {
      if (this.#run !== run) return;
      this.#run = null;
      this.#failed(
        end.finished ? FINISHED : this.mask(end.message),
        end.stderr.map((line) => this.mask(line)),
      );
    };
    const onPicture = (jpeg: Buffer, image: GrayImage | null) => this.#frame(jpeg, image, run);
    const local = pipeline.feeder ? this.#localDecoder() : null;
    let run: CaptureRun;
    if (pipeline.feeder && local) {
      this.log.debug("decoding the feeder's JPEGs in process");
      run = new FeederRun(pipeline.feeder, local, onPicture, onEnd, this.options.wantsGray);
    } else {
      this.log.debug({ args: pipeline.args.map((arg) => this.mask(arg)) }, 'spawning ffmpeg');
      run = new FfmpegRun(this.ffmpeg, pipeline, onPicture, onEnd, this.options.wantsGray);
    }
    this.#run = run;
  }

  /** The in-process decoder, or null (turned off, or no libjpeg-turbo bindings: said once). */
  #localDecoder(): LocalGrayDecoder | null {
    if (this.options.decodeInProcess === false) return null;
    if (this.#local === undefined) {
      this.#local = LocalGrayDecoder.create(this.options.settings.analysisWidth);
      if (this.#local instanceof Error) {
        this.log.info(`JPEGs decoded by ffmpeg: no libjpeg-turbo bindings here (${this.#local.message})`);
      }
    }
    return this.#local instanceof Error ? null : this.#local;
  }

  #frame(jpeg: Buffer, image: GrayImage | null, run: CaptureRun): void {
    if (image) this.#graySize = { width: image.width, height: image.height };
    const { width, height } = this.#graySize;
    this.#supervisor.frame(() => `${this.description}: first frame (${width}x${height} gray)`);
    const frame = { seq: ++this.#seq, ts: Date.now(), jpeg, width, height };
    if (image) this.emit('frame', { ...frame, gray: image.gray });
    else this.emit('frame', { ...frame, gray: null, decodeGray: () => run.decode(jpeg) });
  }

  #failed(message: string, stderr: string[] = []): void {
    if (!this.#running) return;
    if (message === FINISHED && !this.restartAfterEnd()) {
      this.#running = false;
      this.#supervisor.finished(`${this.description}: end of input`);
      return;
    }
    this.#supervisor.failed(message === FINISHED ? 'input ended' : message, stderr);
  }

  /** Text as it may be logged or shown: subclasses hide secrets (URL credentials). */
  protected mask(text: string): string {
    return text;
  }
}
