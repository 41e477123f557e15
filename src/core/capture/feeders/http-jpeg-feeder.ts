import { type ClientRequest, request } from 'node:http';
import type { Writable } from 'node:stream';
import type { Feeder } from '../pipeline';
import { JpegReframer } from '../splitters/jpeg-reframer';

/** A camera silent this long is given up on (as ffmpeg's `-rw_timeout` does for URLs it reads), ms. */
const SILENCE_MS = 10_000;

export interface HttpJpegFeederOptions {
  /** Called when the camera answers 401: it wants an authentication only ffmpeg speaks (digest). */
  onUnauthorized?: () => void;
}

/**
 * Reads an HTTP camera that sends bare concatenated JPEGs and writes them to ffmpeg as multipart
 * parts (JpegReframer), so each picture leaves ffmpeg when it is complete rather than when the
 * next one starts. Credentials in the URL are sent as HTTP Basic authentication.
 */
export class HttpJpegFeeder implements Feeder {
  #request: ClientRequest | null = null;

  constructor(
    private readonly url: URL,
    private readonly options: HttpJpegFeederOptions = {},
  ) {}

  start(stdin: Writable, onExit: (message: string) => void, onJpeg: (jpeg: Buffer) => void): void {
    const stopped = (message: string) => {
      if (this.#request !== req) return;
      this.#request = null;
      req.destroy();
      onExit(message);
    };
    const req = request(this.url, { timeout: SILENCE_MS }, (res) => {
      if (res.statusCode !== 200) {
        if (res.statusCode === 401) this.options.onUnauthorized?.();
        res.resume();
        stopped(`camera answered HTTP ${res.statusCode}`);
        return;
      }
      const reframer = new JpegReframer(stdin, onJpeg);
      res.on('data', (chunk: Buffer) => reframer.push(chunk));
      res.on('error', (err) => stopped(`camera: ${err.message}`));
      // 'close' also covers a connection cut mid-stream, where 'end' never comes.
      res.on('close', () => stopped('camera ended the stream'));
    });
    this.#request = req;
    req.on('timeout', () => stopped(`no data from the camera for ${SILENCE_MS / 1000} s`));
    req.on('error', (err) => stopped(`camera: ${err.message}`));
    req.end();
  }

  async stop(): Promise<void> {
    const req = this.#request;
    this.#request = null;
    req?.destroy();
  }
}
