import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClipIndex, ClipInfo, ExportProgress, StorageState } from '../../shared/recording';
import { oneLine } from './api-routes';
import { HttpError, parseId } from './params';

type Missing = { missing: string };

/** What the recorder offers the server; the server never imports recording/ itself. */
export interface RecordingsApi {
  describe(eventId: number): ClipInfo | null;
  clip(eventId: number): Promise<{ path: string; frames: { offset: number; length: number }[] } | Missing>;
  index(eventId: number): Promise<ClipIndex | Missing>;
  bestPicturePath(eventId: number): string | null;
  exportMp4(
    eventId: number,
  ): Promise<{ state: 'ready'; path: string; bytes: number } | ExportProgress | Missing | { busy: string }>;
  readonly storage: StorageState;
  /** Events with a playable clip or one being recorded (`GET /api/events?hasClip=`). */
  withClip(): number[];
  /** Deletes an event's recording (files and metadata); `busy` while it is recorded or exported. */
  remove(eventId: number): Promise<{ busy: string } | null>;
}

/**
 * `GET /api/events/:id/clip` (the clip's JPEGs back to back, `video/x-motion-jpeg`, with HTTP range
 * requests), `GET /api/events/:id/clip.json` (its frame index, for seeking), `GET /api/events/:id/clip.mp4`
 * (H.264, made on demand: 202 with progress, then 200).
 */
export function registerRecordingRoutes(app: FastifyInstance, recordings: RecordingsApi): void {
  const eventId = (params: unknown) => parseId('event id', (params as { id: string }).id);

  app.get('/api/events/:id/clip', async (request, reply) => {
    const id = eventId(request.params);
    const clip = await recordings.clip(id);
    if ('missing' in clip) throw new HttpError(404, clip.missing);
    const last = clip.frames[clip.frames.length - 1];
    // Bytes past the last indexed frame (a crash mid-write) are never served.
    const size = last.offset + last.length;
    const range = parseRange(request.headers.range, size);
    reply.header('Accept-Ranges', 'bytes').header('Cache-Control', 'no-cache');
    if (range === 'unsatisfiable') {
      reply.code(416).header('Content-Range', `bytes */${size}`);
      return reply.send({ error: `range not satisfiable: the clip has ${size} bytes` });
    }
    reply.type('video/x-motion-jpeg');
    const [start, end] = range ?? [0, size - 1];
    if (range) reply.code(206).header('Content-Range', `bytes ${start}-${end}/${size}`);
    return sendFile(reply.header('Content-Length', end - start + 1), clip.path, start, end);
  });

  app.get('/api/events/:id/clip.json', async (request, reply) => {
    const index = await recordings.index(eventId(request.params));
    if ('missing' in index) throw new HttpError(404, index.missing);
    return reply.header('Cache-Control', 'no-cache').send(index);
  });

  app.get('/api/events/:id/clip.mp4', async (request, reply) => {
    const id = eventId(request.params);
    const result = await recordings.exportMp4(id);
    if ('missing' in result) throw new HttpError(404, result.missing);
    if ('busy' in result) throw new HttpError(409, result.busy);
    if (!('path' in result)) {
      if (result.state === 'encoding') return reply.code(202).header('Retry-After', '1').send(result);
      return reply.code(500).send({ ...result, error: oneLine(result.reason ?? 'export failed') });
    }
    reply
      .type('video/mp4')
      .header('Content-Length', result.bytes)
      .header('Content-Disposition', `attachment; filename="motion-event-${id}.mp4"`);
    return sendFile(reply, result.path, 0, result.bytes - 1);
  });
}

/** One `bytes=` range: [start, end] inclusive, null for none, 'unsatisfiable' for a range past the end. */
export function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges or another unit: answering with the whole file is allowed.
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : [start, end];
}

/** Streams bytes start..end of a file; a file pruned between lookup and open is still a 404. */
async function sendFile(
  reply: FastifyReply,
  path: string,
  start: number,
  end: number,
): Promise<FastifyReply> {
  const stream = createReadStream(path, { start, end });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', () => reject(new HttpError(404, 'the recording was removed')));
  });
  return reply.send(stream);
}
