import { z } from 'zod';
import { objectLabels } from './labels';
import { defaultRecordingSettings, recordingFields } from './recording-settings';

/** A polygon in 0..1 image coordinates; changes inside it are ignored by the detector. */
export const maskSchema = z
  .array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]))
  .min(3, 'a mask needs at least 3 points')
  .max(64, 'a mask has at most 64 points');

const labelScoreFields = Object.fromEntries(
  objectLabels.map((label) => [label, z.number().min(0.05).max(1)]),
) as Record<(typeof objectLabels)[number], z.ZodNumber>;

/**
 * Detection and capture settings, editable at runtime through `PUT /api/settings`.
 * Units are in each field's doc; defaults (from the design brief) in `defaultSettings`.
 * Fields carry no zod defaults, so that a partial update stays partial.
 */
const settingsFields = {
  /** Percent of analysed pixels that must change for a frame to count as moving. Default 2.0. */
  threshold: z.number().min(0.01).max(100),
  /** Per-pixel gray difference (0..255) below which a pixel counts as unchanged. Default 25. */
  noiseLevel: z.number().int().min(1).max(255),
  /** Consecutive moving frames before a motion event starts. Default 2. */
  minimumMotionFrames: z.number().int().min(1).max(1000),
  /** Seconds of stillness that end an event; 0 = every triggering frame is its own event. Default 5. */
  eventGap: z.number().min(0).max(3600),
  /** Percent of pixels changing at once that means a lighting change, not motion; 0 = off. Default 60. */
  lightswitchPercent: z.number().min(0).max(100),
  /** Ignored areas. Default none. */
  masks: z.array(maskSchema).max(32),
  /**
   * Share (0..1) of each analysed frame blended into the running-average background:
   * background = (1 - rate) * background + rate * frame. The background's time constant is about
   * 1 / (rate * fps) seconds: 0.7 s at 30 fps with the default. Lower follows slow objects longer but
   * slow lighting drift less well. Default 0.05.
   */
  backgroundRate: z.number().min(0.001).max(1),
  /** Box-blur radius in analysed pixels before differencing (0 = off, 1 = 3x3, 2 = 5x5); suppresses sensor noise. Default 1. */
  blurRadius: z.number().int().min(0).max(5),
  /** Width in pixels of the gray frame the detector analyses. Default 160. */
  analysisWidth: z.number().int().min(32).max(1280),
  /** Capture width in pixels. Default 640. */
  captureWidth: z.number().int().min(64).max(4096),
  /** Capture height in pixels. Default 480. */
  captureHeight: z.number().int().min(48).max(4096),
  /** Capture frame rate. Default 30. */
  frameRate: z.number().int().min(1).max(120),
  /** Object labels on motion (person, cat, …) by a model in a worker thread; off loads nothing. Default true. */
  labels: z.boolean(),
  /** Most pictures per second sent to the label model during a motion event. Default 1 (docs/labels.md, "Speed"). */
  labelRate: z.number().min(0.1).max(10),
  /** Per label, the lowest model score (0..1) that counts as that label. Defaults in `defaultSettings`. */
  labelMinScores: z.object(labelScoreFields).strict(),
  /** Labels that alert (a `motion-label` with `notify: true`); other labels are only recorded. Default person, cat, dog. */
  notifyLabels: z.array(z.enum(objectLabels)).max(objectLabels.length),
  ...recordingFields,
};

export const settingsSchema = z.object(settingsFields).strict();
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update as sent by `PUT /api/settings`. */
export const settingsPatchSchema = z.object(settingsFields).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultSettings: Settings = {
  threshold: 2.0,
  noiseLevel: 25,
  minimumMotionFrames: 2,
  eventGap: 5,
  lightswitchPercent: 60,
  masks: [],
  backgroundRate: 0.05,
  blurRadius: 1,
  analysisWidth: 160,
  captureWidth: 640,
  captureHeight: 480,
  frameRate: 30,
  labels: true,
  labelRate: 1,
  // Measured on the clip set (docs/labels.md): people score 0.4-0.7, the cup's and the weather's
  // spurious person boxes stay under 0.3.
  labelMinScores: {
    person: 0.35,
    cat: 0.25,
    dog: 0.35,
    bird: 0.35,
    car: 0.35,
    bicycle: 0.35,
    motorcycle: 0.35,
  },
  notifyLabels: ['person', 'cat', 'dog'],
  ...defaultRecordingSettings,
};
