import { useState } from 'preact/hooks';
import type { WebhookInfo, WebhookPreset, WebhookSettingsView } from '../../shared/integrations';
import { t } from '../i18n';
import type { AccessResult } from '../net/access-api';
import {
  addWebhook,
  fetchIntegrations,
  removeWebhook,
  saveWebhook,
  testWebhook,
  type WebhookInput,
} from '../net/integrations-api';
import { filled, type IntegrationSectionProps } from './MqttSection';

const presets: WebhookPreset[] = ['json', 'ntfy', 'gotify'];

/** Webhook receivers: each with its last delivery and a Test button; add, edit (secret write-only) and remove. */
export function WebhooksSection({ view, onSaved }: IntegrationSectionProps) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const done = (result: AccessResult<unknown>, close = true) => {
    setError(result.ok ? null : t('integrations.failed', { reason: result.error }));
    if (result.ok && close) setEditing(null);
  };
  const change = async (call: Promise<AccessResult<typeof view>>) => {
    const result = await call;
    if (result.ok) onSaved(result.value);
    done(result);
  };
  const state = (id: string) => view.webhooks.find((w) => w.id === id);
  return (
    <section aria-labelledby="webhooks-title" class="integration">
      <h3 id="webhooks-title">{t('integrations.webhooksTitle')}</h3>
      {view.settings.webhooks.length === 0 && <p class="help">{t('integrations.webhooksNone')}</p>}
      <ul class="receivers">
        {view.settings.webhooks.map((receiver) => (
          <li key={receiver.id} class="receiver" data-receiver={receiver.id}>
            <div class="field-row">
              <span class="grow receiver-text">
                <strong>{receiver.url}</strong>
                <small class="help">
                  {t(`integrations.kind_${receiver.preset ?? 'json'}`)}
                  {' · '}
                  <Delivery info={state(receiver.id)} />
                </small>
              </span>
            </div>
            <div class="field-row wrap">
              <button
                type="button"
                class="button"
                disabled={testing === receiver.id}
                onClick={async () => {
                  setTesting(receiver.id);
                  done(await testWebhook(receiver.id), false);
                  setTesting(null);
                  const fresh = await fetchIntegrations();
                  if (fresh.ok) onSaved(fresh.value);
                }}
              >
                {testing === receiver.id ? t('integrations.working') : t('integrations.test')}
              </button>
              <button type="button" class="button" onClick={() => setEditing(receiver.id)}>
                {t('integrations.edit')}
              </button>
              <button type="button" class="button" onClick={() => void change(removeWebhook(receiver.id))}>
                {t('integrations.remove')}
              </button>
            </div>
            {editing === receiver.id && (
              <ReceiverForm
                receiver={receiver}
                onCancel={() => setEditing(null)}
                onSubmit={(input) => void change(saveWebhook(receiver.id, input))}
              />
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <ReceiverForm
          receiver={null}
          onCancel={() => setEditing(null)}
          onSubmit={(input) => void change(addWebhook(input))}
        />
      ) : (
        <button type="button" class="button" onClick={() => setEditing('new')}>
          {t('integrations.add')}
        </button>
      )}
      {error && (
        <p class="integration-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Delivery({ info }: { info: WebhookInfo | undefined }) {
  const last = info?.lastResult;
  const text = !last
    ? t('integrations.lastNone')
    : last.ok
      ? t('integrations.lastOk', { status: last.status })
      : t('integrations.lastFailed', { error: last.error ?? `HTTP ${last.status}` });
  const pending = info?.pending ? ` · ${t('integrations.pending', { count: info.pending })}` : '';
  return (
    <span class={`delivery ${last ? (last.ok ? 'ok' : 'failed') : ''}`}>
      {text}
      {pending}
    </span>
  );
}

/** Props of `ReceiverForm`. */
interface ReceiverFormProps {
  /** The receiver edited, or null for a new one. */
  receiver: WebhookSettingsView | null;
  onSubmit(input: WebhookInput): void;
  onCancel(): void;
}

function ReceiverForm({ receiver, onSubmit, onCancel }: ReceiverFormProps) {
  return (
    <form
      class="integration-form"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        onSubmit({
          url: String(form.get('url') ?? '').trim(),
          preset: form.get('preset') as WebhookPreset,
          secret: filled(form, 'secret'),
          token: filled(form, 'token'),
          snapshot: form.get('snapshot') === 'on',
        });
      }}
    >
      <label>
        {t('integrations.kind')}
        <select name="preset" defaultValue={receiver?.preset ?? 'json'}>
          {presets.map((preset) => (
            <option key={preset} value={preset}>
              {t(`integrations.kind_${preset}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('integrations.receiverUrl')}
        <input name="url" type="url" required defaultValue={receiver?.url ?? ''} placeholder="https://" />
        <small class="help">{t('integrations.receiverUrlHelp')}</small>
      </label>
      <label>
        {t('integrations.secret')}
        <input name="secret" type="password" autocomplete="new-password" minLength={8} />
        <small class="help">
          {receiver?.hasSecret ? t('integrations.secretKept') : t('integrations.secretHelp')}
        </small>
      </label>
      <label>
        {t('integrations.token')}
        <input name="token" type="password" autocomplete="off" />
      </label>
      <label class="check">
        <input name="snapshot" type="checkbox" defaultChecked={receiver?.snapshot ?? true} />
        {t('integrations.snapshot')}
      </label>
      <div class="field-row">
        <button type="submit" class="button primary">
          {t('integrations.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('integrations.cancel')}
        </button>
      </div>
    </form>
  );
}
