import type { Logger } from 'pino';
import type { MotionEnd } from '../../shared/events';
import type { EventStore } from './event-store';

/** The part of the hub that publishes an end. */
interface EndPublisher {
  publishMotionEnd(data: Omit<MotionEnd, 'id'>): MotionEnd;
}

/**
 * Closes the events a crash left open: each gets a stored `motion-end` with reason `interrupted`, ending at
 * the last frame noted for it (see progress.ts), or at its first frame when none was. Being an ordinary
 * stored event, a client resuming from before it receives it. Runs once, when the hub opens the store.
 */
export function closeInterrupted(hub: EndPublisher, store: EventStore, log: Logger): void {
  for (const { start, progress } of store.openMotions()) {
    const ts = Math.max(start.ts, progress?.ts ?? start.ts);
    const end = hub.publishMotionEnd({
      camera: start.camera,
      motionId: start.id,
      ts,
      duration: ts - start.ts,
      peakChange: Math.max(start.change, progress?.peakChange ?? 0),
      frames: progress?.frames ?? 1,
      box: progress?.box ?? start.box,
      reason: 'interrupted',
    });
    log.warn({ motionId: start.id, endId: end.id }, 'closed a motion event left open by a crash');
  }
}
