import { open, readFile, stat } from 'node:fs/promises';

/**
 * The clip format: `clip.mjpeg` holds the camera's JPEGs back to back (itself a valid MJPEG stream, so
 * `ffmpeg -f mjpeg` reads it as it is), and `clip.idx` holds one fixed-size record per frame, appended
 * after the frame's bytes reached the data file: offset (float64, exact to 2^53), length (uint32) and
 * capture time in Unix ms (float64). A crash can only leave a torn last record or data past the last
 * record; `readClipIndex` drops both, so a clip is always playable up to the last frame written.
 */
export const RECORD_BYTES = 20;

/** One frame of a clip. */
export interface ClipFrame {
  offset: number;
  length: number;
  /** Capture time, Unix milliseconds. */
  ts: number;
}

export function encodeRecord(frame: ClipFrame, into: Buffer, at: number): void {
  into.writeDoubleLE(frame.offset, at);
  into.writeUInt32LE(frame.length, at + 8);
  into.writeDoubleLE(frame.ts, at + 12);
}

/** Decodes whole records; a torn tail is ignored. */
export function decodeIndex(bytes: Buffer): ClipFrame[] {
  const frames: ClipFrame[] = [];
  for (let at = 0; at + RECORD_BYTES <= bytes.length; at += RECORD_BYTES) {
    frames.push({
      offset: bytes.readDoubleLE(at),
      length: bytes.readUInt32LE(at + 8),
      ts: bytes.readDoubleLE(at + 12),
    });
  }
  return frames;
}

/**
 * Frames of a clip whose bytes are all in the data file, the last of them checked to start with a JPEG
 * marker (what a crash mid-write can break). Missing files give an empty list.
 */
export async function readClipIndex(indexPath: string, dataPath: string): Promise<ClipFrame[]> {
  const [index, size] = await Promise.all([
    readFile(indexPath).catch(() => Buffer.alloc(0)),
    stat(dataPath).then(
      (s) => s.size,
      () => 0,
    ),
  ]);
  const frames = decodeIndex(index);
  let valid = frames.findIndex((frame) => frame.length < 4 || frame.offset + frame.length > size);
  if (valid < 0) valid = frames.length;
  if (valid === 0) return [];
  const handle = await open(dataPath, 'r');
  try {
    const marker = Buffer.alloc(2);
    // Records are appended only after their bytes were written, so only the tail can be damaged.
    while (valid > 0) {
      await handle.read(marker, 0, 2, frames[valid - 1].offset);
      if (marker[0] === 0xff && marker[1] === 0xd8) break;
      valid--;
    }
  } finally {
    await handle.close();
  }
  return frames.slice(0, valid);
}
