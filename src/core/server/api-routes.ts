import type { FastifyInstance } from 'fastify';
import type { ApiError, AppState, LevelHistoryPage } from '../../shared/api';
import type { MotionLevel } from '../../shared/events';
import type { Settings } from '../../shared/settings';
import { StorageError } from '../events/storage-error';
import type { Health } from '../health/health';
import { HttpError } from './params';

export interface ApiRouteOptions {
  settings: { get(): Settings; update(patch: unknown): Settings | Promise<Settings> };
  state(): AppState;
  /** The first camera's `level` samples of the last `seconds`, oldest first. */
  levels(seconds: number): MotionLevel[];
  health: Health;
}

/** Longest history `GET /api/levels` gives, in seconds. */
const maxLevelSeconds = 180;

/** `GET /api/state`, `GET /api/levels`, `GET|PUT /api/settings`, `GET /healthz`. */
export function registerApiRoutes(app: FastifyInstance, opts: ApiRouteOptions): void {
  // 503 while anything is wrong, so a load balancer, systemd timer or monitor sees what a person would.
  app.get('/healthz', (_request, reply) =>
    opts.health.ok ? { ok: true } : reply.code(503).send({ ok: false, error: oneLine(opts.health.reason) }),
  );

  app.get('/api/state', () => opts.state());

  app.get('/api/levels', (request): LevelHistoryPage => {
    const raw = (request.query as Record<string, unknown>).seconds ?? '60';
    const seconds = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(seconds >= 1 && seconds <= maxLevelSeconds)) {
      throw new HttpError(400, `seconds must be an integer from 1 to ${maxLevelSeconds}`);
    }
    return { levels: opts.levels(seconds) };
  });

  app.get('/api/settings', () => opts.settings.get());

  app.put('/api/settings', async (request, reply) => {
    let next: Settings;
    try {
      next = await opts.settings.update(request.body);
    } catch (err) {
      // Not saved means not applied (settings-store.ts): the client must know the change did not happen.
      if (err instanceof StorageError) throw new HttpError(503, `settings not saved: ${err.message}`);
      const error = oneLine(err instanceof Error ? err.message : String(err));
      // A refused setting also says which field and why as codes, for dashboards in other languages.
      const reason = (err as { reason?: Omit<ApiError, 'error'> }).reason;
      if (reason) return reply.code(400).send({ error, ...reason } satisfies ApiError);
      throw new HttpError(400, error);
    }
    return next;
  });
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, '; ').trim();
}
