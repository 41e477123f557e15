import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import type { DisplayPowerState } from '../../shared/ipc';

const run = promisify(execFile);

/** Options of {@link DisplayPower}. */
export interface DisplayPowerOptions {
  /** Argument arrays that power the panel off and on (run without a shell); null = always use the overlay. */
  commands: { off: string[]; on: string[] } | null;
  /** Shows or hides the black dimming overlay over the kiosk window (the fallback). */
  setOverlay: (on: boolean) => Promise<void>;
  /** Called after every change of state. Default none. */
  onChange?: (state: DisplayPowerState) => void;
  /** Kill a display command after this many milliseconds. Default 5000. */
  timeoutMs?: number;
  log: Logger;
}

/**
 * Switches the display off and on with the configured command, falling back to a dimmed overlay when there is
 * none or it fails (no `wlr-randr` on X11, no `vcgencmd` on a PC). Changes are serialised: a wake that arrives
 * while the sleep command runs is applied after it.
 */
export class DisplayPower {
  private current: DisplayPowerState = 'on';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: DisplayPowerOptions) {}

  get state(): DisplayPowerState {
    return this.current;
  }

  /** Switches the display on or off; resolves with the state reached. Never rejects. */
  set(on: boolean): Promise<DisplayPowerState> {
    // A failed change (the overlay on a page that is reloading) leaves the state as it was and must not
    // wedge the queue: every later change would be skipped and the screen could never wake again.
    const next = this.queue
      .then(() => (on ? this.wake() : this.sleep()))
      .catch((err: unknown) => {
        this.opts.log.warn({ err, on }, 'display power change failed');
        return this.current;
      });
    this.queue = next;
    return next;
  }

  private async sleep(): Promise<DisplayPowerState> {
    if (this.current !== 'on') return this.current;
    const { commands } = this.opts;
    if (commands && (await this.runCommand(commands.off))) return this.changed('off');
    await this.opts.setOverlay(true);
    return this.changed('dimmed');
  }

  private async wake(): Promise<DisplayPowerState> {
    if (this.current === 'off' && this.opts.commands) await this.runCommand(this.opts.commands.on);
    if (this.current === 'dimmed') await this.opts.setOverlay(false);
    return this.current === 'on' ? 'on' : this.changed('on');
  }

  private async runCommand([file, ...args]: string[]): Promise<boolean> {
    try {
      await run(file, args, { timeout: this.opts.timeoutMs ?? 5000 });
      return true;
    } catch (err) {
      this.opts.log.warn(
        { err, command: [file, ...args] },
        'display power command failed; using the overlay',
      );
      return false;
    }
  }

  private changed(state: DisplayPowerState): DisplayPowerState {
    this.current = state;
    this.opts.log.info({ state }, 'display power');
    this.opts.onChange?.(state);
    return state;
  }
}
