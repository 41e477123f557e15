import { request } from 'node:http';

/** One message as a raw SSE client parses it. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * A raw HTTP SSE client for tests: no EventSource polyfill, so that the wire format itself is checked.
 * Collects messages until `close()`.
 */
export class RawSseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  headers: Record<string, string | string[] | undefined> = {};
  status = 0;
  #buffer = '';
  #waiters: Array<() => void> = [];
  #close: () => void = () => {};
  ended = false;

  static open(url: string, headers: Record<string, string> = {}): Promise<RawSseClient> {
    const client = new RawSseClient();
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.#feed(chunk));
        res.on('end', () => {
          client.ended = true;
          client.#wake();
        });
        resolve(client);
      });
      client.#close = () => req.destroy();
      req.on('error', (err) => (client.status ? undefined : reject(err)));
      req.end();
    });
  }

  /** Resolves with the first message matching, waiting up to `timeoutMs`. */
  async waitFor(match: (m: SseMessage) => boolean, timeoutMs = 30_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.ended) throw new Error('stream ended before a matching message');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.#close();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  #feed(chunk: string): void {
    this.#buffer += chunk;
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      this.#parseBlock(this.#buffer.slice(0, end));
      this.#buffer = this.#buffer.slice(end + 2);
      end = this.#buffer.indexOf('\n\n');
    }
    this.#wake();
  }

  #parseBlock(block: string): void {
    const message: SseMessage = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') message.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') message.id = value;
    }
    if (data.length === 0) return;
    message.data = data.join('\n');
    this.messages.push(message);
  }
}
