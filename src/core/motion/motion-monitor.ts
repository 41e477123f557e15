import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { BoundingBox } from '../../shared/events';
import type { Settings } from '../../shared/settings';
import type { Frame, GrayPicture } from '../frames/frame';
import { MotionDetector } from './detector';
import { MotionTracker } from './tracker';
import type { FrameAnalysis, TrackerOutput } from './types';

export type MotionStartOutput = Extract<TrackerOutput, { kind: 'start' }>;
export type MotionEndOutput = Extract<TrackerOutput, { kind: 'end' }>;

/** The live change score for graphs. */
export interface LevelSample {
  /** Unix seconds of the frame. */
  ts: number;
  /** Percent of analysed pixels that changed. */
  change: number;
  /** True while a motion event is open. */
  active: boolean;
  /** Box around this frame's change (0..1), so a live overlay can follow the motion; null when still. */
  box: BoundingBox | null;
}

export interface MotionMonitorEvents {
  /** An event started; `frame` is the one that started it, for the snapshot. */
  start: [MotionStartOutput, Frame];
  end: [MotionEndOutput];
  /** At most one per `levelIntervalMs` of frame time. */
  level: [LevelSample];
}

export interface MotionMonitorOptions {
  settings: Settings;
  log: Logger;
  /** Minimum frame time between two `level` events. Default 200 (5 per second). */
  levelIntervalMs?: number;
  /** How often to check whether an open event has ended while frames stopped arriving. Default 1000. */
  idleCheckMs?: number;
  /**
   * While the scene is still, one frame is analysed per this much frame time (and never two in a row):
   * every 3rd at 30 fps, every other at 15 fps or less. Default 100.
   */
  stillIntervalMs?: number;
}

/** Most frames one still analysis stands for: held frames are kept (and replayed) in memory. */
const MAX_STRIDE = 6;

/** One camera's detection: frame → detector → tracker → `start` / `end` / `level` events. */
export class MotionMonitor extends EventEmitter<MotionMonitorEvents> {
  readonly #detector: MotionDetector;
  readonly #tracker: MotionTracker;
  readonly #log: Logger;
  readonly #levelIntervalMs: number;
  readonly #idleTimer: NodeJS.Timeout;
  readonly #stillIntervalMs: number;
  #lastLevelTs = Number.NEGATIVE_INFINITY;
  /** Frames analysed so far. */
  analysed = 0;
  /** Frames not analysed yet because the scene was still (see `push`). */
  #held: Frame[] = [];
  /** The last analysed frame changed nothing: analyse one frame in `#stride()`. */
  #still = false;
  /** Time between frames, smoothed (0 until two frames came). */
  #gapMs = 0;
  #lastTs = 0;
  /** A gray copy is being decoded late; frames arriving meanwhile wait in `#queue`, in order. */
  #decoding = false;
  readonly #queue: Frame[] = [];
  #disposed = false;

