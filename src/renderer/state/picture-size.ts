import type { Size } from '../../shared/jpeg-size';

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
