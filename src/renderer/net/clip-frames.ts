import type { ClipIndex } from '../../shared/recording';

/** Frames fetched per range request: about a second of video at 30 fps. */
const CHUNK = 30;
/** Decoded chunks kept (a 640x480 frame is 1.2 MB decoded): the least recently shown go first. */
const KEPT_CHUNKS = 4;

/**
 * Loads an event's clip frame by frame for the player: `GET …/clip.json` once, then HTTP range requests
 * of about a second each, as playback or scrubbing reaches them. A few decoded chunks are kept as
 * ImageBitmaps, so a two-minute clip does not hold gigabytes of pixels.
 */
export class ClipFrames {
  readonly #base: string;
  /** Decoded chunks in least-recently-used order (a Map keeps insertion order). */
  readonly #chunks = new Map<number, ImageBitmap[]>();
  readonly #pending = new Map<number, Promise<void>>();
  #closed = false;

  private constructor(
    base: string,
    readonly index: ClipIndex,
  ) {
    this.#base = base;
  }

  /** `eventId`'s clip index; throws with the server's reason when it has no playable clip. */
  static async open(eventId: number): Promise<ClipFrames> {
    const base = `api/events/${eventId}/clip`;
    const res = await fetch(`${base}.json`);
    const body = await res.json();
    if (!res.ok) throw new Error((body as { error?: string }).error ?? `HTTP ${res.status}`);
    return new ClipFrames(base, body as ClipIndex);
  }

  get count(): number {
    return this.index.offsets.length;
  }

  /** Seconds from the first frame to frame `i`. */
  timeOf(i: number): number {
    return this.index.times[i] - this.index.times[0];
  }

  /** The last frame at or before `seconds` into the clip. */
  frameAt(seconds: number): number {
    const target = this.index.times[0] + seconds;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.index.times[mid] <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Frame `i` when loaded; otherwise starts loading its chunk and returns null. */
  bitmap(i: number): ImageBitmap | null {
    const chunk = Math.floor(i / CHUNK);
    const bitmaps = this.#chunks.get(chunk);
    if (!bitmaps) {
      void this.load(i);
      return null;
    }
    this.#chunks.delete(chunk);
    this.#chunks.set(chunk, bitmaps);
    return bitmaps[i - chunk * CHUNK] ?? null;
  }

  /** Loads the chunk holding frame `i` (and resolves when it is there). */
  load(i: number): Promise<void> {
    const chunk = Math.floor(i / CHUNK);
    let pending = this.#pending.get(chunk);
    if (!pending) {
      pending = this.#fetchChunk(chunk)
        .catch(() => {})
        .finally(() => this.#pending.delete(chunk));
      this.#pending.set(chunk, pending);
    }
    return pending;
  }

  /** The motion box nearest frame `i` in time (within half a second), for the overlay. */
  boxAt(i: number): ClipIndex['boxes'][number]['box'] {
    const ts = this.index.times[i];
    let best: ClipIndex['boxes'][number] | null = null;
    for (const sample of this.index.boxes) {
      if (!best || Math.abs(sample.ts - ts) < Math.abs(best.ts - ts)) best = sample;
    }
    return best && Math.abs(best.ts - ts) <= 0.5 ? best.box : null;
  }

  close(): void {
    this.#closed = true;
    for (const bitmaps of this.#chunks.values()) for (const bitmap of bitmaps) bitmap.close();
    this.#chunks.clear();
  }

  async #fetchChunk(chunk: number): Promise<void> {
    const first = chunk * CHUNK;
    const last = Math.min(this.count, first + CHUNK) - 1;
    const { offsets, lengths } = this.index;
    const start = offsets[first];
    const end = offsets[last] + lengths[last] - 1;
    const res = await fetch(this.#base, { headers: { Range: `bytes=${start}-${end}` } });
    if (res.status !== 206 && res.status !== 200) throw new Error(`HTTP ${res.status}`);
    const bytes = await res.arrayBuffer();
    // A server that ignored the range sent the whole clip: slice from the file's own offsets then.
    const base = res.status === 206 ? start : 0;
    const bitmaps: ImageBitmap[] = [];
    for (let i = first; i <= last; i++) {
      const jpeg = bytes.slice(offsets[i] - base, offsets[i] - base + lengths[i]);
      bitmaps.push(await createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' })));
    }
    if (this.#closed) {
      for (const bitmap of bitmaps) bitmap.close();
      return;
    }
    this.#chunks.set(chunk, bitmaps);
    while (this.#chunks.size > KEPT_CHUNKS) {
      const [oldest, old] = this.#chunks.entries().next().value as [number, ImageBitmap[]];
      this.#chunks.delete(oldest);
      for (const bitmap of old) bitmap.close();
    }
  }
}
