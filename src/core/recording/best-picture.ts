import type { BoundingBox } from '../../shared/events';

/** How far from an edge (0..1 image units) a box must stay to count as wholly inside the picture. */
const EDGE = 0.01;

/**
 * How good a frame is as an event's picture, from its motion box: bigger is better, nearer the centre
 * is better, and a box cut by the picture's edge (someone half in the door) counts for a quarter.
 * 0 when there is no box.
 */
export function pictureScore(box: BoundingBox | null | undefined): number {
  if (!box || box.w <= 0 || box.h <= 0) return 0;
  const area = box.w * box.h;
  const dx = box.x + box.w / 2 - 0.5;
  const dy = box.y + box.h / 2 - 0.5;
  // 1 at the centre, 0.5 in a corner.
  const centrality = 1 - Math.hypot(dx, dy) / Math.SQRT2;
  const inside = box.x > EDGE && box.y > EDGE && box.x + box.w < 1 - EDGE && box.y + box.h < 1 - EDGE;
  return area * centrality * (inside ? 1 : 0.25);
}
