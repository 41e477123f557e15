import { signal } from '@preact/signals';
import type { BoundingBox, CameraStatus } from '../../shared/events';
import type { Settings } from '../../shared/settings';

/** The shared event stream's state as this tab last heard it. */
export const connection = signal<'connecting' | 'open' | 'down'>('connecting');

/** The camera's state (one camera for now: the first one the server reports). */
export const cameraStatus = signal<CameraStatus | null>(null);

/** The server's settings, kept current by `event: settings`. Null until first loaded. */
export const settings = signal<Settings | null>(null);

/** Box of the motion event in progress, drawn over the live view; null when unknown or all is still. */
export const motionBox = signal<BoundingBox | null>(null);

/**
 * True while the picture moves now: the last frames counted as moving (over the threshold during an
 * event). It ends with the motion, not `eventGap` seconds later when the event closes.
 */
export const motionNow = signal(false);

/** The open event's highest change so far, updated from `level` while it lasts. */
export const ongoingPeak = signal<{ id: number; peak: number } | null>(null);

/** Whether this tab is visible: the live stream is paused while it is not. */
export const pageVisible = signal(document.visibilityState === 'visible');
document.addEventListener('visibilitychange', () => {
  pageVisible.value = document.visibilityState === 'visible';
});

/** True while the mask editor replaces the live view's overlay. */
export const editingMasks = signal(false);

/** The threshold being adjusted in the settings sheet, not yet saved; the graph draws it. */
export const previewThreshold = signal<number | null>(null);

/** True while the settings sheet is open. */
export const settingsOpen = signal(false);
