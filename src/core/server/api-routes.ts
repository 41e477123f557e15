import type { FastifyInstance } from 'fastify';
import type { AppState } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import { StorageError } from '../events/storage-error';
import type { Health } from '../health/health';
import { HttpError } from './params';

export interface ApiRouteOptions {
  settings: { get(): Settings; update(patch: unknown): Settings | Promise<Settings> };
  state(): AppState;
  health: Health;
}

/** `GET /api/state`, `GET|PUT /api/settings`, `GET /healthz`. */
export function registerApiRoutes(app: FastifyInstance, opts: ApiRouteOptions): void {
  // 503 while anything is wrong, so a load balancer, systemd timer or monitor sees what a person would.
  app.get('/healthz', (_request, reply) =>
    opts.health.ok ? { ok: true } : reply.code(503).send({ ok: false, error: oneLine(opts.health.reason) }),
  );

  app.get('/api/state', () => opts.state());

  app.get('/api/settings', () => opts.settings.get());

  app.put('/api/settings', async (request) => {
    let next: Settings;
    try {
      next = await opts.settings.update(request.body);
    } catch (err) {
      // Not saved means not applied (settings-store.ts): the client must know the change did not happen.
      if (err instanceof StorageError) throw new HttpError(503, `settings not saved: ${err.message}`);
      throw new HttpError(400, oneLine(err instanceof Error ? err.message : String(err)));
    }
    return next;
  });
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, '; ').trim();
}
