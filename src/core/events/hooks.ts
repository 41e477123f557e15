import type { Logger } from 'pino';
import type { HubMessage, MotionEnd } from '../../shared/events';

/** Fields a subsystem adds to a `motion-end` (the recorder: best picture and clip URLs). */
export type EndDetails = (motionId: number) => Partial<Pick<MotionEnd, 'snapshot' | 'clip'>>;

/**
 * The hub's hooks for other subsystems: observers of every message sent to all clients (and of every
 * `level` sample, see `EventHub.observe`), and providers of extra `motion-end` fields. A hook that
 * throws is logged and skipped; the others still run.
 */
export class HubHooks {
  readonly #observers = new Set<(message: HubMessage) => void>();
  readonly #endDetails = new Set<EndDetails>();

  constructor(private readonly log: Logger) {}

  /** Adds an observer; returns the function that removes it. */
  observe(observer: (message: HubMessage) => void): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Adds a `motion-end` details provider; returns the function that removes it. */
  addEndDetails(provider: EndDetails): () => void {
    this.#endDetails.add(provider);
    return () => this.#endDetails.delete(provider);
  }

  /** Calls every observer with a message that was just sent. */
  notify(message: HubMessage): void {
    for (const observer of this.#observers) {
      try {
        observer(message);
      } catch (err) {
        this.log.error({ err, type: message.type }, 'event observer failed');
      }
    }
  }

  /** The fields every provider adds to the `motion-end` of `motionId`, later providers winning. */
  detailsOf(motionId: number): ReturnType<EndDetails> {
    let details: ReturnType<EndDetails> = {};
    for (const provider of this.#endDetails) {
      try {
        details = { ...details, ...provider(motionId) };
      } catch (err) {
        this.log.error({ err, motionId }, 'motion-end details failed');
      }
    }
    return details;
  }
}
