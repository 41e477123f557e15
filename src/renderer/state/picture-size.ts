import type { Size } from '../../shared/jpeg-size';

/**
 * On the kiosk's own screen a picture may be decoded down to 7/8 of the size it is shown at (enlarged by at
 * most 8/7): a 640×480 camera in the 800×480 kiosk's 365×274 view then decodes at 320×240, libjpeg's half
 * scale, which has a SIMD path (5/8 has none). Remote browsers are not the Pi's CPU: they are never enlarged.
 */
export const kioskLeastShare = 7 / 8;

/**
 * The smallest size JPEG decoders can produce directly (the source scaled by n/8, n = 1…8: libjpeg's
 * DCT scaling) that is at least `least` of the `shown` device pixels; with `least` 1 (the default) it
 * covers them, so nothing is enlarged on screen. A picture shown at 365×274 from a 640×480 camera decodes
 * at 400×300 (61 % fewer pixels to decode, convert and composite), or at 320×240 with `kioskLeastShare`.
 */
export function decodeSize(source: Size, shown: Size, least = 1): Size {
  const need = least * Math.max(shown.width / source.width, shown.height / source.height);
  const n = Math.min(8, Math.max(1, Math.ceil(8 * need - 1e-9)));
  return { width: Math.ceil((source.width * n) / 8), height: Math.ceil((source.height * n) / 8) };
}
