import { Backoff, type BackoffOptions } from './backoff';
import { RestartCount } from './restart-count';

/** Restart policy of one capture process. Every duration in milliseconds. */
export interface SupervisorOptions extends BackoffOptions {
  /** A running capture that gives no frame for this long is killed and restarted. Default 10000. */
  watchdogMs?: number;
  /** A capture online this long counts as healthy: the next failure starts the back-off again. Default 60000. */
  healthyMs?: number;
  /** From this many restarts in an hour on, every retry waits `maxDelayMs` (and the status says so). Default 10. */
  manyPerHour?: number;
}

/** What the supervisor says about its process; `ProcessSource` passes it on as its `state`. */
export interface SupervisedStatus {
  state: 'starting' | 'online' | 'offline';
  /** Why, in one line (offline: the reason and when the next attempt is). */
  message?: string;
  /** Unix seconds of the next attempt, while waiting for it. */
  retryAt?: number;
  restarts: number;
  restartsLastHour: number;
  /** Last lines the process wrote to stderr before it stopped, oldest first. */
  stderr: string[];
}

/** What the supervisor drives: the source's own attempt and kill. */
export interface Supervised {
  /** Starts one attempt (plan, spawn); reports back through `frame`, `failed`, `finished`. */
  attempt(): void;
  /** Kills the running attempt with this reason (the watchdog); it then reports `failed`. */
  kill(reason: string): void;
  onStatus(status: SupervisedStatus): void;
}

/**
 * Owns the restart policy of one capture process: a watchdog on frames, exponential back-off with
 * jitter up to a cap, back to the first delay after a healthy run, restart counts per hour, and the
 * stderr of the last failure. It never gives up: past `manyPerHour` restarts it retries at the cap.
 */
export class Supervisor {
  readonly #opts: SupervisorOptions;
  readonly #backoff: Backoff;
  readonly #restarts = new RestartCount();
  #running = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #onlineSince = 0;
  #status: SupervisedStatus = { state: 'starting', restarts: 0, restartsLastHour: 0, stderr: [] };

  constructor(
    opts: SupervisorOptions,
    private readonly target: Supervised,
  ) {
    this.#opts = opts;
    this.#backoff = new Backoff(opts);
  }

  get status(): SupervisedStatus {
    return this.#status;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.target.attempt();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    this.#disarm();
  }

  /** An attempt begins; the watchdog starts counting. */
  starting(message: string): void {
    this.#set({ state: 'starting', message, retryAt: undefined });
    this.#arm();
  }

  /** A frame arrived: online (the first one), and the watchdog starts over. */
  frame(message: () => string): void {
    if (this.#status.state !== 'online') {
      this.#onlineSince = Date.now();
      this.#set({ state: 'online', message: message(), retryAt: undefined });
    }
    this.#arm();
  }

  /** The attempt ended for good (a file played to its end): offline, no retry. */
  finished(message: string): void {
    this.#disarm();
    this.#running = false;
    this.#set({ state: 'offline', message, retryAt: undefined });
  }

  /** The attempt failed: offline with the reason, and the next attempt scheduled. */
  failed(reason: string, stderr: string[] = []): void {
    this.#disarm();
    if (!this.#running) return;
    const now = Date.now();
    if (this.#onlineSince > 0 && now - this.#onlineSince >= (this.#opts.healthyMs ?? 60_000))
      this.#backoff.reset();
    this.#onlineSince = 0;
    this.#restarts.add(now);
    const lastHour = this.#restarts.lastHour(now);
    const many = lastHour >= (this.#opts.manyPerHour ?? 10);
    const delay = many ? this.#backoff.max : this.#backoff.next();
    const seconds = delay >= 1000 ? Math.round(delay / 1000) : Number((delay / 1000).toFixed(1));
    const note = many ? ` (${lastHour} restarts in the last hour; retrying every ${seconds} s)` : '';
    this.#set({
      state: 'offline',
      message: `${reason}; retrying in ${seconds} s${note}`,
      retryAt: (now + delay) / 1000,
      stderr: stderr.length > 0 ? stderr : this.#status.stderr,
    });
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#running) this.target.attempt();
    }, delay);
  }

  #arm(): void {
    // Every frame re-arms it: refresh() moves the same timer, where a new one per frame cost ~2 % of the
    // main thread at 30 fps (allocating and inserting a timer, then clearing the old one).
    if (this.#watchdog) {
      this.#watchdog.refresh();
      return;
    }
    const ms = this.#opts.watchdogMs ?? 10_000;
    this.#watchdog = setTimeout(() => this.target.kill(`no frame for ${ms / 1000} s`), ms);
    this.#watchdog.unref();
  }

  #disarm(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
  }

  #set(change: Partial<SupervisedStatus>): void {
    const next = {
      ...this.#status,
      ...change,
      restarts: this.#restarts.total,
      restartsLastHour: this.#restarts.lastHour(),
    };
    if (next.retryAt === undefined) delete next.retryAt;
    if (next.message === undefined) delete next.message;
    this.#status = next;
    this.target.onStatus(next);
  }
}
