import type { BoundingBox } from '../../shared/events';
import type { Settings } from '../../shared/settings';
import type { FrameAnalysis, TrackerOutput } from './types';

interface OpenEvent {
  firstTs: number;
  lastMotionTs: number;
  peakChange: number;
  frames: number;
  box: BoundingBox | null;
}

/** The smallest box covering both. */
function union(a: BoundingBox | null, b: BoundingBox | null): BoundingBox | null {
  if (!a || !b) return a ?? b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** Adds a moving frame to an event or run; starts one when there is none. */
function extend(event: OpenEvent | null, tsMs: number, a: FrameAnalysis): OpenEvent {
  if (!event) return { firstTs: tsMs, lastMotionTs: tsMs, peakChange: a.change, frames: 1, box: a.box };
  return {
    firstTs: event.firstTs,
    lastMotionTs: tsMs,
    peakChange: Math.max(event.peakChange, a.change),
    frames: event.frames + 1,
    box: union(event.box, a.box),
  };
}

/**
 * Turns per-frame analyses into motion events. A frame is moving when its change is over
 * `threshold` and it is not a lighting change. An event starts on the `minimumMotionFrames`-th
 * consecutive moving frame (and includes the run before it) and ends once `eventGap` seconds pass
 * without one; with `eventGap` 0 every triggering frame is an event of its own.
 * Time comes only from the timestamps given.
 */
export class MotionTracker {
  #settings: Settings;
  #consecutive = 0;
  /** The current run of consecutive moving frames. */
  #run: OpenEvent | null = null;
  #open: OpenEvent | null = null;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /** True while an event is open. */
  get active(): boolean {
    return this.#open !== null;
  }

  /** Feeds one analysed frame (`tsMs` Unix ms); returns the events it started or ended, in order. */
  update(tsMs: number, a: FrameAnalysis, frameSeq: number): TrackerOutput[] {
    const out = this.idle(tsMs);
    if (a.lightswitch || a.change <= this.#settings.threshold) {
      this.#consecutive = 0;
      this.#run = null;
      return out;
    }
    this.#consecutive++;
    this.#run = extend(this.#run, tsMs, a);
    if (this.#open) {
      this.#open = extend(this.#open, tsMs, a);
    } else if (this.#consecutive >= this.#settings.minimumMotionFrames) {
      const single = this.#settings.eventGap === 0;
      this.#open = single ? extend(null, tsMs, a) : this.#run;
      out.push({ kind: 'start', ts: tsMs, change: a.change, box: a.box, frameSeq });
      if (single) out.push(this.#close());
    }
    return out;
  }

  /** Closes the open event if `eventGap` seconds have passed since its last moving frame by `tsMs`. */
  idle(tsMs: number): TrackerOutput[] {
    const open = this.#open;
    if (!open || tsMs - open.lastMotionTs < this.#settings.eventGap * 1000) return [];
    if (this.#settings.eventGap > 0) {
      // Frames stopped arriving mid-run: motion after the gap must build up a new run.
      this.#consecutive = 0;
      this.#run = null;
    }
    return [this.#close()];
  }

  /** Closes the open event now, whatever the gap (the camera is stopping); returns its end, if any. */
  finish(): TrackerOutput[] {
    this.#consecutive = 0;
    this.#run = null;
    return this.#open ? [this.#close()] : [];
  }

  updateSettings(settings: Settings): void {
    this.#settings = settings;
  }

  #close(): TrackerOutput {
    const open = this.#open as OpenEvent;
    this.#open = null;
    return {
      kind: 'end',
      ts: open.lastMotionTs,
      duration: (open.lastMotionTs - open.firstTs) / 1000,
      peakChange: open.peakChange,
      frames: open.frames,
      box: open.box,
    };
  }
}
