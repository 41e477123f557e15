import { signal } from '@preact/signals';
import type { MotionStart } from '../../shared/events';
import { t } from '../i18n';
import { formatPercent, formatTime } from '../i18n/format';

export type NotifyState = 'unsupported' | 'denied' | 'off' | 'on';

/** Where the opt-in is remembered. */
const storageKey = 'motion-kiosk.notify';

function initial(): NotifyState {
  if (typeof Notification === 'undefined' || !isSecureContext) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const wanted = localStorage.getItem(storageKey) === 'on';
  return wanted && Notification.permission === 'granted' ? 'on' : 'off';
}

/** Desktop notifications: off until the user opts in. */
export const notifyState = signal<NotifyState>(initial());

export async function enableNotifications(): Promise<void> {
  const permission = await Notification.requestPermission();
  notifyState.value = permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off';
  if (permission === 'granted') localStorage.setItem(storageKey, 'on');
}

export function disableNotifications(): void {
  localStorage.removeItem(storageKey);
  notifyState.value = 'off';
}

/**
 * Notifies of a new motion event with its snapshot, when this tab is not in view. Every tab of the
 * browser gets the event; the shared `tag` makes their notifications collapse into one.
 */
export function notifyMotion(start: MotionStart): void {
  if (notifyState.value !== 'on' || document.visibilityState === 'visible') return;
  const snapshot = new URL(start.snapshot, document.baseURI).href;
  const options: NotificationOptions & { image?: string } = {
    body: t('notify.body', { time: formatTime(start.ts), change: formatPercent(start.change) }),
    icon: snapshot,
    image: snapshot,
    tag: `motion-${start.id}`,
  };
  const notification = new Notification(t('notify.title'), options);
  notification.onclick = () => {
    focus();
    notification.close();
  };
}
