import type { Settings } from '../../shared/settings';

type Polygon = Settings['masks'][number];

/** Even-odd rule: is the point (x, y) inside the polygon? */
function inside(poly: Polygon, x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * Rasterises mask polygons (0..1 coordinates) at the analysis size: 1 for a pixel that is analysed,
 * 0 for one whose centre lies inside any mask. Runs once per settings or size change, never per frame.
 */
export function rasteriseMasks(masks: readonly Polygon[], width: number, height: number): Float32Array {
  const keep = new Float32Array(width * height).fill(1);
  if (masks.length === 0) return keep;
  for (let row = 0; row < height; row++) {
    const y = (row + 0.5) / height;
    for (let col = 0; col < width; col++) {
      const x = (col + 0.5) / width;
      if (masks.some((poly) => inside(poly, x, y))) keep[row * width + col] = 0;
    }
  }
  return keep;
}
