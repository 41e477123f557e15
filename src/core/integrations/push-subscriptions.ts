import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import webpush from 'web-push';
import { z } from 'zod';
import { sqliteNativeBinding } from '../events/native-binding';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/** A browser's PushSubscription as `subscription.toJSON()` gives it. */
export const pushSubscriptionSchema = z
  .object({
    endpoint: z
      .string()
      .max(1000)
      .regex(/^https:\/\/[^\s]+$/, 'an https:// push endpoint'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url.max(200), auth: base64url.max(100) }).strict(),
  })
  .strict();

export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** VAPID keys from `<dataDir>/vapid.json`, generated on first run (the browser ties subscriptions to the public key). */
export async function loadVapidKeys(dataDir: string): Promise<VapidKeys> {
  const file = join(dataDir, 'vapid.json');
  try {
    const keys = JSON.parse(await readFile(file, 'utf8')) as VapidKeys;
    if (typeof keys.publicKey === 'string' && typeof keys.privateKey === 'string') return keys;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = webpush.generateVAPIDKeys();
  await writeFile(`${file}.tmp`, JSON.stringify(keys), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return keys;
}

/** Push subscriptions in `<dataDir>/integrations.sqlite`, one per browser, with the session that made it. */
export class PushSubscriptions {
  readonly #db: Database.Database;
  readonly #stmt;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.#db = new Database(join(dataDir, 'integrations.sqlite'), { nativeBinding: sqliteNativeBinding() });
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS push_subscription (endpoint TEXT PRIMARY KEY, json TEXT NOT NULL, session TEXT)',
    );
    this.#stmt = {
      put: this.#db.prepare<[string, string, string | null]>(
        'INSERT INTO push_subscription (endpoint, json, session) VALUES (?, ?, ?) ON CONFLICT(endpoint) DO UPDATE SET json = excluded.json, session = excluded.session',
      ),
      remove: this.#db.prepare<[string]>('DELETE FROM push_subscription WHERE endpoint = ?'),
      removeSession: this.#db.prepare<[string]>('DELETE FROM push_subscription WHERE session = ?'),
      count: this.#db.prepare<[], { n: number }>('SELECT count(*) AS n FROM push_subscription'),
      all: this.#db.prepare<[], { json: string }>('SELECT json FROM push_subscription'),
    };
  }

  add(subscription: PushSubscriptionJson, session: string | null): void {
    this.#stmt.put.run(subscription.endpoint, JSON.stringify(subscription), session);
  }

  /** True when there was one. */
  remove(endpoint: string): boolean {
    return this.#stmt.remove.run(endpoint).changes > 0;
  }

  /** A revoked session's browsers are told nothing more. */
  removeSession(session: string): void {
    this.#stmt.removeSession.run(session);
  }

  all(): PushSubscriptionJson[] {
    return this.#stmt.all.all().map((row) => JSON.parse(row.json) as PushSubscriptionJson);
  }

  count(): number {
    return this.#stmt.count.get()?.n ?? 0;
  }

  close(): void {
    this.#db.close();
  }
}
