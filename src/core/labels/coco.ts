import type { BoundingBox } from '../../shared/events';
import type { ObjectLabel } from '../../shared/labels';

/** One detection from the model: a COCO class index (0 = person), a score 0..1, a box in 0..1 of its input. */
export interface Detection {
  cls: number;
  score: number;
  box: BoundingBox;
}

/** COCO class indices (as the model numbers them, 0-based) of the labels we report. */
export const cocoIndex: Record<ObjectLabel, number> = {
  person: 0,
  bicycle: 1,
  car: 2,
  motorcycle: 3,
  bird: 14,
  cat: 15,
  dog: 16,
};

const byIndex = new Map<number, ObjectLabel>(
  Object.entries(cocoIndex).map(([label, index]) => [index, label as ObjectLabel]),
);

/** The label for a COCO class index, or undefined for classes we ignore (cups, chairs, …). */
export function labelOf(cls: number): ObjectLabel | undefined {
  return byIndex.get(cls);
}
