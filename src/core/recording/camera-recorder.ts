import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BoundingBox, MotionEnd, MotionLabel, MotionStart } from '../../shared/events';
import type { Frame } from '../frames/frame';
import type { FrameBus } from '../frames/frame-bus';
import type { ClipDb } from './clip-db';
import { PreRollRing } from './pre-roll-ring';
import { Recording } from './recording';

/**
 * Extra pre-roll, in ms, for the frames between the motion's real onset and the event's start: the
 * detector confirms motion only after `minimumMotionFrames` frames over the threshold, and an object
 * entering from an edge stays under the threshold for its first few frames.
 */
const ONSET_LEAD_MS = 500;

/**
 * The ring keeps at least this many seconds, so that the frame a label reply names (seconds after it
 * was sent, on a busy machine) is still in memory when the reply comes.
 */
const LABEL_REPLY_S = 8;

/** Capture times (ms) of the same frame: a label carries it as Unix seconds, a float. */
const sameTime = (a: number, b: number) => Math.abs(a - b) < 0.5;

const CAPPED = 'longer than the longest clip: the rest was not recorded';

const ringSeconds = (preRoll: number) => Math.max(preRoll + ONSET_LEAD_MS / 1000, LABEL_REPLY_S);

/** The recording settings one camera follows, read at each event's start. */
export interface ClipSettings {
  recordClips: boolean;
  preRoll: number;
  postRoll: number;
  maxClipSeconds: number;
}

export interface CameraRecorderOptions {
  bus: FrameBus;
  /** Directory holding one directory per recording, named by event id. */
  root: string;
  db: ClipDb;
  settings: () => ClipSettings;
  /** Null when a clip may be recorded; else why not (the disk is full). */
  refusal: () => string | null;
  /** Told after each recording finished, so retention can run. */
  onFinished: () => void;
  log: Logger;
}

/**
 * Records one camera: while recording is on, every frame goes into the pre-roll ring; from an event's `motion` on, frames are
 * appended to its clip until `postRoll` seconds after its `motion-end` (or `maxClipSeconds`). Runs on the
 * frame path, so it only queues: the clip writer does the I/O.
 */
export class CameraRecorder {
  readonly #opts: CameraRecorderOptions;
  readonly #ring: PreRollRing;
  #current: Recording | null = null;
  readonly #finishing = new Set<Promise<void>>();
  readonly #off: () => void;

  constructor(opts: CameraRecorderOptions) {
    this.#opts = opts;
    this.#ring = new PreRollRing(ringSeconds(opts.settings().preRoll));
    this.#off = opts.bus.subscribe((frame) => this.#onFrame(frame));
  }

  get camera(): string {
    return this.#opts.bus.camera;
  }

  /** The event being recorded now, if any. */
  get activeId(): number | null {
    return this.#current?.opts.eventId ?? null;
  }

  /** The recording of `eventId` while it is still being written. */
  recording(eventId: number): Recording | null {
    return this.#current?.opts.eventId === eventId ? this.#current : null;
  }

