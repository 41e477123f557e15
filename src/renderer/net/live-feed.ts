import { MultipartParser } from './multipart-parser';

/** What a live picture subscriber hears: a JPEG frame, or the stream's state. */
export type LiveMessage =
  | { type: 'frame'; jpeg: Uint8Array<ArrayBuffer> }
  /** `open`: frames are flowing; `lost`: the stream failed or ended and is retried. */
  | { type: 'state'; state: 'open' | 'lost' };

/** Frame rates asked of the server (`/stream.mjpg?fps=&stillFps=`); null: the camera's rate. */
export interface LiveRate {
  fps: number | null;
  /** While the scene is still (the server judges it from its own levels). */
  stillFps: number | null;
}

/** The rate that serves every one of `rates`: the highest of each, null (every frame) if any asks it. */
export function combineRates(rates: LiveRate[]): LiveRate {
  const highest = (values: (number | null)[]) =>
    values.includes(null) ? null : Math.max(...(values as number[]));
  return { fps: highest(rates.map((r) => r.fps)), stillFps: highest(rates.map((r) => r.stillFps)) };
}

/** Options of `LiveFeed`. */
export interface LiveFeedOptions {
  /** Absolute URL of `/stream.mjpg` (`fps` and `stillFps` queries added by `setRate`). */
  url: string;
  /** Receives every frame and state change. */
  listener: (message: LiveMessage) => void;
  /** Wait before reopening a stream that failed or ended, in ms. Default 3000. */
  retryMs?: number;
}

/**
 * One `/stream.mjpg` response read by `fetch` and split into JPEG frames. It holds one of the
 * browser's six connections per host only while running; `stop` aborts the request. A stream that
 * ends (server gone) or fails is reopened after `retryMs`.
 */
export class LiveFeed {
  readonly #options: LiveFeedOptions;
  #abort: AbortController | null = null;
  #rate: LiveRate = { fps: null, stillFps: null };
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveFeedOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#abort !== null;
  }

  /** Caps the frame rates the server sends; reopens a running stream. */
  setRate(rate: LiveRate): void {
    if (rate.fps === this.#rate.fps && rate.stillFps === this.#rate.stillFps) return;
    this.#rate = rate;
    if (this.running) {
      this.stop();
      this.start();
    }
  }

  start(): void {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#read(abort.signal).then((failed) => {
      if (abort.signal.aborted) return;
      this.#abort = null;
      if (failed !== null) this.#options.listener({ type: 'state', state: 'lost' });
      this.#timer = setTimeout(() => this.start(), this.#options.retryMs ?? 3000);
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#abort = null;
  }

  /** Reads until the stream ends; resolves to the failure (an Error, or 'ended'), null when aborted. */
  async #read(signal: AbortSignal): Promise<Error | 'ended' | null> {
    const url = new URL(this.#options.url);
    const { fps, stillFps } = this.#rate;
    if (fps) url.searchParams.set('fps', String(fps));
    if (stillFps) url.searchParams.set('stillFps', String(stillFps));
    let opened = false;
    const parser = new MultipartParser((body) => {
      if (!opened) {
        opened = true;
        this.#options.listener({ type: 'state', state: 'open' });
      }
      this.#options.listener({ type: 'frame', jpeg: body });
    });
    try {
      const res = await fetch(url, { signal, cache: 'no-store' });
      if (!res.ok || !res.body) throw new Error(`live stream: HTTP ${res.status}`);
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended';
        parser.push(value);
      }
    } catch (err) {
      return signal.aborted ? null : (err as Error);
    }
  }
}
