import type { Logger } from 'pino';
import { z } from 'zod';
import type { PeerKiosk } from '../../shared/api';
import type { MqttMessage } from './mqtt-bridge';
import { PEER_TOPIC_ROOT } from './topics';

const announcementSchema = z.object({
  id: z.string().regex(/^mk-[0-9a-f]{12}$/),
  name: z.string().max(64),
  url: z.string().max(500),
  state: z.enum(['starting', 'online', 'offline']),
  armed: z.boolean(),
  available: z.string().max(300),
  lastEvent: z.object({ id: z.number(), type: z.string().max(20), ts: z.number() }).nullable(),
});

type Announcement = z.infer<typeof announcementSchema>;

export interface PeerDirectoryOptions {
  self: Omit<Announcement, 'state' | 'armed' | 'lastEvent'>;
  publish(message: MqttMessage): void;
  subscribe(topics: string[]): void;
  log: Logger;
}

/**
 * Several kiosks on one broker: each announces itself, retained, on `motionkiosk/peers/<id>`
 * (name, dashboard URL, camera state, armed, last event) and lists the others it sees there,
 * marking one offline when its availability topic (its last will) says so.
 */
export class PeerDirectory {
  readonly #peers = new Map<string, PeerKiosk>();
  /** Availability topic → peer id. */
  readonly #availability = new Map<string, string>();
  #self: Announcement;

  constructor(private readonly opts: PeerDirectoryOptions) {
    this.#self = { ...opts.self, state: 'starting', armed: true, lastEvent: null };
  }

  readonly subscriptions = [`${PEER_TOPIC_ROOT}/+`];

  /** Updates what this kiosk announces and publishes it when it changed. */
  update(change: Partial<Pick<Announcement, 'state' | 'armed' | 'lastEvent'>>): void {
    const next = { ...this.#self, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.#self)) return;
    this.#self = next;
    this.announce();
  }

  announce(): void {
    this.opts.publish({
      topic: `${PEER_TOPIC_ROOT}/${this.#self.id}`,
      payload: JSON.stringify(this.#self),
      qos: 1,
      retain: true,
    });
  }

  /** After a (re)connect: announce, and watch every known peer's availability again. */
  onConnect(): void {
    this.announce();
    if (this.#availability.size > 0) this.opts.subscribe([...this.#availability.keys()]);
  }

  /** Returns true when the message was for the directory. */
  onMessage(topic: string, payload: Buffer): boolean {
    const peerId = this.#availability.get(topic);
    if (peerId) {
      const peer = this.#peers.get(peerId);
      if (peer) peer.available = payload.toString() === 'online';
      return true;
    }
    if (!topic.startsWith(`${PEER_TOPIC_ROOT}/`)) return false;
    const id = topic.slice(PEER_TOPIC_ROOT.length + 1);
    if (id === this.#self.id) return true;
    if (payload.length === 0) {
      this.#peers.delete(id);
      return true;
    }
    let parsed: Announcement;
    try {
      const result = announcementSchema.safeParse(JSON.parse(payload.toString()));
      if (!result.success || result.data.id !== id)
        throw new Error(result.error?.issues[0]?.message ?? 'id mismatch');
      parsed = result.data;
    } catch (err) {
      this.opts.log.warn({ topic, err: (err as Error).message }, 'peers: announcement ignored');
      return true;
    }
    const known = this.#peers.get(id);
    this.#peers.set(id, { ...parsed, available: known?.available ?? true, seenAt: Date.now() / 1000 });
    if (!this.#availability.has(parsed.available)) {
      this.#availability.set(parsed.available, id);
      this.opts.subscribe([parsed.available]);
    }
    return true;
  }

  /** The other kiosks seen on the broker, by name. */
  list(): PeerKiosk[] {
    return [...this.#peers.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
