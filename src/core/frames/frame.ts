/** One captured picture: the camera's JPEG untouched, plus a small gray copy for detection. */
export interface Frame {
  /** Increments by one per frame of this source. */
  seq: number;
  /** Capture time, Unix milliseconds. */
  ts: number;
  /** The JPEG as the camera (or ffmpeg) produced it; shared by every viewer, never copied. */
  jpeg: Buffer;
  /** 8-bit grayscale, `width * height` bytes, row-major. */
  gray: Uint8Array;
  /** Size of `gray`. */
  width: number;
  height: number;
}
