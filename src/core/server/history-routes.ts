import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EventRecord } from '../../shared/api';
import type { EventStore } from '../events/event-store';
import { parseEventFilter } from './history-filter';
import { HttpError, parseId } from './params';
import type { RecordingsApi } from './recording-routes';

/** Largest page of `GET /api/events`. */
const MAX_LIMIT = 500;

/**
 * `GET /api/events?before=ID&limit=N` (with the filters of `history-filter.ts`), `GET /api/events/:id`, `GET /api/events/:id/snapshot.jpg` (the best
 * picture once the recorder chose one, else the first frame), `GET /api/events/:id/first.jpg` (the frame
 * that started the event). With `recordings`, each event carries its `clip`.
 */
export function registerHistoryRoutes(
  app: FastifyInstance,
  store: EventStore,
  recordings?: RecordingsApi,
): void {
  const withClip = (record: EventRecord): EventRecord => {
    const clip = recordings?.describe(record.id);
    return clip ? { ...record, clip } : record;
  };

  app.get('/api/events', (request) => {
    const query = request.query as Record<string, unknown>;
    const before = query.before === undefined ? null : parseId('before', query.before);
    let limit = 50;
    if (query.limit !== undefined) {
      limit = parseId('limit', query.limit);
      if (limit > MAX_LIMIT) throw new HttpError(400, `limit must be at most ${MAX_LIMIT}`);
    }
    const filter = parseEventFilter(query, () => recordings?.withClip() ?? []);
    const page = store.page(before, limit, filter);
    return recordings ? { ...page, events: page.events.map(withClip) } : page;
  });

  app.get('/api/events/:id', (request) => {
    const id = parseId('event id', (request.params as { id: string }).id);
    const record = store.get(id);
    if (!record) throw new HttpError(404, `no motion event ${id} (never existed or pruned)`);
    return withClip(record);
  });

  app.get('/api/events/:id/snapshot.jpg', async (request, reply) => {
    const id = parseId('event id', (request.params as { id: string }).id);
    const best = recordings?.bestPicturePath(id);
    const path = best ?? store.snapshotPath(id);
    if (!path) throw new HttpError(404, `no snapshot for event ${id} (never existed or pruned)`);
    // The best picture may still improve while the event runs: revalidate instead of caching for good.
    return sendJpeg(reply, path, id, best ? 'no-cache' : 'public, max-age=31536000, immutable');
  });

  app.get('/api/events/:id/first.jpg', async (request, reply) => {
    const id = parseId('event id', (request.params as { id: string }).id);
    const path = store.snapshotPath(id);
    if (!path) throw new HttpError(404, `no snapshot for event ${id} (never existed or pruned)`);
    return sendJpeg(reply, path, id, 'public, max-age=31536000, immutable');
  });
}

async function sendJpeg(
  reply: FastifyReply,
  path: string,
  id: number,
  cacheControl: string,
): Promise<FastifyReply> {
  const stream = createReadStream(path);
  // Pruning may remove the file between the row lookup and the open: still a 404.
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', () => reject(new HttpError(404, `no snapshot for event ${id} (pruned)`)));
  });
  return reply.type('image/jpeg').header('Cache-Control', cacheControl).send(stream);
}
