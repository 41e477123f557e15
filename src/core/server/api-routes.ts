import type { FastifyInstance } from 'fastify';
import type { AppState } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import { HttpError } from './params';

export interface ApiRouteOptions {
  settings: { get(): Settings; update(patch: unknown): Settings };
  state(): AppState;
}

/** `GET /api/state`, `GET|PUT /api/settings`, `GET /healthz`. */
export function registerApiRoutes(app: FastifyInstance, opts: ApiRouteOptions): void {
  app.get('/healthz', () => ({ ok: true }));

  app.get('/api/state', () => opts.state());

  app.get('/api/settings', () => opts.settings.get());

  app.put('/api/settings', (request) => {
    let next: Settings;
    try {
      next = opts.settings.update(request.body);
    } catch (err) {
      throw new HttpError(400, oneLine(err instanceof Error ? err.message : String(err)));
    }
    return next;
  });
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, '; ').trim();
}
