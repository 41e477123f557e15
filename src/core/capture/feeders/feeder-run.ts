import type { GrayPicture } from '../../frames/frame';
import type { LocalGrayDecoder } from '../decoding/local-gray-decoder';
import type { CaptureRun, Feeder, RunEnd } from '../pipeline';

/**
 * How long after a feeder's input ends its own exit message may still come (a program's stdout
 * closes just before it exits): that message says more than "input ended".
 */
const END_GRACE_MS = 200;

/**
 * Wanted JPEGs in a row that cannot be decoded before the run ends saying so: a camera whose every
 * picture fails would otherwise only show no frames, and the watchdog would blame silence.
 */
const UNDECODABLE_LIMIT = 30;

/**
 * A feeder's capture with no ffmpeg: each JPEG becomes a frame at once, its gray copy made in this
 * process when detection wants it (`wantsGray`), else later on request (`decode`).
 */
export class FeederRun implements CaptureRun {
  #ended = false;
  #failedInARow = 0;

  constructor(
    private readonly feeder: Feeder,
    private readonly decoder: LocalGrayDecoder,
    onPicture: (jpeg: Buffer, image: GrayPicture | null) => void,
    private readonly onEnd: (end: RunEnd) => void,
    /** Whether the next frame's gray copy is wanted. Default: always. */
    wantsGray: () => boolean = () => true,
  ) {
    feeder.start(
      {
        write: (jpeg) => {
          if (this.#ended) return;
          if (!wantsGray()) {
            onPicture(jpeg, null);
            return;
          }
          // A JPEG that does not decode (cut short) is dropped, as ffmpeg's pairing drops it.
          const image = decoder.decode(jpeg);
          if (image) {
            this.#failedInARow = 0;
            onPicture(jpeg, image);
          } else if (++this.#failedInARow === UNDECODABLE_LIMIT) {
            this.fail(`${UNDECODABLE_LIMIT} JPEGs in a row could not be decoded (${decoder.lastError})`);
          }
        },
        end: () => {
          setTimeout(() => this.#finish({ finished: true, stderr: [] }), END_GRACE_MS).unref();
        },
      },
      (message) => this.fail(message),
    );
  }

  decode(jpeg: Buffer): Promise<GrayPicture | null> {
    return Promise.resolve(this.#ended ? null : this.decoder.decode(jpeg));
  }

  fail(message: string): void {
    this.#finish({ finished: false, message, stderr: [] });
  }

  async stop(): Promise<void> {
    this.#ended = true;
    await this.feeder.stop();
  }

  #finish(end: RunEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    void this.feeder.stop();
    this.onEnd(end);
  }
}
