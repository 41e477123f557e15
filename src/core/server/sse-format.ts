/**
 * Server-Sent Events wire format (WHATWG HTML §9.2): each message is a block of `field: value`
 * lines ended by a blank line. Messages are encoded once into a Buffer and that same Buffer is
 * written to every client, so fan-out costs one `socket.write` per client and no per-client copy.
 */

/** One SSE message. */
export interface SseMessage {
  /** `event:` type; omitted = the default `message` type. */
  event?: string;
  /** `id:`; omitted for messages that cannot be resumed from. */
  id?: number;
  /** `data:` payload; a multi-line string becomes one `data:` line per line. */
  data: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Rejects a field value that would break the framing (an id or event type cannot hold a line break). */
function singleLine(field: string, value: string): string {
  if (LINE_BREAK.test(value)) throw new Error(`SSE ${field} must be a single line`);
  return value;
}

/** The text of one message, ending with the blank line that dispatches it. */
export function formatSseMessage(message: SseMessage): string {
  let text = '';
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.event !== undefined) text += `event: ${singleLine('event', message.event)}\n`;
  for (const line of message.data.split(LINE_BREAK)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** A comment (ignored by EventSource, keeps proxies and NAT from closing an idle stream). */
export function formatSseComment(comment: string): string {
  return comment
    .split(LINE_BREAK)
    .map((line) => `: ${line}\n`)
    .join('')
    .concat('\n');
}

/** `retry:` tells EventSource how many milliseconds to wait before it reconnects. */
export function formatSseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}

/** Encodes a message once for fan-out. */
export function encodeSseMessage(message: SseMessage): Buffer {
  return Buffer.from(formatSseMessage(message), 'utf8');
}

/**
 * The resume point a client asked for, from the `Last-Event-ID` header (sent by EventSource on
 * reconnect, so it wins) or the `lastEventId` query parameter (first connection). Anything that
 * is not a plain non-negative integer within safe range is treated as "no resume": null.
 */
export function parseLastEventId(header: unknown, query: unknown): number | null {
  for (const value of [header, query]) {
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (!/^\d{1,15}$/.test(trimmed)) continue;
    return Number(trimmed);
  }
  return null;
}
