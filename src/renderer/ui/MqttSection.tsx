import { useState } from 'preact/hooks';
import type { IntegrationsView } from '../../shared/integrations';
import { t } from '../i18n';
import { formatClock } from '../i18n/format';
import type { AccessResult } from '../net/access-api';
import { type MqttInput, removeMqtt, saveMqtt } from '../net/integrations-api';

/** Props of `MqttSection` and `WebhooksSection`. */
export interface IntegrationSectionProps {
  view: IntegrationsView;
  /** A change was saved: the server's new view. */
  onSaved(view: IntegrationsView): void;
}

/** Text of an optional field, or undefined when left empty. */
export function filled(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? undefined : value;
}

/** The broker: connection state with its reason, and the form to change it (password and CA write-only). */
export function MqttSection({ view, onSaved }: IntegrationSectionProps) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const settings = view.settings.mqtt;
  const info = view.mqtt;
  const done = (result: AccessResult<IntegrationsView>) => {
    if (result.ok) onSaved(result.value);
    setMessage(
      result.ok
        ? { ok: true, text: t('integrations.saved') }
        : { ok: false, text: t('integrations.failed', { reason: result.error }) },
    );
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const input: MqttInput = {
      url: String(form.get('url') ?? '').trim(),
      name: filled(form, 'name'),
      username: filled(form, 'username'),
      password: filled(form, 'password'),
      clientId: filled(form, 'clientId'),
      prefix: filled(form, 'prefix'),
      ca: filled(form, 'ca'),
      discovery: form.get('discovery') === 'on',
    };
    done(await saveMqtt(input));
  };
  return (
    <section aria-labelledby="mqtt-title" class="integration">
      <h3 id="mqtt-title">{t('integrations.mqttTitle')}</h3>
      <p class={`mqtt-state state-${info?.state ?? 'none'}`} role="status">
        <span class="dot" aria-hidden="true" />
        {info
          ? t(`integrations.mqtt_${info.state}`, { time: info.retryAt ? formatClock(info.retryAt) : '' })
          : t('integrations.mqttNone')}
        {info?.lastError && info.state !== 'connected' && (
          <small class="help">{t('integrations.reason', { reason: info.lastError })}</small>
        )}
      </p>
      <p class="help">
        {view.settings.sources.mqtt === 'file' ? t('integrations.fromFile') : t('integrations.fromDashboard')}
      </p>
      <form class="integration-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('integrations.url')}
          <input
            name="url"
            required
            defaultValue={settings?.url ?? ''}
            placeholder="mqtt://192.168.1.10:1883"
          />
          <small class="help">{t('integrations.urlHelp')}</small>
        </label>
        <label>
          {t('integrations.name')}
          <input name="name" defaultValue={settings?.name ?? ''} />
        </label>
        <label>
          {t('integrations.username')}
          <input name="username" autocomplete="off" defaultValue={settings?.username ?? ''} />
        </label>
        <label>
          {t('integrations.password')}
          <input name="password" type="password" autocomplete="new-password" />
          {settings?.hasPassword && <small class="help">{t('integrations.passwordKept')}</small>}
        </label>
        <label>
          {t('integrations.clientId')}
          <input name="clientId" defaultValue={settings?.clientId ?? ''} />
          <small class="help">
            {t('integrations.defaultValue', { value: `motionkiosk-${view.deviceId}` })}
          </small>
        </label>
        <label>
          {t('integrations.prefix')}
          <input name="prefix" defaultValue={settings?.prefix ?? ''} />
          <small class="help">
            {t('integrations.defaultValue', { value: `motionkiosk/${view.deviceId}` })}
          </small>
        </label>
        <label>
          {t('integrations.ca')}
          <textarea name="ca" rows={2} placeholder="-----BEGIN CERTIFICATE-----" />
          <small class="help">{settings?.ca ? t('integrations.caKept') : t('integrations.caHelp')}</small>
        </label>
        <label class="check">
          <input name="discovery" type="checkbox" defaultChecked={settings?.discovery !== false} />
          {t('integrations.discovery')}
        </label>
        <div class="field-row">
          <button type="submit" class="button primary">
            {t('integrations.save')}
          </button>
          {settings && (
            <button type="button" class="button" onClick={async () => done(await removeMqtt())}>
              {t('integrations.stopMqtt')}
            </button>
          )}
        </div>
        {message && (
          <p class={message.ok ? 'integration-ok' : 'integration-error'} role="status">
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
