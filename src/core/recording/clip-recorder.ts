import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { HubMessage, MotionEnd } from '../../shared/events';
import type { ClipIndex, ClipInfo, StorageState } from '../../shared/recording';
import type { Settings } from '../../shared/settings';
import type { EventHub } from '../events/event-hub';
import { sqliteNativeBinding } from '../events/native-binding';
import type { FrameBus } from '../frames/frame-bus';
import { CameraRecorder } from './camera-recorder';
import { ClipDb, clipInfo } from './clip-db';
import { type ClipFrame, readClipIndex } from './clip-index';
import { CLIP_DATA, CLIP_INDEX } from './clip-writer';
import { type ExportResult, Mp4Exporter } from './mp4-export';
import { BEST_PICTURE, BOXES } from './recording';
import { recoverInterrupted } from './recover';
import { RecordingStorage } from './storage';

export interface ClipRecorderOptions {
  /** The data dir; recordings go to `<dataDir>/recordings/<event id>/`. */
  dataDir: string;
  hub: EventHub;
  buses: FrameBus[];
  settings: () => Settings;
  ffmpeg: string;
  log: Logger;
  /** How often retention and the free-space reserve are checked, in ms. Default 10,000. */
  storageCheckMs?: number;
}

/**
 * Recording, as one subscriber of its own: each camera's FrameBus feeds a CameraRecorder, the EventHub
 * tells it when events start and end (and, through `level`, where the motion is). Not part of the
 * detector or the camera: with it gone, detection and events are unchanged.
 */
