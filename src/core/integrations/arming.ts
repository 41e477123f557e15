import { EventEmitter } from 'node:events';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type ArmingSchedule,
  armingScheduleSchema,
  emptySchedule,
  inSchedule,
  nextEdge,
} from './arming-schedule';

const savedSchema = z.object({ armed: z.boolean(), schedule: armingScheduleSchema }).strict();

/** What the API, MQTT, the dashboard and the kiosk show. */
export interface ArmingState {
  /** The manual switch. */
  armed: boolean;
  schedule: ArmingSchedule;
  /** Detection runs now: armed and inside the detection schedule. */
  detecting: boolean;
  /** Notifications go out now: inside the notification schedule (not quiet hours). */
  notifying: boolean;
  /**
   * Unix seconds when the detection schedule next switches `detecting` (e.g. "disarmed until 07:00"); null when
   * it never will by itself: disarmed by hand, or no detection windows.
   */
  until: number | null;
}

/**
 * The manual arm switch and the weekly schedule, kept in `<dataDir>/arming.json`. Emits `change`
 * with the new state when either changes, or when the schedule crosses a window edge (checked
 * each minute).
 */
export class Arming extends EventEmitter<{ change: [ArmingState] }> {
  #armed = true;
  #schedule: ArmingSchedule = emptySchedule;
  #last = '';
  readonly #timer: NodeJS.Timeout;
  #saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly log: Logger,
    private readonly clock: () => Date,
  ) {
    super();
    this.#timer = setInterval(() => this.#emitIfChanged(), 30_000);
    this.#timer.unref();
  }

  static async open(dataDir: string, log: Logger, clock: () => Date = () => new Date()): Promise<Arming> {
    const arming = new Arming(join(dataDir, 'arming.json'), log, clock);
    try {
      const saved = savedSchema.safeParse(JSON.parse(await readFile(arming.file, 'utf8')));
      if (saved.success) {
        arming.#armed = saved.data.armed;
        arming.#schedule = saved.data.schedule;
      } else log.warn({ file: arming.file }, 'arming: saved state invalid; using the defaults');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn({ err }, 'arming: cannot read saved state');
    }
    arming.#last = JSON.stringify(arming.state);
    return arming;
  }

  get state(): ArmingState {
    const now = this.clock();
    const edge = this.#armed ? nextEdge(this.#schedule.detection, now) : null;
    return {
      armed: this.#armed,
      schedule: this.#schedule,
      detecting: this.#armed && inSchedule(this.#schedule.detection, now),
      notifying: inSchedule(this.#schedule.notifications, now),
      until: edge ? edge.getTime() / 1000 : null,
    };
  }

  /** Detection runs now; read on each motion start, so it must be cheap. */
  get detecting(): boolean {
    return this.#armed && inSchedule(this.#schedule.detection, this.clock());
  }

  get notifying(): boolean {
    return inSchedule(this.#schedule.notifications, this.clock());
  }

  setArmed(armed: boolean): ArmingState {
    this.#armed = armed;
    return this.#changed();
  }

  /** Replaces the schedule; throws an Error with a one-line reason on invalid input. */
  setSchedule(input: unknown): ArmingState {
    const parsed = armingScheduleSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`schedule${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message}`);
    }
    this.#schedule = parsed.data;
    return this.#changed();
  }

  /** Waits for pending writes. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#saving;
  }

  #changed(): ArmingState {
    const body = JSON.stringify({ armed: this.#armed, schedule: this.#schedule });
    this.#saving = this.#saving.then(async () => {
      try {
        await writeFile(`${this.file}.tmp`, body);
        await rename(`${this.file}.tmp`, this.file);
      } catch (err) {
        this.log.error({ err }, 'arming: cannot save');
      }
    });
    this.#emitIfChanged();
    return this.state;
  }

  #emitIfChanged(): void {
    const state = this.state;
    const json = JSON.stringify(state);
    if (json === this.#last) return;
    this.#last = json;
    this.emit('change', state);
  }
}
