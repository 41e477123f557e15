const SOI = Buffer.from([0xff, 0xd8]);

/** Where the parser is inside the byte stream; the order matters (>= Marker means inside a frame). */
const State = {
  /** Outside a frame, looking for 0xFF 0xD8. */
  Seek: 0,
  /** Saw 0xFF while seeking. */
  SeekFF: 1,
  /** Inside the header, expecting the 0xFF of the next marker. */
  Marker: 2,
  /** Read 0xFF (and maybe fill bytes); the next byte is the marker code. */
  MarkerCode: 3,
  LengthHigh: 4,
  LengthLow: 5,
  /** Skipping a segment's payload. */
  Skip: 6,
  /** Inside entropy-coded data after SOS. */
  Entropy: 7,
  /** Saw 0xFF inside entropy-coded data. */
  EntropyFF: 8,
} as const;

export interface MjpegSplitterOptions {
  /** Frames larger than this are dropped and the splitter resynchronises. Default 16 MiB. */
  maxFrameBytes?: number;
}

/**
 * Cuts a byte stream of concatenated JPEGs into whole JPEGs, whatever the chunk boundaries.
 * It walks the marker segments by their lengths up to SOS (so an EXIF thumbnail, a JPEG inside
 * APP1, cannot end a frame early), then scans the entropy-coded data for EOI, skipping 0xFF00
 * stuffing and RST markers; further scans (progressive JPEG) go back to segment parsing.
 * Garbage between frames is discarded; memory is bounded by `maxFrameBytes`. A frame that lies
 * inside one chunk is handed on as a view of that chunk, so chunks must not be reused after `push`
 * (stream reads never are).
 */
export class MjpegSplitter {
  readonly #maxFrameBytes: number;
  #state: number = State.Seek;
  #parts: Buffer[] = [];
  #size = 0;
  /** Code of the segment being read. */
  #marker = 0;
  #skip = 0;
  /** The frame's SOI is in the chunk being read, at `start - 2`: a frame inside one chunk needs no copy. */
  #soiHere = false;
  /** Frames dropped for being too large or cut short by a new SOI. */
  dropped = 0;

  constructor(
    private readonly onFrame: (jpeg: Buffer) => void,
    options: MjpegSplitterOptions = {},
  ) {
    this.#maxFrameBytes = options.maxFrameBytes ?? 16 * 1024 * 1024;
  }

  push(chunk: Buffer): void {
    let start = this.#state >= State.Marker ? 0 : -1;
    this.#soiHere = false;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      switch (this.#state) {
        case State.Seek: {
          const ff = chunk.indexOf(0xff, i);
          if (ff < 0) return;
          this.#state = State.SeekFF;
          i = ff + 1;
          break;
        }
        case State.SeekFF:
          this.#state = chunk[i] === 0xd8 ? State.Marker : chunk[i] === 0xff ? State.SeekFF : State.Seek;
          i++;
          if (this.#state === State.Marker) {
            start = this.#begin(i);
            this.#soiHere = i >= 2;
          }
          break;
        case State.Marker:
          // Anything but a marker here means the header is corrupt: drop the frame.
          if (chunk[i] === 0xff) this.#state = State.MarkerCode;
          else this.#abandon();
          i++;
          break;
        case State.MarkerCode:
        case State.EntropyFF: {
          const code = chunk[i++];
          if (code === 0xff) break; // fill byte
          if (this.#state === State.EntropyFF && (code === 0x00 || (code >= 0xd0 && code <= 0xd7))) {
            this.#state = State.Entropy; // stuffed 0xFF or restart marker: still entropy data
          } else if (code === 0xd9) {
            this.#emit(chunk, start, i);
            start = -1;
          } else if (code === 0xd8) {
            this.dropped++; // a new frame started before this one ended
            start = this.#begin(i);
            this.#soiHere = i >= 2;
          } else if (code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
            this.#state = State.Marker; // markers without a length
          } else {
            this.#marker = code;
            this.#state = State.LengthHigh;
          }
          break;
        }
        case State.LengthHigh:
          this.#skip = chunk[i++] << 8;
          this.#state = State.LengthLow;
          break;
        case State.LengthLow: {
          const length = this.#skip | chunk[i++];
          if (length < 2) {
            this.#abandon();
            break;
          }
          this.#skip = length - 2;
          this.#state = this.#skip > 0 ? State.Skip : this.#afterSegment();
          break;
        }
        case State.Skip: {
          const take = Math.min(this.#skip, n - i);
          this.#skip -= take;
          i += take;
          if (this.#skip === 0) this.#state = this.#afterSegment();
          break;
        }
        case State.Entropy: {
          const ff = chunk.indexOf(0xff, i);
          if (ff < 0) {
            i = n;
          } else {
            this.#state = State.EntropyFF;
            i = ff + 1;
          }
          break;
        }
      }
    }
    if (start >= 0 && this.#state >= State.Marker) this.#keep(chunk.subarray(start));
  }

  /** After SOS's header comes entropy-coded data; after any other segment, another marker. */
  #afterSegment(): number {
    return this.#marker === 0xda ? State.Entropy : State.Marker;
  }

  /** Starts a frame whose SOI ended just before `i`; returns where its bytes start in the chunk. */
  #begin(i: number): number {
    this.#parts = [SOI];
    this.#size = SOI.length;
    this.#state = State.Marker;
    return i;
  }

  #keep(part: Buffer): void {
    this.#size += part.length;
    if (this.#size > this.#maxFrameBytes) {
      this.dropped++;
      this.#abandon();
      return;
    }
    this.#parts.push(part);
  }

  #emit(chunk: Buffer, start: number, end: number): void {
    // A whole frame inside the chunk is handed on as a view of it: no copy, no new memory.
    const whole = this.#soiHere && this.#parts.length === 1;
    const jpeg = whole
      ? chunk.subarray(start - 2, end)
      : Buffer.concat([...this.#parts, chunk.subarray(start, end)]);
    this.#parts = [];
    this.#size = 0;
    this.#state = State.Seek;
    if (jpeg.length <= this.#maxFrameBytes) this.onFrame(jpeg);
    else this.dropped++;
  }

  #abandon(): void {
    this.#parts = [];
    this.#size = 0;
    this.#state = State.Seek;
  }
}
