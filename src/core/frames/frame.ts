/** A small grayscale copy of a picture, for detection. */
export interface GrayPicture {
  /** 8-bit grayscale, `width * height` bytes, row-major. */
  gray: Uint8Array;
  width: number;
  height: number;
}

/**
 * One captured picture: the camera's JPEG untouched, plus a small gray copy for detection (`gray`,
 * `width`, `height`). The gray copy is null when the source skipped decoding a frame that detection
 * said it would not look at; `decodeGray` then decodes it after all.
 */
export interface Frame extends Omit<GrayPicture, 'gray'> {
  /** Increments by one per frame of this source. */
  seq: number;
  /** Capture time, Unix milliseconds. */
  ts: number;
  /** The JPEG as the camera (or ffmpeg) produced it; shared by every viewer, never copied. */
  jpeg: Buffer;
  /** The gray copy, or null when it was not decoded; `width` and `height` are then the last known size. */
  gray: Uint8Array | null;
  /** Decodes the gray copy of a frame whose `gray` is null; resolves null when the capture ended first. */
  decodeGray?: () => Promise<GrayPicture | null>;
}
