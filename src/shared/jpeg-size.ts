/** Width and height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * The size a JPEG's frame header (SOF) declares, or null when it has none before its scan data. Walks
 * the marker segments by their lengths, so it reads a few dozen bytes however large the picture. Used by
 * the label worker (to crop) and the dashboard (to decode a frame at the size it is shown).
 */
export function jpegSize(jpeg: Uint8Array): Size | null {
  let i = 2; // after SOI
  while (i + 9 < jpeg.length) {
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
