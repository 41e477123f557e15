import type { FastifyInstance } from 'fastify';
import type { ApiError, AppState, LevelHistoryPage } from '../../shared/api';
import type { MotionLevel } from '../../shared/events';
import type { Settings } from '../../shared/settings';
import { HttpError } from './params';

export interface ApiRouteOptions {
  settings: { get(): Settings; update(patch: unknown): Settings };
  state(): AppState;
  /** The first camera's `level` samples of the last `seconds`, oldest first. */
  levels(seconds: number): MotionLevel[];
}

/** Longest history `GET /api/levels` gives, in seconds. */
const maxLevelSeconds = 180;

/** `GET /api/state`, `GET /api/levels`, `GET|PUT /api/settings`, `GET /healthz`. */
export function registerApiRoutes(app: FastifyInstance, opts: ApiRouteOptions): void {
  app.get('/healthz', () => ({ ok: true }));

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

  app.put('/api/settings', (request, reply) => {
    let next: Settings;
    try {
      next = opts.settings.update(request.body);
    } catch (err) {
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
