import { signal } from '@preact/signals';
import type { MessageKey } from '../i18n';

/** A banner for something the user should know about the stream (kept as a key: it re-translates). */
export interface Notice {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const notices = signal<Notice[]>([]);
let nextId = 1;

/**
 * Shows a notice; the same message replaces its older copy instead of stacking. With `dismissAfterMs`
 * it goes by itself: banners about a state that is normal again must not keep taking the screen.
 */
export function showNotice(key: MessageKey, params?: Notice['params'], dismissAfterMs?: number): void {
  const id = nextId++;
  notices.value = [...notices.value.filter((n) => n.key !== key), { id, key, params }];
  if (dismissAfterMs) setTimeout(() => dismissNotice(id), dismissAfterMs);
}

export function dismissNotice(id: number): void {
  notices.value = notices.value.filter((n) => n.id !== id);
}

/** Text for the polite live region: screen readers read each new motion event once. */
export const announcement = signal('');
