import { batch } from '@preact/signals';

/**
 * Longest a waiting update waits for the next live picture, in ms: a little over the kiosk's still-scene
 * picture interval (1 a second, `stillFps`), so its updates ride on those pictures; without a picture
 * flowing (folded, lost, hidden) the graph and caption still move about once a second.
 */
const updateHoldMs = 1100;

const waiting = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Runs `update`, a change to what the page shows that may wait a moment, together with the next live
 * picture drawn, or after `updateHoldMs` if none is. Why: every frame the page produces has a cost of its
 * own, whatever changed (about 5 ms of CPU in Chromium's software compositing, measured); levels (5 a
 * second), the graph and the picture each made frames of their own, and now share them. An update queued
 * twice before it runs runs once.
 */
export function withNextPicture(update: () => void): void {
  waiting.add(update);
  timer ??= setTimeout(showUpdates, updateHoldMs);
}

/** Applies every waiting update now, in one batch: when a picture is drawn, or before a message that must keep order. */
export function showUpdates(): void {
  clearTimeout(timer);
  timer = undefined;
  if (waiting.size === 0) return;
  const updates = [...waiting];
  waiting.clear();
  batch(() => {
    for (const update of updates) update();
  });
}
