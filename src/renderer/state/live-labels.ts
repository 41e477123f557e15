import { signal } from '@preact/signals';
import type { BoundingBox, MotionLabel } from '../../shared/events';
import type { ObjectLabel } from '../../shared/labels';

/** One label of the running event as the live view shows it: its best score and where it was found. */
export interface LiveLabel {
  label: ObjectLabel;
  score: number;
  box: BoundingBox;
}

/**
 * The labels found so far in the motion event that is running now, best score first; null when no
 * event runs or nothing was recognised yet. Cleared by the event's `motion-end` (and the next `motion`).
 */
export const liveLabels = signal<{ motionId: number; labels: LiveLabel[] } | null>(null);

/** A `motion-label`: kept only when it belongs to the event running now (`runningId`), not to a replayed one. */
export function addLiveLabel(message: MotionLabel, runningId: number | null): void {
  if (message.motionId !== runningId) return;
  const current = liveLabels.value?.motionId === runningId ? liveLabels.value.labels : [];
  const others = current.filter((l) => l.label !== message.label);
  const previous = current.find((l) => l.label === message.label);
  const next = previous && previous.score > message.score ? previous : message;
  const labels = [...others, { label: next.label, score: next.score, box: next.box }];
  liveLabels.value = { motionId: runningId, labels: labels.sort((a, b) => b.score - a.score) };
}

export function clearLiveLabels(): void {
  liveLabels.value = null;
}
