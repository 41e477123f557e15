import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { IntegrationsView } from '../../shared/integrations';
import { t } from '../i18n';
import { fetchIntegrations } from '../net/integrations-api';
import { mayAdminister } from '../state/arming';
import { Modal } from './Modal';
import { MqttSection } from './MqttSection';
import { PeersSection } from './PeersSection';
import { PushSection } from './PushSection';
import { ScheduleSection } from './ScheduleSection';
import { WebhooksSection } from './WebhooksSection';

/** Whether the integrations panel is open. */
export const integrationsOpen = signal(false);

/**
 * Telling the home and the phone: notifications on this device and the other kiosks for everyone; the arming
 * schedule, the MQTT broker and webhook receivers for admins. Connection and delivery states refresh every few seconds while open.
 */
export function IntegrationsPanel() {
  const open = integrationsOpen.value;
  const admin = mayAdminister();
  const [view, setView] = useState<IntegrationsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open || !admin) return;
    const load = async () => {
      const result = await fetchIntegrations();
      if (result.ok) setView(result.value);
      setError(result.ok ? null : result.error);
    };
    void load();
    const timer = setInterval(() => void load(), 3000);
    return () => clearInterval(timer);
  }, [open, admin]);
  return (
    <Modal
      open={open}
      onClose={() => {
        integrationsOpen.value = false;
      }}
      id="integrations-title"
      title={t('integrations.title')}
      closeLabel={t('integrations.close')}
      class="integrations"
    >
      <PushSection />
      {admin && <ScheduleSection />}
      <PeersSection mqtt={admin ? Boolean(view?.settings.mqtt) : true} />
      {admin && view && <MqttSection view={view} onSaved={setView} />}
      {admin && view && <WebhooksSection view={view} onSaved={setView} />}
      {error && (
        <p class="integration-error" role="alert">
          {t('integrations.failed', { reason: error })}
        </p>
      )}
    </Modal>
  );
}
