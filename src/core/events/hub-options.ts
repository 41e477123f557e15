import type { Logger } from 'pino';
import type { MotionLevel } from '../../shared/events';
import type { Health } from '../health/health';
import type { EventStore } from './event-store';
import type { WireEncoder } from './subscription';

/** What `EventHub` is built from; the defaults are applied in its constructor. */
export interface EventHubOptions {
  store: EventStore;
  /** Encodes a message for the wire once, for every client (the server's SSE framing). */
  encode: WireEncoder;
  /** Stored events kept in memory for resume without a database read. Default 1000. */
  ringSize?: number;
  /** Events read per replay step (ring or database); a step waits for the previous one to reach the kernel. Default 200. */
  replayPageSize?: number;
  /** Largest share of one core that `level` fan-out may take (level-gate.ts). Default 0.2. */
  levelShare?: number;
  /**
   * Whether a `level` sample shows a still scene; clients then get one a second (level-pacer.ts).
   * Default: never, so every sample goes out.
   */
  isStillLevel?: (level: MotionLevel) => boolean;
  /**
   * Announced events kept in memory while storage fails, written later in order. Default 500; at most
   * `ringSize`, so that every queued event can still be replayed from the ring.
   */
  storageQueue?: number;
  /** Delay between storage retries while something is queued, ms. Default 1000. */
  storageRetryMs?: number;
  /** Where storage trouble is reported (component `storage`); its changes go to clients as `health`. */
  health?: Health;
  log: Logger;
}
