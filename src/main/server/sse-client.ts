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

  drained(): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (!this.socket.writableNeedDrain) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => () => {
        this.socket.off('drain', onDrain);
        this.socket.off('close', onClose);
        resolve(ok);
      };
      const onDrain = done(true);
      const onClose = done(false);
      this.socket.once('drain', onDrain);
      this.socket.once('close', onClose);
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