  onMotion(start: MotionStart): void {
    if (this.#current) this.#finish(this.#current, null);
    const settings = this.#opts.settings();
    this.#ring.seconds = ringSeconds(settings.preRoll);
    const base = { eventId: start.id, camera: this.camera, frames: 0, bytes: 0, best: null };
    const refusal = settings.recordClips ? this.#opts.refusal() : 'recording is turned off';
    if (refusal) {
      this.#opts.db.put({ ...base, state: 'skipped', reason: refusal, start: 0, end: 0 });
      return;
    }
    const from = start.ts * 1000 - settings.preRoll * 1000 - ONSET_LEAD_MS;
    const preRoll = this.#ring.since(from);
    const first = preRoll[0]?.ts ?? start.ts * 1000;
    const recording = new Recording({
      eventId: start.id,
      camera: this.camera,
      dir: join(this.#opts.root, String(start.id)),
      capAt: first + settings.maxClipSeconds * 1000,
      onError: (err) =>
        this.#opts.log.error({ err, eventId: start.id }, 'clip write failed; detection goes on'),
    });
    this.#opts.db.put({ ...base, state: 'recording', reason: null, start: first, end: first });
    for (const frame of preRoll) recording.writer.append(frame);
    this.#current = recording;
  }

  onMotionEnd(end: MotionEnd): void {
    const current = this.#current;
    if (!current || current.opts.eventId !== end.motionId) return;
    current.endAt = end.ts * 1000 + this.#opts.settings().postRoll * 1000;
    const latest = this.#opts.bus.latest;
    if (latest && current.isPast(latest)) this.#finish(current, null);
  }

  /** A motion box sample (from `level`) of this camera, in Unix seconds. */
  onLevel(ts: number, box: BoundingBox | null, active: boolean): void {
    const current = this.#current;
    if (!current || !active || current.endAt !== null) return;
    const latest = this.#opts.bus.latest;
    // `level` is sent while the bus is still handing out its frame, before this recorder has seen it.
    const frame = latest && latest.ts === ts * 1000 ? latest : this.#ring.nearest(ts * 1000);
    current.noteBox(ts, box, frame);
  }

  /**
   * A `motion-label` the user wants to be told about (`notify`): its frame, found by capture time while
   * still in memory, becomes the best picture unless a better labelled one is already chosen.
   */
  onLabel(label: MotionLabel): void {
    const current = this.#current;
    if (!current || !label.notify || current.opts.eventId !== label.motionId) return;
    const ts = label.ts * 1000;
    const latest = this.#opts.bus.latest;
    const frame = latest && sameTime(latest.ts, ts) ? latest : this.#ring.nearest(ts);
    // A reply slower than the ring's span finds another frame; that frame may not show the object.
    if (frame && sameTime(frame.ts, ts)) current.noteLabelled(label.ts, label.box, frame);
  }

  /** Finishes the open recording (the camera stops) and waits for every write. */
  async stop(): Promise<void> {
    this.#off();
    if (this.#current) this.#finish(this.#current, 'the app stopped before the clip ended');
    await Promise.all(this.#finishing);
  }

  #onFrame(frame: Frame): void {
    // While recording is off no clip will start, so no pre-roll is kept (8 s of JPEGs by default).
    if (this.#opts.settings().recordClips) this.#ring.push(frame);
    else this.#ring.clear();
    const current = this.#current;
    if (!current) return;
    if (current.isPast(frame)) this.#finish(current, current.cutAt === current.opts.capAt ? CAPPED : null);
    else current.writer.append(frame);
  }

  /** `reason`: why the clip stops before post-roll ended, or null. */
  #finish(recording: Recording, reason: string | null): void {
    if (this.#current === recording) this.#current = null;
    const done = this.#store(recording, reason).finally(() => {
      this.#finishing.delete(done);
      this.#opts.onFinished();
    });
    this.#finishing.add(done);
  }

  async #store(recording: Recording, cutShort: string | null): Promise<void> {
    const { eventId } = recording.opts;
    const summary = await recording.finish();
    const first = summary.frames[0];
    const last = summary.frames.at(-1);
    const reason = summary.error ? `write failed: ${summary.error.message}` : cutShort;
    const best = recording.best ? { ts: recording.best.ts, box: recording.best.box } : null;
    this.#opts.db.put({
      eventId,
      camera: recording.opts.camera,
      state: summary.error ? 'failed' : 'complete',
      reason,
      start: first?.ts ?? 0,
      end: last?.ts ?? 0,
      frames: summary.frames.length,
      bytes: summary.bytes + (best ? (recording.best?.jpeg.length ?? 0) : 0),
      best,
    });
    if (summary.dropped > 0)
      this.#opts.log.warn({ eventId, dropped: summary.dropped }, 'disk too slow: frames dropped');
  }
}
