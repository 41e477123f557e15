import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ClipDb } from './clip-db';
import { readClipIndex } from './clip-index';
import { CLIP_DATA, CLIP_INDEX } from './clip-writer';

/**
 * Closes recordings a crash left in `recording`: their clip is read back from the files (up to the last
 * whole frame), and the row says `interrupted` and why. Runs once at start-up, before new recordings.
 */
export async function recoverInterrupted(root: string, db: ClipDb, log: Logger): Promise<number> {
  const open = db.withState('recording');
  for (const row of open) {
    const dir = join(root, String(row.eventId));
    const frames = await readClipIndex(join(dir, CLIP_INDEX), join(dir, CLIP_DATA));
    const last = frames.at(-1);
    db.put({
      ...row,
      state: 'interrupted',
      reason: 'the app stopped while recording; the clip ends at the last frame written',
      start: frames[0]?.ts ?? row.start,
      end: last?.ts ?? row.start,
      frames: frames.length,
      bytes: last ? last.offset + last.length : 0,
    });
    log.info({ eventId: row.eventId, frames: frames.length }, 'interrupted recording closed');
  }
  return open.length;
}
