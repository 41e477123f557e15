import type { Socket } from 'node:net';
import type { SessionInfo } from '../../shared/access';

export type StreamKind = 'events' | 'mjpeg';

/** Open streams one session may hold, per kind. */
export interface StreamCaps {
  /** `/events` streams per session. Default 8 (a browser shares one among its tabs; a few browsers share a session rarely). */
  events: number;
  /** `/stream.mjpg` viewers per session. Default 8 (eight visible windows of one browser). */
  mjpeg: number;
}

export const DEFAULT_STREAM_CAPS: StreamCaps = { events: 8, mjpeg: 8 };

/** Refusal of a stream over the session's cap: 429 with `Retry-After`. */
export class StreamCapError extends Error {
  readonly statusCode = 429;
  readonly retryAfterS = 10;
}

/**
 * The long-lived streams of each session: caps them per session, and closes them the moment the session is
 * revoked (a revoked phone stops seeing the live picture at once, not at its next reconnect).
 */
export class StreamGuard {
  readonly #open = new Map<number, Record<StreamKind, Set<Socket>>>();

  constructor(private readonly caps: StreamCaps = DEFAULT_STREAM_CAPS) {}

  /**
   * Checks the cap for this session (none when access control is off) and returns the function that records
   * the stream's socket once it is open. Throws {@link StreamCapError} past the cap.
   */
  admit(session: SessionInfo | null, kind: StreamKind): (socket: Socket) => void {
    if (!session) return () => {};
    const open = this.#open.get(session.id);
    if (open && open[kind].size >= this.caps[kind]) {
      throw new StreamCapError(`too many ${kind} streams for this session (limit ${this.caps[kind]})`);
    }
    return (socket) => {
      let entry = this.#open.get(session.id);
      if (!entry) {
        entry = { events: new Set(), mjpeg: new Set() };
        this.#open.set(session.id, entry);
      }
      const set = entry[kind];
      set.add(socket);
      socket.once('close', () => {
        set.delete(socket);
        if (entry.events.size === 0 && entry.mjpeg.size === 0 && this.#open.get(session.id) === entry) {
          this.#open.delete(session.id);
        }
      });
    };
  }

  /** Destroys every stream of a session. */
  closeSession(id: number): void {
    const entry = this.#open.get(id);
    if (!entry) return;
    this.#open.delete(id);
    for (const socket of [...entry.events, ...entry.mjpeg]) socket.destroy();
  }

  /** Open streams of one session, for tests and `/api/sessions`. */
  count(id: number): number {
    const entry = this.#open.get(id);
    return entry ? entry.events.size + entry.mjpeg.size : 0;
  }
}
