import { EventEmitter } from 'node:events';
import type { HealthProblem, HealthState } from '../../shared/events';

interface HealthEvents {
  change: [HealthState];
}

/**
 * What is wrong with the engine right now, by component (`storage`, `camera:<name>`, …). `/healthz`,
 * `/api/state`, `/metrics` and the SSE `health` message all read this one record, so they cannot disagree.
 */
export class Health extends EventEmitter<HealthEvents> {
  readonly #problems = new Map<string, HealthProblem>();

  /** Sets (message) or clears (null) a component's problem; emits `change` when that changes anything. */
  report(component: string, message: string | null): void {
    const current = this.#problems.get(component);
    if (message === null) {
      if (!current) return;
      this.#problems.delete(component);
    } else {
      if (current?.message === message) return;
      this.#problems.set(component, { component, message, since: current?.since ?? Date.now() / 1000 });
    }
    this.emit('change', this.state);
  }

  get ok(): boolean {
    return this.#problems.size === 0;
  }

  get state(): HealthState {
    return { ok: this.ok, problems: [...this.#problems.values()] };
  }

  /** Every problem in one line, for `/healthz` and logs. */
  get reason(): string {
    return [...this.#problems.values()].map((p) => `${p.component}: ${p.message}`).join('; ');
  }
}
