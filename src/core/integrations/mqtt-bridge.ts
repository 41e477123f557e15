import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { BoundedQueue } from './bounded-queue';
import type { MqttConfig } from './config';
import { isPem } from './config-store';

/** One outgoing message. */
export interface MqttMessage {
  topic: string;
  payload: string | Buffer;
  qos: 0 | 1;
  retain: boolean;
}

export type MqttConnectionState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

export interface MqttBridgeOptions {
  config: MqttConfig;
  clientId: string;
  /** Retained `offline` here is the last will; `online` is published on every connect. */
  availabilityTopic: string;
  /** Topic filters subscribed on every connect. */
  subscriptions: string[];
  /** After each connect and the flush of queued messages: republish current state. */
  onConnect(): void;
  onMessage(topic: string, payload: Buffer): void;
  log: Logger;
  /** First reconnect delay, doubled after each failure. Default 1,000 ms. */
  minReconnectMs?: number;
  /** Longest reconnect delay. Default 30,000 ms. */
  maxReconnectMs?: number;
  /** Bytes kept queued while disconnected. Default 16 MiB. */
  queueBytes?: number;
}

/**
 * The broker connection. `publish` never waits and never throws: while connected it hands the
 * message to the client; otherwise it queues it (bounded, oldest dropped) and the queue is sent in
 * order on the next connect. The client reconnects by itself with a doubling delay.
 */
export class MqttBridge {
  readonly #client: MqttClient;
  readonly #queue: BoundedQueue<MqttMessage>;
  readonly #opts: MqttBridgeOptions;
  readonly #minDelay: number;
  readonly #maxDelay: number;
  #state: MqttConnectionState = 'connecting';
  #lastError: string | null = null;
  #delay: number;
  #retry: NodeJS.Timeout | null = null;
  /** Epoch ms of the next connection attempt while one is scheduled. */
  #retryAt: number | null = null;
  /** Messages handed to the client since start. */
  sent = 0;

  constructor(opts: MqttBridgeOptions) {
    this.#opts = opts;
    this.#minDelay = opts.minReconnectMs ?? 1000;
    this.#maxDelay = opts.maxReconnectMs ?? 30_000;
    this.#delay = this.#minDelay;
    this.#queue = new BoundedQueue(
      opts.config.queueLimit ?? 1000,
      opts.queueBytes ?? 16 * 1024 * 1024,
      (m) => m.payload.length + m.topic.length,
    );
    const options: IClientOptions = {
      clientId: opts.clientId,
      username: opts.config.username,
      password: opts.config.password,
      ca: caCertificate(opts.config.ca),
      // Reconnects are ours (#onClose): the client's own retry runs on a fixed interval, without back-off.
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: 10_000,
      // Our own bounded queue holds messages while offline; the client's would grow without bound.
      queueQoSZero: false,
      will: { topic: opts.availabilityTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    };
    this.#client = mqtt.connect(opts.config.url, options);
    this.#client.on('connect', () => this.#onConnect());
    this.#client.on('close', () => this.#onClose());
    this.#client.on('error', (err) => {
      this.#lastError = err.message;
      opts.log.warn({ err: err.message }, 'mqtt: connection error');
    });
    this.#client.on('message', (topic, payload) => {
      try {
        opts.onMessage(topic, payload);
      } catch (err) {
        opts.log.error({ err, topic }, 'mqtt: command handler failed');
      }
    });
  }

  get state(): MqttConnectionState {
    return this.#state;
  }

  /** Connection state, queue and last error, for `/api/integrations` and the dashboard. */
  get info() {
    return {
      state: this.#state,
      url: redactUrl(this.#opts.config.url),
      queued: this.#queue.size,
      dropped: this.#queue.dropped,
      sent: this.sent,
      lastError: this.#lastError,
      retryAt: this.#retry && this.#retryAt ? this.#retryAt / 1000 : null,
    };
  }

  publish(message: MqttMessage): void {
    if (this.#state === 'stopped') return;
    if (!this.#client.connected) {
      this.#queue.push(message);
      return;
    }
    this.#send(message);
  }

  /** Subscribes now when connected; the caller subscribes again after each reconnect. */
  subscribe(topics: string[]): void {
    if (!this.#client.connected) return;
    this.#client.subscribe(topics, { qos: 1 }, (err) => {
      if (err) this.#opts.log.warn({ err: err.message }, 'mqtt: subscribe failed');
    });
  }

  /** Publishes `offline` and disconnects; the will is not sent for a clean stop, so we say it ourselves. */
  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#client.connected) {
      await new Promise<void>((resolve) =>
        this.#client.publish(this.#opts.availabilityTopic, 'offline', { qos: 1, retain: true }, () =>
          resolve(),
        ),
      );
    }
    await this.#client.endAsync(!this.#client.connected);
  }

  #send(message: MqttMessage): void {
    this.sent++;
    this.#client.publish(
      message.topic,
      message.payload,
      { qos: message.qos, retain: message.retain },
      (err) => {
        if (err) this.#opts.log.warn({ err: err.message, topic: message.topic }, 'mqtt: publish failed');
      },
    );
  }

  #onConnect(): void {
    if (this.#state === 'stopped') return;
    this.#state = 'connected';
    this.#lastError = null;
    this.#delay = this.#minDelay;
    this.#opts.log.info({ url: redactUrl(this.#opts.config.url) }, 'mqtt: connected');
    this.#client.subscribe(this.#opts.subscriptions, { qos: 1 }, (err) => {
      if (err) this.#opts.log.warn({ err: err.message }, 'mqtt: subscribe failed');
    });
    this.#send({ topic: this.#opts.availabilityTopic, payload: 'online', qos: 1, retain: true });
    // Queued history first, then the current state, so retained topics end on what is true now.
    for (const message of this.#queue.drain()) this.#send(message);
    this.#opts.onConnect();
  }

  #onClose(): void {
    if (this.#state === 'stopped') return;
    if (this.#state === 'connected') this.#opts.log.warn('mqtt: disconnected; will reconnect');
    // A broker that refuses without a CONNACK code just closes: say so rather than nothing.
    else this.#lastError ??= 'the broker closed the connection';
    this.#state = 'disconnected';
    if (this.#retry) return;
    const delay = this.#delay;
    this.#delay = Math.min(this.#maxDelay, this.#delay * 2);
    this.#retryAt = Date.now() + delay;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#state === 'stopped') return;
      this.#state = 'connecting';
      // Keep the stores: QoS 1 messages in flight when the link broke are sent again.
      this.#client.reconnect({
        incomingStore: this.#client.incomingStore,
        outgoingStore: this.#client.outgoingStore,
      });
    }, delay);
  }
}

/** The URL without credentials, for logs and the API. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** The CA option as the client wants it: PEM text as is, or the named file read. */
function caCertificate(ca: string | undefined): Buffer | undefined {
  if (!ca) return undefined;
  return isPem(ca) ? Buffer.from(ca) : readFileSync(ca);
}
