/** Counters the stream routes keep for `/metrics`. */
export interface StreamStats {
  /** `/events` requests refused with 503. */
  sseRejected: number;
  /** `/events` streams closed because the client stopped reading. */
  sseOverflows: number;
  /** Current `/events` streams. */
  sseClients: number;
  /** Current `/stream.mjpg` viewers. */
  mjpegViewers: number;
  /** MJPEG frames skipped for slow or capped viewers. */
  mjpegSkipped: number;
  /** MJPEG frames written to viewers. */
  mjpegSent: number;
}

export function newStreamStats(): StreamStats {
  return { sseRejected: 0, sseOverflows: 0, sseClients: 0, mjpegViewers: 0, mjpegSkipped: 0, mjpegSent: 0 };
}
