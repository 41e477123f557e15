import type { Socket } from 'node:net';
import type { Frame } from '../frames/frame';

/** The multipart boundary of `/stream.mjpg`. */
export const MJPEG_BOUNDARY = 'mkframe';

/** Part headers before each JPEG: every part has its own type and length. */
export function mjpegPartHead(jpegLength: number): string {
  return `--${MJPEG_BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpegLength}\r\n\r\n`;
}

export interface MjpegViewerOptions {
  /** Highest frame rate sent to this viewer; null = every frame. */
  maxFps: number | null;
  /** Highest frame rate while the scene is still (see `still`); null = as `maxFps`. */
  stillFps: number | null;
  /** Whether the camera's scene is still now. */
  still(): boolean;
  /** Counts written and skipped frames. */
  onFrame(sent: boolean): void;
}

/**
 * One `/stream.mjpg` viewer. The camera's JPEG Buffer is written as is (no copy). A frame is
 * skipped while the previous one is still queued, so a slow viewer sees fewer frames instead of
 * older ones, and never holds more than one frame of memory. A still scene may be sent at a lower rate
 * (`stillFps`): each frame not sent is one the browser neither receives, passes between its processes,
 * nor skips (the kiosk's Chromium spent ~2.5 % of a core on 8 such frames a second).
 */
export class MjpegViewer {
  #lastSent = 0;

  constructor(
    private readonly socket: Socket,
    private readonly opts: MjpegViewerOptions,
  ) {}

  offer(frame: Frame): void {
    if (this.socket.destroyed || this.socket.writableEnded) return;
    const now = performance.now();
    const { maxFps, stillFps } = this.opts;
    const fps = stillFps && this.opts.still() ? Math.min(stillFps, maxFps ?? stillFps) : maxFps;
    const minGap = fps ? 1000 / fps : 0;
    if (this.socket.writableLength > 0 || now - this.#lastSent < minGap) {
      this.opts.onFrame(false);
      return;
    }
    this.#lastSent = now;
    this.socket.cork();
    this.socket.write(mjpegPartHead(frame.jpeg.length));
    this.socket.write(frame.jpeg);
    this.socket.write('\r\n');
    this.socket.uncork();
    this.opts.onFrame(true);
  }
}
