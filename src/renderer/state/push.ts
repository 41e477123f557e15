import { signal } from '@preact/signals';
import { kiosk } from '../kiosk';
import { dropSubscription, fetchPushKey, sendSubscription } from '../net/integrations-api';

/**
 * Phone notifications (Web Push) for this browser. `insecure`: the page is plain http on a LAN address, where
 * browsers allow no service worker; `unsupported`: the browser has no Push API; `denied`: notifications blocked
 * in the browser's site settings.
 */
export type PushState = 'insecure' | 'unsupported' | 'denied' | 'off' | 'on' | 'working';

export const pushState = signal<PushState>('off');
/** Why the last subscribe or unsubscribe failed, in the browser's or the server's words. */
export const pushError = signal<string | null>(null);

let registration: Promise<ServiceWorkerRegistration> | null = null;

/**
 * Registers the service worker where it can work (a secure context: https, or http on localhost/127.0.0.1)
 * and reads whether this browser is subscribed. Not in the kiosk window: it shows events itself.
 */
export function startPush(): void {
  if (!isSecureContext) {
    pushState.value = 'insecure';
    return;
  }
  if (!('serviceWorker' in navigator) || typeof PushManager === 'undefined') {
    pushState.value = 'unsupported';
    return;
  }
  if (kiosk?.isKiosk) return;
  registration = navigator.serviceWorker.register('sw.js').then(() => navigator.serviceWorker.ready);
  void registration
    .then((reg) => reg.pushManager.getSubscription())
    .then((subscription) => {
      if (Notification.permission === 'denied') pushState.value = 'denied';
      else pushState.value = subscription ? 'on' : 'off';
    })
    .catch((err) => {
      pushError.value = String(err instanceof Error ? err.message : err);
    });
}

export async function subscribePush(): Promise<void> {
  if (!registration) return;
  pushState.value = 'working';
  pushError.value = null;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      pushState.value = permission === 'denied' ? 'denied' : 'off';
      return;
    }
    const key = await fetchPushKey();
    if (!key.ok) throw new Error(key.error);
    const reg = await registration;
    const subscription = await reg.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: fromBase64Url(key.value.publicKey),
    });
    const sent = await sendSubscription(subscription.toJSON());
    if (!sent.ok) {
      await subscription.unsubscribe();
      throw new Error(sent.error);
    }
    pushState.value = 'on';
  } catch (err) {
    pushError.value = String(err instanceof Error ? err.message : err);
    pushState.value = 'off';
  }
}

export async function unsubscribePush(): Promise<void> {
  if (!registration) return;
  pushState.value = 'working';
  pushError.value = null;
  try {
    const subscription = await (await registration).pushManager.getSubscription();
    if (subscription) {
      await dropSubscription(subscription.endpoint);
      await subscription.unsubscribe();
    }
    pushState.value = 'off';
  } catch (err) {
    pushError.value = String(err instanceof Error ? err.message : err);
    pushState.value = 'on';
  }
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}
