import type { Logger } from 'pino';
import webpush from 'web-push';
import type { MotionStart } from '../../shared/events';
import type { Arming } from './arming';
import type { PushSubscriptions, VapidKeys } from './push-subscriptions';

export interface PushNotifierOptions {
  keys: VapidKeys;
  subscriptions: PushSubscriptions;
  arming: Arming;
  /** Kiosk name, the notification's title. */
  name: string;
  /** `mailto:` or `https:` contact for push services (VAPID `sub`). Default `mailto:admin@motion-kiosk.invalid`. */
  contact?: string;
  /** Seconds after a notification during which further events notify nobody. Default 60. */
  cooldownSeconds?: number;
  log: Logger;
}

/** What the service worker receives (JSON) and shows. */
export interface PushPayload {
  title: string;
  body: string;
  /** Unix seconds of the event. */
  ts: number;
  eventId: number;
  /** Same-origin URL of the event's picture. */
  image: string;
  /** Same-origin URL opened when the notification is tapped. */
  url: string;
}

/**
 * Web Push for motion starts: one encrypted message (aes128gcm, VAPID) per subscribed browser,
 * at most one per cooldown, none in quiet hours. A subscription its push service says is gone
 * (404, 410) is removed. Sending runs off the frame path.
 */
export class PushNotifier {
  #lastSent = Number.NEGATIVE_INFINITY;
  /** Notifications sent (one per subscription), for the API and tests. */
  sent = 0;

  constructor(private readonly opts: PushNotifierOptions) {}

  get publicKey(): string {
    return this.opts.keys.publicKey;
  }

  onMotion(event: MotionStart): void {
    if (!this.opts.arming.notifying || this.opts.subscriptions.count() === 0) return;
    const now = Date.now();
    if (now - this.#lastSent < (this.opts.cooldownSeconds ?? 60) * 1000) return;
    this.#lastSent = now;
    const payload: PushPayload = {
      title: this.opts.name,
      body: `Motion, change ${event.change.toFixed(1)}%`,
      ts: event.ts,
      eventId: event.id,
      image: event.snapshot,
      url: `/#event-${event.id}`,
    };
    setImmediate(() => void this.#sendAll(JSON.stringify(payload)));
  }

  async #sendAll(payload: string): Promise<void> {
    const subscriptions = this.opts.subscriptions.all();
    await Promise.all(
      subscriptions.map(async (subscription) => {
        try {
          await webpush.sendNotification(subscription, payload, {
            TTL: 3600,
            urgency: 'high',
            vapidDetails: {
              subject: this.opts.contact ?? 'mailto:admin@motion-kiosk.invalid',
              publicKey: this.opts.keys.publicKey,
              privateKey: this.opts.keys.privateKey,
            },
            timeout: 10_000,
          });
          this.sent++;
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) this.opts.subscriptions.remove(subscription.endpoint);
          this.opts.log.warn({ status, err: (err as Error).message }, 'push: not delivered');
        }
      }),
    );
  }
}
