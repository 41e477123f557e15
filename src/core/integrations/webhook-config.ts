import { z } from 'zod';
import type { StoredEventType } from '../../shared/events';

/** One webhook receiver, from the config file's `webhooks` list. */
export const webhookSchema = z
  .object({
    /** Receiver URL, http:// or https://. Required. */
    url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL'),
    /**
     * Body format. `json` (default): the event as JSON (multipart with the JPEG when `snapshot`);
     * `ntfy`: an ntfy topic URL, the picture as attachment; `gotify`: a Gotify server URL, `token` = app token.
     */
    preset: z.enum(['json', 'ntfy', 'gotify']).optional(),
    /** HMAC-SHA256 key for the `X-MotionKiosk-Signature` header. Default none (unsigned). */
    secret: z.string().min(8).max(500).optional(),
    /** Access token: ntfy's `Authorization: Bearer`, Gotify's app token. Default none. */
    token: z.string().min(1).max(500).optional(),
    /** Attach the event's JPEG. Default false for `json`, true for `ntfy`. */
    snapshot: z.boolean().optional(),
    /** Which events are sent. Default both for `json`; only `motion` (starts) for `ntfy` and `gotify`. */
    events: z
      .array(z.enum(['motion', 'motion-end']))
      .min(1)
      .optional(),
    /** Longest wait between retries, in seconds; retries start at 2 s and double. Default 300. */
    maxRetrySeconds: z.number().min(1).max(86_400).optional(),
  })
  .strict();

export type WebhookConfig = z.infer<typeof webhookSchema>;

export const webhooksConfigSchema = z.array(webhookSchema).max(16);

/** The events a receiver gets, defaults applied. */
export function webhookEvents(config: WebhookConfig): StoredEventType[] {
  if (config.events) return config.events;
  return (config.preset ?? 'json') === 'json' ? ['motion', 'motion-end'] : ['motion'];
}
