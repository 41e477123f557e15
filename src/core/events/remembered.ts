import type { LiveEventType } from '../../shared/events';
import type { WireEncoder } from './subscription';

/**
 * The current `status` (per camera), `settings` and `health`, encoded once, for every new client.
 * `health` is kept only while something is wrong: a healthy engine sends nothing extra on connect, and
 * the "all well again" message still reaches the clients that saw the problem.
 */
export class RememberedMessages {
  readonly #byKey = new Map<string, { json: string; chunk: Buffer }>();
  #healthy: string | undefined;

  constructor(private readonly encode: WireEncoder) {}

  /** Records the message; returns its encoded chunk to send, or null when it repeats the current one. */
  update(type: Exclude<LiveEventType, 'level'>, data: unknown): Buffer | null {
    const json = JSON.stringify(data);
    const camera = (data as { camera?: unknown } | null)?.camera;
    const key = type === 'status' ? `status:${String(camera)}` : type;
    const previous = this.#byKey.get(key)?.json ?? (type === 'health' ? this.#healthy : undefined);
    if (previous === json) return null;
    const chunk = this.encode({ event: type, data: json });
    if (type === 'health' && (data as { ok?: boolean }).ok) {
      this.#byKey.delete(key);
      this.#healthy = json;
    } else {
      this.#byKey.set(key, { json, chunk });
      if (type === 'health') this.#healthy = undefined;
    }
    return chunk;
  }

  chunks(): Buffer[] {
    return [...this.#byKey.values()].map((entry) => entry.chunk);
  }
}
