/** Options of {@link IdleSleeper}. */
export interface IdleSleeperOptions {
  /** Idle time before the display sleeps, in milliseconds; 0 = never. */
  sleepAfterMs: number;
  /** The display to switch (a {@link import('./display-power').DisplayPower}). */
  display: { readonly state: string; set(on: boolean): Promise<unknown> };
}

/** Puts the display to sleep after a quiet spell; any activity (touch, motion) wakes it and restarts the clock. */
export class IdleSleeper {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: IdleSleeperOptions) {}

  /** Starts the idle clock. */
  start(): void {
    this.arm();
  }

  /** Something happened: wake the display if it sleeps, restart the clock. */
  activity(): void {
    if (this.stopped) return;
    if (this.opts.display.state !== 'on') void this.opts.display.set(true);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.opts.sleepAfterMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.opts.display.set(false);
    }, this.opts.sleepAfterMs);
    this.timer.unref();
  }
}
