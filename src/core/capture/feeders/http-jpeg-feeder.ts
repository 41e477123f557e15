import { type ClientRequest, request } from 'node:http';
import type { Feeder, JpegSink } from '../pipeline';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';

export interface HttpJpegFeederOptions {
  /** Called when the camera answers 401: it wants an authentication only ffmpeg speaks (digest). */
  onUnauthorized?: () => void;
}

/**
 * Reads an HTTP camera that sends bare concatenated JPEGs, cut at each end-of-image marker (so a
 * picture is handed on when it is complete, not when the next begins). Credentials in the URL are
 * sent as HTTP Basic authentication.
 */
export class HttpJpegFeeder implements Feeder {
  #request: ClientRequest | null = null;

  constructor(
    private readonly url: URL,
    private readonly options: HttpJpegFeederOptions = {},
  ) {}

  start(sink: JpegSink, onExit: (message: string) => void): void {
    const stopped = (message: string) => {
      if (this.#request !== req) return;
      this.#request = null;
      req.destroy();
      onExit(message);
    };
    // No socket timeout: it re-armed a timer on every read, and the capture's watchdog already ends a
    // run that brings no frame for 10 s (a silent camera, or one that never answers).
    const req = request(this.url, (res) => {
      if (res.statusCode !== 200) {
        if (res.statusCode === 401) this.options.onUnauthorized?.();
        res.resume();
        stopped(`camera answered HTTP ${res.statusCode}`);
        return;
      }
      const splitter = new MjpegSplitter((jpeg) => sink.write(jpeg));
      res.on('data', (chunk: Buffer) => splitter.push(chunk));
      res.on('error', (err) => stopped(`camera: ${err.message}`));
      // 'close' also covers a connection cut mid-stream, where 'end' never comes.
      res.on('close', () => stopped('camera ended the stream'));
    });
    this.#request = req;
    req.on('error', (err) => stopped(`camera: ${err.message}`));
    req.end();
  }

  async stop(): Promise<void> {
    const req = this.#request;
    this.#request = null;
    req?.destroy();
  }
}
