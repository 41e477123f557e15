import type { StoredEvent } from '../../shared/events';
import type { ObjectLabel } from '../../shared/labels';

/**
 * The labels that alert (the `notifyLabels` setting) while labelling is on, or null when every motion
 * alerts: labels off, or an empty list.
 */
export type NotifyLabels = () => readonly ObjectLabel[] | null;

/** What a stored event means for people being told. */
export interface Notice {
  kind: 'start' | 'end';
  /** The motion event it is about. */
  motionId: number;
  camera: string;
  /** Unix seconds. */
  ts: number;
  /** The label that made it alert; null when labels do not filter. */
  label: ObjectLabel | null;
  /** Model score of `label`, or the change percent when there is no label. */
  score: number;
}

/** Motion events remembered as already told (their `start` went out); older ones are forgotten. */
const REMEMBERED = 256;

/**
 * Decides which stored events notify (push, webhooks, MQTT `notify`). Without label filtering: a motion
 * start, and its end. With it: the first `motion-label` of one of the labels (the event's start as far as
 * people are concerned), and the end of an event that had one; a plain motion start notifies nobody, so
 * rain and moving shadows stay quiet. One gate per consumer: it remembers which events it told.
 */
export class NotifyGate {
  readonly #told = new Set<number>();

  constructor(private readonly labels: NotifyLabels) {}

  check(event: StoredEvent): Notice | null {
    const labels = this.labels();
    const { camera, ts } = event.data;
    if (event.type === 'motion') {
      if (labels) return null;
      return { kind: 'start', motionId: event.id, camera, ts, label: null, score: event.data.change };
    }
    if (event.type === 'motion-end') {
      const found = labels ? (event.data.labels ?? []).find((l) => labels.includes(l.label)) : undefined;
      if (labels && !found) return null;
      const score = found ? found.score : event.data.peakChange;
      return { kind: 'end', motionId: event.data.motionId, camera, ts, label: found?.label ?? null, score };
    }
    if (!labels?.includes(event.data.label) || this.#told.has(event.data.motionId)) return null;
    this.#told.add(event.data.motionId);
    if (this.#told.size > REMEMBERED) this.#told.delete(this.#told.values().next().value as number);
    const { motionId, label, score } = event.data;
    return { kind: 'start', motionId, camera, ts, label, score };
  }
}
