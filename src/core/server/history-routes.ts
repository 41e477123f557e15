import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { EventStore } from '../events/event-store';
import { HttpError, parseId } from './params';

/** Largest page of `GET /api/events`. */
const MAX_LIMIT = 500;

/** `GET /api/events?before=ID&limit=N`, `GET /api/events/:id`, `GET /api/events/:id/snapshot.jpg`. */
export function registerHistoryRoutes(app: FastifyInstance, store: EventStore): void {
  app.get('/api/events', (request) => {
    const query = request.query as Record<string, unknown>;
    const before = query.before === undefined ? null : parseId('before', query.before);
    let limit = 50;
    if (query.limit !== undefined) {
      limit = parseId('limit', query.limit);
      if (limit > MAX_LIMIT) throw new HttpError(400, `limit must be at most ${MAX_LIMIT}`);
    }
    return store.page(before, limit);
  });

  app.get('/api/events/:id', (request) => {
    const id = parseId('event id', (request.params as { id: string }).id);
    const record = store.get(id);
    if (!record) throw new HttpError(404, `no motion event ${id} (never existed or pruned)`);
    return record;
  });

  app.get('/api/events/:id/snapshot.jpg', async (request, reply) => {
    const id = parseId('event id', (request.params as { id: string }).id);
    const path = store.snapshotPath(id);
    if (!path) throw new HttpError(404, `no snapshot for event ${id} (never existed or pruned)`);
    const stream = createReadStream(path);
    // Pruning may remove the file between the row lookup and the open: still a 404.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', () => reject(new HttpError(404, `no snapshot for event ${id} (pruned)`)));
    });
    // Snapshots never change once written.
    return reply
      .type('image/jpeg')
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .send(stream);
  });
}