  constructor(opts: MotionMonitorOptions) {
    super();
    this.#detector = new MotionDetector(opts.settings);
    this.#tracker = new MotionTracker(opts.settings);
    this.#log = opts.log;
    this.#levelIntervalMs = opts.levelIntervalMs ?? 200;
    this.#stillIntervalMs = opts.stillIntervalMs ?? 100;
    this.#idleTimer = setInterval(
      () => this.#emitAll(this.#tracker.idle(Date.now()), null),
      opts.idleCheckMs ?? 1000,
    );
    this.#idleTimer.unref();
  }

  /**
   * Whether the next frame's gray copy will be looked at: not when a still scene holds it back. A source
   * may then skip decoding it; a frame that turns out to be needed after all is decoded late.
   */
  wantsGray(): boolean {
    return !this.#still || this.#held.length >= this.#stride() - 1 || this.#decoding;
  }

  /**
   * While the scene is still, frames are held back and the one after them analysed for all (the
   * background moving as far as that many frames would move it): one frame per `stillIntervalMs`, about
   * a third of the detection work at 30 fps. When that frame shows any change, the background update is
   * undone and the held frames and it are analysed in order, so the tracker sees every frame with motion
   * and an event starts on the same frame as at the full rate; it is only announced up to
   * `stillIntervalMs` later.
   */
  push(frame: Frame): void {
    this.#noteGap(frame.ts);
    if (this.#decoding) this.#queue.push(frame);
    else this.#step(frame);
  }

  /** Frames per analysis while still: about one per `stillIntervalMs`, from 2 up to MAX_STRIDE. */
  #stride(): number {
    if (this.#gapMs === 0) return 2;
    return Math.min(MAX_STRIDE, Math.max(2, Math.round(this.#stillIntervalMs / this.#gapMs)));
  }

  #noteGap(ts: number): void {
    const gap = ts - this.#lastTs;
    this.#lastTs = ts;
    // Smoothed, so that a late frame or a burst does not change the stride; gaps of a restart are ignored.
    if (gap > 0 && gap < 1000) this.#gapMs = this.#gapMs === 0 ? gap : 0.9 * this.#gapMs + 0.1 * gap;
  }

  #step(frame: Frame): void {
    if (!this.#still) {
      this.#withGray(frame, (gray) => this.#analyse(frame, gray, 1));
      return;
    }
    if (this.#held.length < this.#stride() - 1) {
      this.#held.push(frame);
      return;
    }
    const held = this.#held;
    this.#held = [];
    this.#withGray(frame, (gray) => {
      if (!gray) return;
      const probe = this.#detector.analyse(gray.gray, gray.width, gray.height, held.length + 1);
      this.analysed++;
      if (probe.change === 0) {
        this.#track(frame, probe);
        return;
      }
      this.#detector.rewind();
      this.#replay(held, 0, () => this.#analyse(frame, gray, 1));
    });
  }

  /** Analyses `frames` from `from` on in order (decoding late where needed), then calls `then`. */
  #replay(frames: Frame[], from: number, then: () => void): void {
    if (from === frames.length) {
      then();
      return;
    }
    this.#withGray(frames[from], (gray) => {
      this.#analyse(frames[from], gray, 1);
      this.#replay(frames, from + 1, then);
    });
  }

  /**
   * Calls `then` with the frame's gray copy: at once when it has one, else once it is decoded (null if it
   * cannot be), with later frames queued meanwhile so that the detector sees them in order.
   */
  #withGray(frame: Frame, then: (gray: GrayPicture | null) => void): void {
    if (frame.gray) {
      then({ gray: frame.gray, width: frame.width, height: frame.height });
      return;
    }
    if (!frame.decodeGray) {
      then(null);
      return;
    }
    this.#decoding = true;
    frame.decodeGray().then(
      (gray) => this.#resume(() => then(gray)),
      () => this.#resume(() => then(null)),
    );
  }

  #resume(then: () => void): void {
    this.#decoding = false;
    if (this.#disposed) return;
    then();
    while (!this.#decoding && this.#queue.length > 0) this.#step(this.#queue.shift() as Frame);
  }

  #analyse(frame: Frame, gray: GrayPicture | null, weight: number): void {
    if (!gray) return;
    const analysis = this.#detector.analyse(gray.gray, gray.width, gray.height, weight);
    this.analysed++;
    this.#track(frame, analysis);
  }

  #track(frame: Frame, analysis: FrameAnalysis): void {
    this.#still = analysis.change === 0;
    if (analysis.lightswitch)
      this.#log.debug({ change: analysis.change }, 'lighting change: background re-learnt');
    this.#emitAll(this.#tracker.update(frame.ts, analysis, frame.seq), frame);
    // A clock that jumped back must not silence the graph.
    if (frame.ts - this.#lastLevelTs >= this.#levelIntervalMs || frame.ts < this.#lastLevelTs) {
      this.#lastLevelTs = frame.ts;
      this.emit('level', {
        ts: frame.ts / 1000,
        change: analysis.change,
        active: this.#tracker.active,
        box: analysis.box,
      });
    }
  }

  /** Forget the background (e.g. the camera reported an exposure jump). */
  relearn(): void {
    this.#held = [];
    this.#still = false;
    this.#detector.relearn();
  }

  updateSettings(settings: Settings): void {
    this.#detector.updateSettings(settings);
    this.#tracker.updateSettings(settings);
  }

  /** Ends the open event, if any, with an `end` (the camera is stopping and no frame will close it). */
  finish(): void {
    this.#emitAll(this.#tracker.finish(), null);
  }

  dispose(): void {
    this.#disposed = true;
    this.#queue.length = 0;
    clearInterval(this.#idleTimer);
    this.#detector.dispose();
    this.removeAllListeners();
  }

  #emitAll(outputs: TrackerOutput[], frame: Frame | null): void {
    for (const output of outputs) {
      if (output.kind === 'start' && frame) this.emit('start', output, frame);
      else if (output.kind === 'end') this.emit('end', output);
    }
  }
}
