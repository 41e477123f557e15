import type { Logger } from 'pino';
import type { BoundingBox, LabelScore, MotionLabel } from '../../shared/events';
import type { ObjectLabel } from '../../shared/labels';
import type { Settings } from '../../shared/settings';
import type { Frame } from '../frames/frame';
import { mergeBoxes } from './crop';
import type { LabelResult } from './label-worker';

/** What the labeller needs of the worker (the real `LabelWorker`, or a recorder in tests of the wiring). */
export interface Labeler {
  label(jpeg: Uint8Array, box: BoundingBox, minScore: number): Promise<LabelResult>;
}

export interface ObjectLabellerOptions {
  camera: string;
  worker: Labeler;
  settings: Settings;
  /** Stores and sends a `motion-label` (the EventHub's `publishMotionLabel`). */
  publish: (label: Omit<MotionLabel, 'id'>) => void;
  log: Logger;
  /** Clock for `labelRate`, in ms. Default `performance.now`. */
  now?: () => number;
}

/** A label is announced again when its score rises by this much during one event. */
const RESEND_GAIN = 0.1;

interface OpenEvent {
  motionId: number;
  /** Motion boxes seen since the last picture was sent; merged into the next crop. */
  boxes: BoundingBox[];
  lastBox: BoundingBox | null;
  lastSentAt: number;
  busy: boolean;
  best: Map<ObjectLabel, number>;
}

/**
 * Labels what moves: during a running motion event only, at most `labelRate` pictures a second,
 * each the camera JPEG with the motion boxes seen since the previous one, sent to the label worker.
 * Results become `motion-label` events and the `labels` of `motion-end`. Nothing here blocks the frame path.
 */
export class ObjectLabeller {
  #settings: Settings;
  #event: OpenEvent | null = null;
  readonly #now: () => number;
  /** Pictures sent to the worker, replies with an error, and replies that came after their event ended. */
  readonly stats = { sent: 0, failed: 0, late: 0 };

  constructor(private readonly opts: ObjectLabellerOptions) {
    this.#settings = opts.settings;
    this.#now = opts.now ?? (() => performance.now());
  }

  /** True while a picture is with the worker. */
  get busy(): boolean {
    return this.#event?.busy ?? false;
  }

  updateSettings(settings: Settings): void {
    this.#settings = settings;
  }

  /** A motion event was announced; `frame` started it and is labelled at once. */
  start(motionId: number, box: BoundingBox | null, frame: Frame): void {
    if (!this.#settings.labels) return;
    this.#event = {
      motionId,
      boxes: box ? [box] : [],
      lastBox: box,
      lastSentAt: -Infinity,
      busy: false,
      best: new Map(),
    };
    this.frame(frame);
  }

  /** The detector's box of this frame's change (from `level`), while an event runs. */
  box(box: BoundingBox | null): void {
    if (!box || !this.#event) return;
    this.#event.boxes.push(box);
    this.#event.lastBox = box;
  }

  /** Every camera frame; sends one when an event runs, the worker is free and the rate allows. */
  frame(frame: Frame): void {
    const event = this.#event;
    if (!event || event.busy || !this.#settings.labels) return;
    const now = this.#now();
    if (now - event.lastSentAt < 1000 / this.#settings.labelRate) return;
    const box = mergeBoxes(event.boxes) ?? event.lastBox;
    if (!box) return;
    event.boxes = [];
    event.lastSentAt = now;
    event.busy = true;
    this.stats.sent++;
    const minScore = Math.min(...Object.values(this.#settings.labelMinScores));
    this.opts.worker
      .label(frame.jpeg, box, minScore)
      .then(
        (result) => this.#onResult(event, frame, result),
        (err: unknown) => {
          this.stats.failed++;
          this.opts.log.warn({ err, camera: this.opts.camera }, 'labelling a motion picture failed');
        },
      )
      .finally(() => {
        event.busy = false;
      });
  }

  /** The event ended: its labels, best score first. Replies still on their way are dropped. */
  end(motionId: number): LabelScore[] {
    const event = this.#event;
    if (!event || event.motionId !== motionId) return [];
    this.#event = null;
    return [...event.best]
      .map(([label, score]) => ({ label, score: round(score) }))
      .sort((a, b) => b.score - a.score);
  }

  #onResult(event: OpenEvent, frame: Frame, result: LabelResult): void {
    if (this.#event !== event) {
      this.stats.late++;
      return;
    }
    const { labelMinScores, notifyLabels } = this.#settings;
    for (const found of result.found) {
      if (found.score < labelMinScores[found.label]) continue;
      const best = event.best.get(found.label);
      event.best.set(found.label, Math.max(best ?? 0, found.score));
      if (best !== undefined && found.score < best + RESEND_GAIN) continue;
      this.opts.publish({
        camera: this.opts.camera,
        motionId: event.motionId,
        ts: frame.ts / 1000,
        label: found.label,
        score: round(found.score),
        box: found.box,
        notify: notifyLabels.includes(found.label),
      });
    }
  }
}

const round = (score: number) => Math.round(score * 1000) / 1000;
