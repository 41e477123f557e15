import type { FastifyInstance } from 'fastify';
import type { EventHub } from '../events/event-hub';
import { StorageError } from '../events/storage-error';
import { HttpError, parseId } from './params';
import type { RecordingsApi } from './recording-routes';

/**
 * Changing the history: `POST /api/events/:id/reviewed` (someone looked at it), `POST /api/events/reviewed`
 * with `{ "throughId": N }` (mark all reviewed up to N), `DELETE /api/events/:id` (rows, picture and clip).
 * Each change is announced (`reviewed`, `motion-deleted`) so every dashboard updates its list and count.
 */
export function registerReviewRoutes(app: FastifyInstance, hub: EventHub, recordings?: RecordingsApi): void {
  const store = hub.store;
  const eventId = (params: unknown) => parseId('event id', (params as { id: string }).id);

  app.post('/api/events/:id/reviewed', (request) => {
    const id = eventId(request.params);
    if (!store.get(id)) throw new HttpError(404, `no motion event ${id} (never existed or deleted)`);
    const changed = saved(() => store.markReviewed([id]));
    const unreviewed = store.unreviewedCount();
    if (changed.length > 0) hub.broadcast('reviewed', { motionIds: changed, throughId: null, unreviewed });
    return { motionIds: changed, unreviewed };
  });

  app.post('/api/events/reviewed', (request) => {
    const body = request.body as { throughId?: unknown } | undefined;
    const throughId = body?.throughId;
    if (!Number.isSafeInteger(throughId) || (throughId as number) < 1) {
      throw new HttpError(400, 'throughId must be a positive integer (the newest event to mark reviewed)');
    }
    const changed = saved(() => store.markReviewedThrough(throughId as number));
    const unreviewed = store.unreviewedCount();
    if (changed > 0) hub.broadcast('reviewed', { motionIds: [], throughId: throughId as number, unreviewed });
    return { changed, unreviewed };
  });

  app.delete('/api/events/:id', async (request) => {
    const id = eventId(request.params);
    const record = store.get(id);
    if (!record) throw new HttpError(404, `no motion event ${id} (never existed or deleted)`);
    // Deleting a running event would race the detector and the recorder still writing it.
    if (!record.end) throw new HttpError(409, `event ${id} is still running; delete it once it has ended`);
    const refused = await recordings?.remove(id);
    if (refused) throw new HttpError(409, refused.busy);
    await saved(() => store.remove(id));
    const unreviewed = store.unreviewedCount();
    hub.broadcast('motion-deleted', {
      camera: record.camera,
      motionId: id,
      ts: Date.now() / 1000,
      unreviewed,
    });
    return { deleted: id, unreviewed };
  });
}

/** A write the disk refused is a 503 with the reason, not a 500. */
function saved<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof StorageError) throw new HttpError(503, `not saved: ${err.message}`);
    throw err;
  }
}
