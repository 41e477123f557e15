import type { BoundingBox } from '../../shared/events';
import type { ObjectLabel } from '../../shared/labels';
import type { Backend } from '../motion/backend';

/** What the label worker is started with. */
export interface LabelWorkerData {
  /** ffmpeg executable that decodes and crops the camera JPEGs. */
  ffmpeg: string;
  /** Model input side in pixels (multiple of 32, at most 512). */
  size: number;
  /** tfjs backends to try, fastest first. */
  backends: readonly Backend[];
}

/** One picture to label: the camera JPEG and the motion box (0..1) to look in. */
export interface LabelRequest {
  seq: number;
  jpeg: Uint8Array;
  box: BoundingBox;
  /** Detections below this score are not sent back. */
  minScore: number;
}

/** A detection of a label we report, its box in 0..1 of the whole camera picture. */
export interface FoundLabel {
  label: ObjectLabel;
  score: number;
  box: BoundingBox;
}

export type LabelReply =
  | {
      seq: number;
      ok: true;
      found: FoundLabel[];
      /** Milliseconds spent decoding and cropping the JPEG, and running the model. */
      decodeMs: number;
      inferMs: number;
      backend: Backend;
      /** Bytes of model weights held by the backend. */
      modelBytes: number;
    }
  | { seq: number; ok: false; message: string };
