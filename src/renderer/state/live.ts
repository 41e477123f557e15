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

/** True while a motion event is open (from `motion`/`motion-end` and each `level`). */
export const motionActive = signal(false);

/** Whether this tab is visible: the live stream is paused while it is not. */
export const pageVisible = signal(document.visibilityState === 'visible');
document.addEventListener('visibilitychange', () => {
  pageVisible.value = document.visibilityState === 'visible';
});

/** True while the mask editor replaces the live view's overlay. */
export const editingMasks = signal(false);

/** True while the settings sheet is open. */
export const settingsOpen = signal(false);
