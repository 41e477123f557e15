import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  defaultSettings,
  type Settings,
  type SettingsPatch,
  settingsPatchSchema,
  settingsSchema,
} from '../../shared/settings';
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

  /** True until the first accepted change of a new install is saved. */
  get neverSaved(): boolean {
    return this.firstRun && Object.keys(this.#saved).length === 0;
  }

  get(): Settings {
    return this.#current;
  }

  /** Validates a partial update; on success applies, persists and emits `change`. Throws SettingsError. */
  update(patch: unknown): Settings {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new SettingsError('settings must be a JSON object');
    }
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new SettingsError(describeZodError(parsed.error), zodReason(parsed.error));
    const previous = this.#current;
    this.#saved = { ...this.#saved, ...parsed.data };
    this.#current = settingsSchema.parse({ ...this.base, ...this.#saved });
    const text = `${JSON.stringify(this.#saved, null, 2)}\n`;
    this.#writing = this.#writing
      .then(() => writeAtomically(this.file, text))
      .catch((err) => this.log.error({ err }, 'could not save settings; they apply until restart'));
    this.emit('change', this.#current, previous);
    return this.#current;
  }

  /** Resolves once every accepted change is on disk. */
  flush(): Promise<void> {
    return this.#writing;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}
