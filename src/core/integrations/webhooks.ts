import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { StoredEvent } from '../../shared/events';
import type { EventStore, StoredRow } from '../events/event-store';
import type { Arming } from './arming';
import { webhookId } from './config-store';
import { NotifyGate, type NotifyLabels } from './notify-gate';
import { type WebhookConfig, webhookEvents } from './webhook-config';
import type { WebhookOutbox } from './webhook-outbox';
import { buildRequest, type DeliveryResult, deliver, type Kiosk } from './webhook-sender';

/** First retry delay; doubled per failed attempt up to the receiver's `maxRetrySeconds`. */
const FIRST_RETRY_MS = 2000;

interface Receiver {
  config: WebhookConfig;
  /** Outbox key: the URL (a changed URL is a new receiver, starting from now). */
  key: string;
  running: boolean;
  timer: NodeJS.Timeout | null;
  lastResult: DeliveryResult | null;
  /** Which stored events alert this receiver (label filtering). */
  gate: NotifyGate;
}

/** Where a receiver's events and pictures come from, and what filters them. */
export interface WebhookSources {
  store: EventStore;
  arming: Arming;
  /** The event's best picture (recording), else the frame that started it; null when neither is kept. */
  picturePath(motionId: number): string | null;
  notifyLabels: NotifyLabels;
}

/**
 * Feeds the outbox from the event store and delivers it: per receiver one message at a time, oldest
 * first, the head retried with back-off until it gets a 2xx. `wake` only schedules work, so the hub
 * can call it on the frame path.
 */
export class Webhooks {
  readonly #receivers: Receiver[];
  #stopped = false;
  #scheduled = false;

  readonly #sources: WebhookSources;

  constructor(
    configs: WebhookConfig[],
    private readonly outbox: WebhookOutbox,
    sources: WebhookSources,
    private readonly kiosk: Kiosk,
    private readonly log: Logger,
  ) {
    this.#sources = sources;
    this.#receivers = configs.map((config) => ({
      config,
      key: config.url,
      running: false,
      timer: null,
      lastResult: null,
      gate: new NotifyGate(sources.notifyLabels),
    }));
    for (const receiver of this.#receivers) this.outbox.cursor(receiver.key, sources.store.lastId());
  }

  /** New events may be stored: enqueue and deliver soon. */
  wake(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      // Stopped meanwhile (the outbox may be closed already): the next start enqueues from the cursor.
      if (!this.#stopped) this.#pump();
    });
  }

  /** Per receiver: URL (without credentials), queue length and the last delivery's result. */
  get info() {
    return this.#receivers.map((r) => ({
      id: webhookId(r.config.url),
      url: r.config.url.replace(/\/\/[^@/]*@/, '//***@'),
      preset: r.config.preset ?? 'json',
      signed: Boolean(r.config.secret),
      pending: this.outbox.pending(r.key),
      lastResult: r.lastResult,
    }));
  }

  /** Sends a test message to every receiver now, outside the outbox. */
  async sendTest(id?: string): Promise<{ id: string; url: string; result: DeliveryResult }[]> {
    const json = JSON.stringify({
      id: 0,
      camera: 'test',
      ts: Date.now() / 1000,
      count: 0,
      change: 0,
      box: null,
      snapshot: '',
    });
    const chosen = this.#receivers.filter((r) => id === undefined || webhookId(r.config.url) === id);
    return Promise.all(
      chosen.map(async (r) => {
        const result = await deliver(
          buildRequest(r.config, { eventId: 0, type: 'test', json, jpeg: null }, this.kiosk, Date.now()),
        );
        r.lastResult = result;
        return { id: webhookId(r.config.url), url: r.config.url.replace(/\/\/[^@/]*@/, '//***@'), result };
      }),
    );
  }

  stop(): void {
    this.#stopped = true;
    for (const r of this.#receivers) if (r.timer) clearTimeout(r.timer);
  }

  #pump(): void {
    const { store, arming } = this.#sources;
    const quiet = !arming.notifying;
    for (const receiver of this.#receivers) {
      const wanted = webhookEvents(receiver.config);
      const alerts = (row: StoredRow) => {
        const notice = receiver.gate.check({
          type: row.type,
          id: row.id,
          data: JSON.parse(row.json),
        } as StoredEvent);
        return notice !== null && wanted.includes(notice.kind === 'start' ? 'motion' : 'motion-end');
      };
      for (;;) {
        const rows = store.after(this.outbox.cursor(receiver.key, store.lastId()), 200);
        if (rows.length === 0) break;
        // Quiet hours: the events are passed over, not kept for later.
        this.outbox.enqueue(receiver.key, rows, (row) => !quiet && alerts(row));
      }
      void this.#deliver(receiver);
    }
  }

  async #deliver(receiver: Receiver): Promise<void> {
    if (receiver.running || this.#stopped) return;
    receiver.running = true;
    try {
      for (
        let item = this.outbox.head(receiver.key);
        item && !this.#stopped;
        item = this.outbox.head(receiver.key)
      ) {
        const wait = item.nextAt - Date.now();
        if (wait > 0) {
          if (receiver.timer) clearTimeout(receiver.timer);
          receiver.timer = setTimeout(() => this.#deliver(receiver), wait);
          return;
        }
        const jpeg = await this.#snapshot(receiver.config, item.type, item.json);
        const result = await deliver(
          buildRequest(receiver.config, { ...item, jpeg }, this.kiosk, Date.now()),
        );
        receiver.lastResult = result;
        if (this.#stopped) return;
        if (result.ok) this.outbox.delivered(item.seq);
        else {
          const max = (receiver.config.maxRetrySeconds ?? 300) * 1000;
          const delay = Math.min(max, FIRST_RETRY_MS * 2 ** Math.min(item.attempts, 20));
          this.outbox.failed(item.seq, Date.now() + delay);
          this.log.warn(
            { url: receiver.config.url, eventId: item.eventId, error: result.error, retryMs: delay },
            'webhook: delivery failed',
          );
        }
      }
    } finally {
      receiver.running = false;
    }
  }

  async #snapshot(config: WebhookConfig, type: string, json: string): Promise<Buffer | null> {
    if (!(config.snapshot ?? config.preset === 'ntfy')) return null;
    const event = JSON.parse(json) as { id: number; motionId?: number };
    const path = this.#sources.picturePath(type === 'motion' ? event.id : (event.motionId ?? event.id));
    return path ? readFile(path).catch(() => null) : null;
  }
}
