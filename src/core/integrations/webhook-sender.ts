import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookConfig } from './webhook-config';

/** What one delivery is about. */
export interface WebhookMessage {
  eventId: number;
  type: string;
  /** The event as the SSE stream carries it. */
  json: string;
  /** The event's picture, when the receiver wants it and it is stored. */
  jpeg: Buffer | null;
}

export interface Kiosk {
  id: string;
  name: string;
  /** The dashboard's URL, for links back to the event. */
  url: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface DeliveryResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** `sha256=<hex>` over `<timestamp>.<body>`: what a receiver recomputes with the shared secret. */
export function signature(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Builds the HTTP request for one message, per the receiver's preset. */
export function buildRequest(
  config: WebhookConfig,
  message: WebhookMessage,
  kiosk: Kiosk,
  now: number,
): WebhookRequest {
  const event = JSON.parse(message.json) as { id: number; motionId?: number; label?: string; ts: number };
  const link = `${kiosk.url}/#event-${event.motionId ?? event.id}`;
  const text = `${headline(message.type, event.label)} at ${kiosk.name}, ${new Date(event.ts * 1000).toLocaleTimeString()}`;
  let url = config.url;
  let headers: Record<string, string>;
  let body: Buffer;
  const preset = config.preset ?? 'json';
  if (preset === 'ntfy') {
    headers = { Title: headerText(`Motion Kiosk: ${kiosk.name}`), Tags: 'rotating_light', Click: link };
    if (config.token) headers.Authorization = `Bearer ${config.token}`;
    if (message.jpeg) {
      headers.Filename = `motion-${event.motionId ?? event.id}.jpg`;
      headers.Message = headerText(text);
      body = message.jpeg;
    } else body = Buffer.from(text);
  } else if (preset === 'gotify') {
    url = `${config.url.replace(/\/+$/, '')}/message`;
    headers = { 'Content-Type': 'application/json' };
    if (config.token) headers['X-Gotify-Key'] = config.token;
    body = Buffer.from(
      JSON.stringify({
        title: `Motion Kiosk: ${kiosk.name}`,
        message: text,
        priority: 5,
        extras: { 'client::notification': { click: { url: link } } },
      }),
    );
  } else {
    const payload = JSON.stringify({ type: message.type, data: JSON.parse(message.json), kiosk });
    if (message.jpeg) {
      const boundary = `mk-${randomBytes(12).toString('hex')}`;
      headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
      body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="event"\r\nContent-Type: application/json\r\n\r\n${payload}\r\n`,
        ),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="snapshot"; filename="snapshot.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        message.jpeg,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    } else {
      headers = { 'Content-Type': 'application/json' };
      body = Buffer.from(payload);
    }
  }
  const timestamp = String(Math.floor(now / 1000));
  headers['Idempotency-Key'] = String(message.eventId);
  headers['X-MotionKiosk-Event'] = message.type;
  headers['X-MotionKiosk-Device'] = kiosk.id;
  headers['X-MotionKiosk-Timestamp'] = timestamp;
  if (config.secret) headers['X-MotionKiosk-Signature'] = signature(config.secret, timestamp, body);
  return { url, headers, body };
}

/** POSTs the request; any 2xx is delivered. Never throws. */
export async function deliver(request: WebhookRequest, timeoutMs = 10_000): Promise<DeliveryResult> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: new Uint8Array(request.body),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return {
      ok: response.ok,
      status: response.status,
      error: response.ok ? null : `HTTP ${response.status}`,
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, status: null, error: cause ?? (err as Error).message };
  }
}

/** HTTP header values are Latin-1: other text goes as RFC 2047 encoded words (ntfy reads them). */
function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

/** `Motion`, `Motion ended`, or for a label that alerts, e.g. `Person seen`. */
function headline(type: string, label: string | undefined): string {
  if (type === 'motion-label' && label) return `${label[0].toUpperCase()}${label.slice(1)} seen`;
  return type === 'motion-end' ? 'Motion ended' : 'Motion';
}
