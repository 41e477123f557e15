import { signal } from '@preact/signals';
import { translateReason } from '../i18n/reason';
import { saveSettings } from '../net/api';
import { editingMasks, settings, settingsOpen } from './live';

/** A point in 0..1 image coordinates. */
export type Point = [number, number];
export type Polygon = Point[];

/** The masks being edited; sent to the server only on save. */
export const draftMasks = signal<Polygon[]>([]);
/** Index of the selected mask in `draftMasks`, or null. */
export const selectedMask = signal<number | null>(null);
/** Corners of the shape being drawn, not yet a mask. */
export const drawing = signal<Point[]>([]);
/** The server's reason when it refused the masks. */
export const maskError = signal<string | null>(null);
export const maskSaving = signal(false);

const clamp = (v: number) => Math.min(1, Math.max(0, v));

export function startMaskEditing(): void {
  draftMasks.value = (settings.value?.masks ?? []).map((p) => p.map(([x, y]): Point => [x, y]));
  selectedMask.value = null;
  drawing.value = [];
  maskError.value = null;
  settingsOpen.value = false;
  editingMasks.value = true;
}

export function stopMaskEditing(): void {
  editingMasks.value = false;
  drawing.value = [];
}

export function addCorner(point: Point): void {
  drawing.value = [...drawing.value, [clamp(point[0]), clamp(point[1])]];
  selectedMask.value = null;
}

export function undoCorner(): void {
  drawing.value = drawing.value.slice(0, -1);
}

/** Turns the drawn corners into a mask (a polygon needs three). */
export function finishShape(): void {
  if (drawing.value.length < 3) return;
  draftMasks.value = [...draftMasks.value, drawing.value];
  selectedMask.value = draftMasks.value.length - 1;
  drawing.value = [];
}

/** A starting rectangle in the middle, for keyboard users and quick edits. */
export function addRectangle(): void {
  draftMasks.value = [
    ...draftMasks.value,
    [
      [0.35, 0.35],
      [0.65, 0.35],
      [0.65, 0.65],
      [0.35, 0.65],
    ],
  ];
  selectedMask.value = draftMasks.value.length - 1;
}

export function deleteSelected(): void {
  const index = selectedMask.value;
  if (index === null) return;
  draftMasks.value = draftMasks.value.filter((_, i) => i !== index);
  selectedMask.value = null;
}

/** Moves mask `index` from its `original` position by (dx, dy), keeping it inside the picture. */
export function moveShape(index: number, original: Polygon, dx: number, dy: number): void {
  const xs = original.map((p) => p[0]);
  const ys = original.map((p) => p[1]);
  const mx = Math.min(Math.max(dx, -Math.min(...xs)), 1 - Math.max(...xs));
  const my = Math.min(Math.max(dy, -Math.min(...ys)), 1 - Math.max(...ys));
  replace(
    index,
    original.map(([x, y]): Point => [x + mx, y + my]),
  );
}

export function moveCorner(index: number, corner: number, point: Point): void {
  const polygon = draftMasks.value[index].slice();
  polygon[corner] = [clamp(point[0]), clamp(point[1])];
  replace(index, polygon);
}

function replace(index: number, polygon: Polygon): void {
  const next = draftMasks.value.slice();
  next[index] = polygon;
  draftMasks.value = next;
}

/** Sends the masks (finishing a shape in progress); on refusal keeps editing and shows why. */
export async function saveMasks(): Promise<void> {
  finishShape();
  maskSaving.value = true;
  const result = await saveSettings({ masks: draftMasks.value });
  maskSaving.value = false;
  if (!result.ok) {
    maskError.value = translateReason(result.error);
    return;
  }
  settings.value = result.settings;
  stopMaskEditing();
}
