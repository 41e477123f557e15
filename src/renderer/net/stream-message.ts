import type { CameraStatus, HistoryGap, MotionEnd, MotionLevel, MotionStart } from '../../shared/events';
import type { Settings } from '../../shared/settings';

/**
 * What the shared event stream hands to every tab: the server's SSE events, parsed, plus the
 * connection's own state (`open`, `down`) so that each tab can show it.
 */
export type StreamMessage =
  | { type: 'motion'; id: number; data: MotionStart }
  | { type: 'motion-end'; id: number; data: MotionEnd }
  | { type: 'status'; data: CameraStatus }
  | { type: 'settings'; data: Settings }
  | { type: 'level'; data: MotionLevel }
  | { type: 'gap'; data: HistoryGap }
  /** Connected; `resumed` when this follows a lost connection (missed events were replayed). */
  | { type: 'open'; resumed: boolean }
  | { type: 'down' };

export type StreamListener = (message: StreamMessage) => void;

/** SSE event types the server sends (see src/shared/events.ts). */
export const sseTypes = ['motion', 'motion-end', 'status', 'settings', 'level', 'gap'] as const;
