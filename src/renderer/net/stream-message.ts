import type { SseMessage } from '../../shared/events';

/**
 * What the shared event stream hands to every tab: the server's SSE events, parsed (their types come
 * from the one vocabulary in src/shared/events.ts), plus the connection's own state (`open`, `down`).
 */
export type StreamMessage =
  | SseMessage
  /** Connected; `resumed` when this follows a lost connection (missed events were replayed). */
  | { type: 'open'; resumed: boolean }
  | { type: 'down' };

export type StreamListener = (message: StreamMessage) => void;
