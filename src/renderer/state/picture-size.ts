/** Width and height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * The size a JPEG's frame header (SOF) declares, or null if `jpeg` has none in its first 64 kB. Read
 * before decoding, so a frame can be decoded straight to the size it is shown at (`decodeSize`).
 */
export function jpegSize(jpeg: Uint8Array): Size | null {
  let i = 2; // after SOI
  const end = Math.min(jpeg.length, 65536);
  while (i + 9 < end) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // SOF0–SOF15 carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (jpeg[i + 5] << 8) | jpeg[i + 6];
      const width = (jpeg[i + 7] << 8) | jpeg[i + 8];
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda) return null; // scan data before any frame header
    i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
  }
  return null;
}

/**
 * The smallest size JPEG decoders can produce directly (the source scaled by n/8, n = 1…8: libjpeg's
 * DCT scaling) that still covers `shown` device pixels, so nothing is enlarged on screen. A picture shown
 * at 365×274 on an 800×480 kiosk from a 640×480 camera decodes at 400×300: 61 % fewer pixels to decode,
 * convert and composite.
 */
export function decodeSize(source: Size, shown: Size): Size {
  const eighths = Math.ceil(8 * Math.max(shown.width / source.width, shown.height / source.height) - 1e-9);
  const n = Math.min(8, Math.max(1, eighths));
  return { width: Math.ceil((source.width * n) / 8), height: Math.ceil((source.height * n) / 8) };
}