export class ClipRecorder {
  readonly root: string;
  readonly #opts: ClipRecorderOptions;
  readonly #db: ClipDb;
  readonly #cameras: CameraRecorder[];
  readonly #storage: RecordingStorage;
  readonly #exporter: Mp4Exporter;
  readonly #offs: (() => void)[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(opts: ClipRecorderOptions) {
    this.#opts = opts;
    this.root = join(opts.dataDir, 'recordings');
    mkdirSync(this.root, { recursive: true });
    this.#db = new ClipDb(opts.dataDir, sqliteNativeBinding());
    this.#storage = new RecordingStorage(this.root, this.#db, opts.settings, opts.log);
    this.#exporter = new Mp4Exporter({
      ffmpeg: opts.ffmpeg,
      log: opts.log,
      onMade: (eventId, bytes) => {
        const row = this.#db.get(eventId);
        if (row) this.#db.put({ ...row, bytes: row.bytes + bytes });
      },
    });
    this.#cameras = opts.buses.map(
      (bus) =>
        new CameraRecorder({
          bus,
          root: this.root,
          db: this.#db,
          settings: opts.settings,
          refusal: () => this.#storage.state.problem,
          onFinished: () => this.#enforce(),
          log: opts.log,
        }),
    );
    this.#offs.push(opts.hub.observe((message) => this.#onMessage(message)));
    this.#offs.push(opts.hub.addEndDetails((motionId) => this.#endDetails(motionId)));
    this.#timer = setInterval(() => this.#enforce(), opts.storageCheckMs ?? 10_000);
    this.#timer.unref();
  }

  /** Repairs recordings left open by a crash, then applies retention once. */
  async start(): Promise<void> {
    await recoverInterrupted(this.root, this.#db, this.#opts.log);
    await this.#storage.enforce(this.#active());
  }

  get storage(): StorageState {
    return this.#storage.state;
  }

  /** An event's recording as the API shows it, or null when it has none. */
  describe(eventId: number): ClipInfo | null {
    const row = this.#db.get(eventId);
    return row ? clipInfo(row) : null;
  }

  /** The clip file and its frames, or the reason there is none. */
  async clip(eventId: number): Promise<{ path: string; frames: ClipFrame[] } | { missing: string }> {
    const row = this.#db.get(eventId);
    if (!row) return { missing: `event ${eventId} has no recording` };
    if (row.bytes === 0 || row.frames === 0)
      return { missing: row.reason ?? `the clip of event ${eventId} is empty` };
    const dir = join(this.root, String(eventId));
    const frames = await readClipIndex(join(dir, CLIP_INDEX), join(dir, CLIP_DATA));
    if (frames.length === 0) return { missing: `the clip of event ${eventId} is missing on disk` };
    return { path: join(dir, CLIP_DATA), frames };
  }

  /** What a player needs to seek in the clip. */
  async index(eventId: number): Promise<ClipIndex | { missing: string }> {
    const clip = await this.clip(eventId);
    if ('missing' in clip) return clip;
    const info = this.describe(eventId) as ClipInfo;
    const boxes = await readFile(join(this.root, String(eventId), BOXES), 'utf8')
      .then((text) => JSON.parse(text) as ClipIndex['boxes'])
      .catch(() => this.#cameras.flatMap((c) => c.recording(eventId)?.boxes ?? []));
    return {
      ...info,
      frames: clip.frames.length,
      offsets: clip.frames.map((f) => f.offset),
      lengths: clip.frames.map((f) => f.length),
      times: clip.frames.map((f) => f.ts / 1000),
      boxes,
    };
  }

  /** The best picture's file, when one was chosen. */
  bestPicturePath(eventId: number): string | null {
    const path = join(this.root, String(eventId), BEST_PICTURE);
    return existsSync(path) ? path : null;
  }

  /** The MP4 when made, else starts or reports making it; refused while still recording. */
  async exportMp4(eventId: number): Promise<ExportResult | { missing: string } | { busy: string }> {
    if (this.#db.get(eventId)?.state === 'recording')
      return { busy: `event ${eventId} is still being recorded` };
    const clip = await this.clip(eventId);
    if ('missing' in clip) return clip;
    return this.#exporter.request(eventId, join(this.root, String(eventId)), clip.frames);
  }

  /** Events with a playable clip, or one being recorded (the `hasClip` filter of the history). */
  withClip(): number[] {
    return this.#db.withClip();
  }

  /** Deletes an event's recording (files and row); refused while it is recorded or exported. */
  async remove(eventId: number): Promise<{ busy: string } | null> {
    const row = this.#db.get(eventId);
    if (row?.state === 'recording') return { busy: `event ${eventId} is still being recorded` };
    if (this.#exporter.encoding(eventId)) return { busy: `the MP4 of event ${eventId} is being made` };
    await rm(join(this.root, String(eventId)), { recursive: true, force: true });
    this.#db.remove(eventId);
    this.#enforce();
    return null;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const off of this.#offs) off();
    await Promise.all(this.#cameras.map((camera) => camera.stop()));
    await this.#exporter.settle();
    this.#db.close();
  }

  #onMessage(message: HubMessage): void {
    // New limits are applied at once, not at the next periodic check.
    if (message.type === 'settings') {
      this.#enforce();
      return;
    }
    if (message.type === 'health' || message.type === 'arming' || message.type === 'reviewed') return;
    const recorder = this.#cameras.find((c) => c.camera === message.data.camera);
    if (!recorder) return;
    if (message.type === 'motion') recorder.onMotion(message.data);
    else if (message.type === 'motion-end') recorder.onMotionEnd(message.data);
    else if (message.type === 'motion-label') recorder.onLabel(message.data);
    else if (message.type === 'level')
      recorder.onLevel(message.data.ts, message.data.box ?? null, message.data.active);
  }

  #endDetails(motionId: number): Partial<Pick<MotionEnd, 'snapshot' | 'clip'>> {
    const recording = this.#cameras.map((c) => c.recording(motionId)).find((r) => r !== null);
    if (!recording) return {};
    recording.flushBestSync();
    const best = recording.best
      ? { snapshot: `/api/events/${motionId}/snapshot.jpg?best=${recording.best.ts}` }
      : {};
    return { ...best, clip: `/api/events/${motionId}/clip` };
  }

  #active(): Set<number> {
    return new Set(this.#cameras.map((c) => c.activeId).filter((id) => id !== null));
  }

  #enforce(): void {
    this.#storage.enforce(this.#active()).catch(() => {});
  }
}
