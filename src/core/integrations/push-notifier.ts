import type { Logger } from 'pino';
import webpush from 'web-push';
import type { ObjectLabel } from '../../shared/labels';
import type { Arming } from './arming';
import type { Notice } from './notify-gate';
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
  /** The label that made it alert (the service worker words it in the browser's language), or null. */
  label: ObjectLabel | null;
  /** Model score of `label` (0..1), or the change in percent when there is no label. */
  score: number;
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

  /** An event starts alerting (see `NotifyGate`): tell every subscribed browser, unless cooling down. */
  notify(notice: Notice): void {
    if (!this.opts.arming.notifying || this.opts.subscriptions.count() === 0) return;
    const now = Date.now();
    if (now - this.#lastSent < (this.opts.cooldownSeconds ?? 60) * 1000) return;
    this.#lastSent = now;
    const payload: PushPayload = {
      title: this.opts.name,
      body: notice.label
        ? `${notice.label[0].toUpperCase()}${notice.label.slice(1)} seen`
        : `Motion, change ${notice.score.toFixed(1)}%`,
      ts: notice.ts,
      eventId: notice.motionId,
      image: `/api/events/${notice.motionId}/snapshot.jpg`,
      url: `/#event-${notice.motionId}`,
      label: notice.label,
      score: notice.score,
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
