import type { Socket } from 'node:net';
import type { EventSink } from '../events/event-hub';

export interface SseClientOptions {
  /** Bytes that may wait in this client's outgoing buffer; past it the stream is closed. */
  maxBufferedBytes: number;
  /** Called once when the stream closes, for whatever reason. */
  onClose(reason: 'client' | 'overflow' | 'server'): void;
}

/**
 * One `/events` stream over a hijacked socket. A client that stops reading is not buffered
 * without bound: once its queued bytes would exceed the limit it is disconnected, and it resumes
 * with `Last-Event-ID` when it comes back.
 */
export class SseClient implements EventSink {
  #closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly opts: SseClientOptions,
  ) {
    socket.once('close', () => this.#end('client'));
    socket.on('error', () => this.#end('client'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(chunk: Buffer): void {
    if (this.#closed) return;
    if (this.socket.writableLength + chunk.length > this.opts.maxBufferedBytes) {
      this.#end('overflow');
      return;
    }
    this.socket.write(chunk);
  }

  replay(chunks: Buffer[]): Promise<number | null> {
    if (this.#closed || chunks.length === 0) return Promise.resolve(this.#closed ? null : 0);
    const budget = this.opts.maxBufferedBytes / 2 - this.socket.writableLength;
    let count = 1;
    let bytes = chunks[0].length;
    while (count < chunks.length && bytes + chunks[count].length <= budget) bytes += chunks[count++].length;
    if (this.socket.writableLength + bytes > this.opts.maxBufferedBytes) {
      this.#end('overflow');
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      let settled = false;
      const settle = (value: number | null) => {
        if (settled) return;
        settled = true;
        this.socket.off('close', onClose);
        resolve(value);
      };
      const onClose = () => settle(null);
      this.socket.once('close', onClose);
      for (let i = 0; i < count - 1; i++) this.socket.write(chunks[i]);
      this.socket.write(chunks[count - 1], (err) => settle(err ? null : count));
    });
  }

  close(): void {
    this.#end('server');
  }

  #end(reason: 'client' | 'overflow' | 'server'): void {
    if (this.#closed) return;
    this.#closed = true;
    if (reason === 'server') this.socket.end();
    else this.socket.destroy();
    this.opts.onClose(reason);
  }
}
