import type { BoundingBox } from '../../shared/events';

/** A rectangle in whole pixels of the camera picture. */
export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of the camera picture sent to the model, and how it fills the model's square input. */
export interface CropPlan {
  /** Camera picture size. */
  width: number;
  height: number;
  crop: PixelRect;
  /** The crop scaled (aspect kept) into the top-left of the `size`×`size` input; the rest is black. */
  scaledWidth: number;
  scaledHeight: number;
  size: number;
}

/** Share of the box's longer side added on each side: the model needs some context around an object. */
const MARGIN = 0.15;

/** The smallest box (0..1) covering all of `boxes`, or null when there are none. */
export function mergeBoxes(boxes: readonly BoundingBox[]): BoundingBox | null {
  if (boxes.length === 0) return null;
  const x1 = Math.min(...boxes.map((b) => b.x));
  const y1 = Math.min(...boxes.map((b) => b.y));
  const x2 = Math.max(...boxes.map((b) => b.x + b.w));
  const y2 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/**
 * Grows the motion box (0..1) to a square around its centre with a margin, as the model's input is
 * square; keeps it inside the picture (shifted, or cut to the picture's side when larger).
 */
export function planCrop(box: BoundingBox, width: number, height: number, size: number): CropPlan {
  const side = Math.max(box.w * width, box.h * height) * (1 + 2 * MARGIN);
  const w = Math.max(1, Math.min(width, Math.round(side)));
  const h = Math.max(1, Math.min(height, Math.round(side)));
  const cx = (box.x + box.w / 2) * width;
  const cy = (box.y + box.h / 2) * height;
  const x = Math.round(Math.min(Math.max(cx - w / 2, 0), width - w));
  const y = Math.round(Math.min(Math.max(cy - h / 2, 0), height - h));
  const scale = size / Math.max(w, h);
  return {
    width,
    height,
    crop: { x, y, w, h },
    scaledWidth: Math.max(1, Math.min(size, Math.round(w * scale))),
    scaledHeight: Math.max(1, Math.min(size, Math.round(h * scale))),
    size,
  };
}

/** Maps a box in 0..1 of the model's input back to 0..1 of the camera picture. */
export function toPictureBox(plan: CropPlan, box: BoundingBox): BoundingBox {
  const fx = (v: number) => Math.min(1, (v * plan.size) / plan.scaledWidth);
  const fy = (v: number) => Math.min(1, (v * plan.size) / plan.scaledHeight);
  const x1 = (plan.crop.x + fx(box.x) * plan.crop.w) / plan.width;
  const y1 = (plan.crop.y + fy(box.y) * plan.crop.h) / plan.height;
  const x2 = (plan.crop.x + fx(box.x + box.w) * plan.crop.w) / plan.width;
  const y2 = (plan.crop.y + fy(box.y + box.h) * plan.crop.h) / plan.height;
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}
