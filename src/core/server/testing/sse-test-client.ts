import { connect, type Socket } from 'node:net';

/** One parsed SSE message as an EventSource would dispatch it (comments kept for tests). */
export interface ReceivedMessage {
  event: string;
  data: string;
  id: string | null;
}

/**
 * A raw-socket SSE client for tests: it parses the wire format itself (so the server's framing is
 * what is tested) and can stop reading, like a stalled browser tab.
 */
export class SseTestClient {
  readonly messages: ReceivedMessage[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: Record<string, string> = {};
  body = '';
  closed = false;
  readonly socket: Socket;
  #buffer = '';
  #headDone = false;
  #waiters: (() => void)[] = [];

  constructor(port: number, path = '/events', headers: Record<string, string> = {}) {
    this.socket = connect(port, '127.0.0.1');
    let request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n`;
    for (const [name, value] of Object.entries(headers)) request += `${name}: ${value}\r\n`;
    this.socket.write(`${request}\r\n`);
    this.socket.setEncoding('utf8');
    this.socket.on('data', (text: string) => this.#onData(text));
    this.socket.on('close', () => {
      this.closed = true;
      this.#notify();
    });
    this.socket.on('error', () => {});
  }

  /** Ids of the stored events received, in order. */
  get ids(): number[] {
    return this.messages.filter((m) => m.id !== null).map((m) => Number(m.id));
  }

  /** Resolves once `predicate` holds (checked after every chunk), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else this.#waiters.push(check);
      };
      this.#waiters.push(check);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }

  #onData(text: string): void {
    this.#buffer += text;
    if (!this.#headDone) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = this.#buffer.slice(0, end).split('\r\n');
      this.status = Number(statusLine.split(' ')[1]);
      for (const line of lines) {
        const colon = line.indexOf(':');
        this.headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      this.#buffer = this.#buffer.slice(end + 4);
      this.#headDone = true;
      if (this.status !== 200) {
        this.body = this.#buffer;
        this.#notify();
        return;
      }
    }
    if (this.status !== 200) {
      this.body += text;
    } else {
      let end = this.#buffer.indexOf('\n\n');
      while (end >= 0) {
        this.#parseBlock(this.#buffer.slice(0, end));
        this.#buffer = this.#buffer.slice(end + 2);
        end = this.#buffer.indexOf('\n\n');
      }
    }
    this.#notify();
  }

  #parseBlock(block: string): void {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) this.messages.push({ event, data: data.join('\n'), id });
  }
}
