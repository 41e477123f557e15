import type { PeerKiosk } from '../../shared/api';
import type { ArmingStatus } from '../../shared/events';
import type { ArmingSchedule, ArmingView, IntegrationsView, WebhookPreset } from '../../shared/integrations';
import { type AccessResult, call } from './access-api';

/** What the broker form sends: `password` and `ca` only when changed (null removes them). */
export interface MqttInput {
  url: string;
  username?: string;
  password?: string | null;
  clientId?: string;
  prefix?: string;
  ca?: string | null;
  discovery?: boolean;
  name?: string;
}

/** What the receiver form sends: `secret` and `token` only when changed (null removes them). */
export interface WebhookInput {
  url: string;
  preset?: WebhookPreset;
  secret?: string | null;
  token?: string | null;
  snapshot?: boolean;
}

export const fetchIntegrations = () => call<IntegrationsView>('GET', 'api/integrations');
export const saveMqtt = (input: MqttInput) => call<IntegrationsView>('PUT', 'api/integrations/mqtt', input);
export const removeMqtt = () => call<IntegrationsView>('DELETE', 'api/integrations/mqtt');
export const addWebhook = (input: WebhookInput) =>
  call<IntegrationsView>('POST', 'api/integrations/webhooks', input);
export const saveWebhook = (id: string, input: WebhookInput) =>
  call<IntegrationsView>('PUT', `api/integrations/webhooks/${id}`, input);
export const removeWebhook = (id: string) =>
  call<IntegrationsView>('DELETE', `api/integrations/webhooks/${id}`);
export const testWebhook = (id: string) => call<unknown>('POST', 'api/integrations/webhooks/test', { id });

export const fetchArming = () => call<ArmingStatus>('GET', 'api/arming');
export const setArmed = (armed: boolean) => call<ArmingStatus>('PUT', 'api/arming', { armed });
export const fetchArmingView = () => call<ArmingView>('GET', 'api/arming');
export const saveArmingSchedule = (schedule: ArmingSchedule) =>
  call<ArmingView>('PUT', 'api/arming', { schedule });

export async function fetchPeers(): Promise<AccessResult<PeerKiosk[]>> {
  const result = await call<{ peers: PeerKiosk[] }>('GET', 'api/peers');
  return result.ok ? { ok: true, value: result.value.peers } : result;
}

export const fetchPushKey = () => call<{ publicKey: string }>('GET', 'api/push');
export const sendSubscription = (subscription: PushSubscriptionJSON) =>
  call<unknown>('POST', 'api/push/subscriptions', subscription);
export const dropSubscription = (endpoint: string) =>
  call<unknown>('DELETE', 'api/push/subscriptions', { endpoint });
