import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  defaultSettings,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  settingsSchema,
} from '../../shared/settings';
import { StorageError } from '../events/storage-error';
import { describeZodError, type ZodReason, zodReason } from './zod-reason';

/** A settings change that was refused; the message is one line naming the field, `reason` the same for machines. */
export class SettingsError extends Error {
  constructor(
    message: string,
    readonly reason: ZodReason = { field: null, code: 'invalid' },
  ) {
    super(message);
  }
}

interface SettingsStoreEvents {
  change: [Settings, Settings];
}

/**
 * The current settings: defaults, overlaid by the config file, overlaid by what was changed at
 * runtime (persisted as `settings.json` in the data dir, so runtime changes survive restarts).
 */
export class SettingsStore extends EventEmitter<SettingsStoreEvents> {
  #current: Settings;
  #saved: SettingsPatch;
  #writing: Promise<void> = Promise.resolve();
  /** An update was saved since start-up (even an empty one: how a setup guide says it is finished). */
  #written = false;

  private constructor(
    private readonly file: string,
    private readonly base: Settings,
    saved: SettingsPatch,
    private readonly log: Logger,
    /** True when the data dir had no saved settings at start-up (a new install). */
    readonly firstRun = false,
  ) {
    super();
    this.#saved = saved;
    this.#current = settingsSchema.parse({ ...base, ...saved });
  }

  /** @param initial settings from the config file (validated there). */
  static async open(dataDir: string, initial: SettingsPatch, log: Logger): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'settings.json');
    const base = settingsSchema.parse({ ...defaultSettings, ...initial });
    let saved: SettingsPatch = {};
    let firstRun = false;
    try {
      const parsed = settingsPatchSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) saved = parsed.data;
    } catch (err) {
      // No saved settings yet, or unreadable: start from the config file and defaults.
      firstRun = (err as NodeJS.ErrnoException).code === 'ENOENT';
    }
    return new SettingsStore(file, base, saved, log, firstRun);
  }

  /**
   * True until the first accepted update of a new install is saved. An empty update (`{}`) counts: it
   * writes `settings.json`, so a dashboard's setup guide can end the first run without pinning a value.
   */
  get neverSaved(): boolean {
    return this.firstRun && !this.#written;
  }

  get(): Settings {
    return this.#current;
  }

  /**
   * Validates a partial update, saves it, and only then applies it and emits `change`. Rejects with a
   * SettingsError for bad input, or a StorageError when `settings.json` cannot be written: a change that
   * could not be saved is not applied, so what runs is always what a restart would run.
   */
  update(patch: unknown): Promise<Settings> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      return Promise.reject(new SettingsError('settings must be a JSON object'));
    }
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success)
      return Promise.reject(new SettingsError(describeZodError(parsed.error), zodReason(parsed.error)));
    // Changes are saved one after another, each on top of the last one that was saved.
    const done = this.#writing.then(async () => {
      const saved = { ...this.#saved, ...parsed.data };
      try {
        await writeAtomically(this.file, `${JSON.stringify(saved, null, 2)}\n`);
      } catch (err) {
        const error = StorageError.from(err, this.file);
        this.log.error({ path: error.path, code: error.code }, `settings not saved: ${error.message}`);
        throw error;
      }
      const previous = this.#current;
      this.#saved = saved;
      this.#written = true;
      this.#current = settingsSchema.parse({ ...this.base, ...saved });
      this.emit('change', this.#current, previous);
      return this.#current;
    });
    this.#writing = done.then(
      () => {},
      () => {},
    );
    return done;
  }

  /** Resolves once every accepted change is on disk. */
  flush(): Promise<void> {
    return this.#writing;
  }
}

/** Writes a temporary file and renames it over the old one; a failed write leaves the old file and no temporary. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}
