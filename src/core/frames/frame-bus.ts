import type { Frame } from './frame';

export type FrameListener = (frame: Frame) => void;

/**
 * Holds the latest frame of one camera and hands every new frame to its subscribers
 * (detector, MJPEG viewers). Subscribers run synchronously on the capture path, so they
 * must be quick or hand off; a throwing subscriber does not starve the others.
 */
export class FrameBus {
  #latest: Frame | null = null;
  /** Frames published so far. */
  published = 0;
  readonly #listeners = new Set<FrameListener>();

  /** @param onError receives what a subscriber threw; default: ignore. */
  constructor(
    readonly camera: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** The most recent frame, or null before the first one. */
  get latest(): Frame | null {
    return this.#latest;
  }

  publish(frame: Frame): void {
    this.#latest = frame;
    this.published++;
    for (const listener of this.#listeners) {
      try {
        listener(frame);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: FrameListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }
}
