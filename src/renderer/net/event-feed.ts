import { type SseEventType, sseEventTypes } from '../../shared/events';
import type { StreamListener, StreamMessage } from './stream-message';

/** Options of `EventFeed`. */
export interface EventFeedOptions {
  /** Absolute URL of the SSE endpoint. */
  url: string;
  /** Receives every message, in order. */
  listener: StreamListener;
  /** Longest wait between reconnect attempts, in ms. Default 10000. */
  maxBackoffMs?: number;
}

/**
 * One EventSource to `/events`, kept alive: the browser's own retry resumes with `Last-Event-ID`;
 * when the browser gives up (HTTP error, server restart) the feed reconnects itself with
 * `?lastEventId=` so that no stored event is lost. It remembers the latest `status` and `settings`
 * so that a tab joining later can be brought up to date at once.
 */
export class EventFeed {
  readonly #options: EventFeedOptions;
  #source: EventSource | null = null;
  #lastId = 0;
  #wasOpen = false;
  #lostConnection = false;
  #backoffMs = 1000;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #latest = new Map<'status' | 'settings', StreamMessage>();

  constructor(options: EventFeedOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#source) return;
    const url = new URL(this.#options.url);
    if (this.#lastId > 0) url.searchParams.set('lastEventId', String(this.#lastId));
    const source = new EventSource(url);
    this.#source = source;
    source.onopen = () => {
      this.#backoffMs = 1000;
      this.#emit({ type: 'open', resumed: this.#lostConnection });
      this.#wasOpen = true;
      this.#lostConnection = false;
    };
    source.onerror = () => this.#onError(source);
    for (const type of sseEventTypes)
      source.addEventListener(type, (e) => this.#onEvent(type, e as MessageEvent));
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = null;
  }

  /** Messages a newly joined tab needs before live ones: connection state, status, settings. */
  snapshot(): StreamMessage[] {
    const state: StreamMessage =
      this.#source?.readyState === EventSource.OPEN ? { type: 'open', resumed: false } : { type: 'down' };
    return [state, ...this.#latest.values()];
  }

  #onEvent(type: SseEventType, e: MessageEvent): void {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      return; // a malformed line is the server's bug; dropping it keeps the stream alive
    }
    const id = Number(e.lastEventId);
    if (e.lastEventId && Number.isFinite(id)) this.#lastId = Math.max(this.#lastId, id);
    const message = { type, id, data } as StreamMessage;
    if (type === 'status' || type === 'settings') this.#latest.set(type, message);
    this.#emit(message);
  }

  #onError(source: EventSource): void {
    if (this.#wasOpen && !this.#lostConnection) {
      this.#lostConnection = true;
      this.#emit({ type: 'down' });
    }
    if (source.readyState !== EventSource.CLOSED) return; // the browser retries by itself
    this.#source = null;
    this.#timer = setTimeout(() => this.start(), this.#backoffMs);
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.#options.maxBackoffMs ?? 10_000);
  }

  #emit(message: StreamMessage): void {
    this.#options.listener(message);
  }
}
