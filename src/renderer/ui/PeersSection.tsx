import { useEffect, useState } from 'preact/hooks';
import type { PeerKiosk } from '../../shared/api';
import { t } from '../i18n';
import { formatTime } from '../i18n/format';
import { fetchPeers } from '../net/integrations-api';

/** Props of `PeersSection`. */
interface PeersSectionProps {
  /** This kiosk has a broker: without one it cannot see others. */
  mqtt: boolean;
}

/** The other kiosks on the same broker: name, camera state, armed, last motion, and a link to their dashboard. */
export function PeersSection({ mqtt }: PeersSectionProps) {
  const [peers, setPeers] = useState<PeerKiosk[]>([]);
  useEffect(() => {
    const load = async () => {
      const result = await fetchPeers();
      if (result.ok) setPeers(result.value);
    };
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section aria-labelledby="peers-title" class="integration">
      <h3 id="peers-title">{t('integrations.peersTitle')}</h3>
      {peers.length === 0 && (
        <p class="help">{mqtt ? t('integrations.peersNone') : t('integrations.peersNoMqtt')}</p>
      )}
      <ul class="peers">
        {peers.map((peer) => (
          <li key={peer.id} class="peer" data-peer={peer.id}>
            <span class={`dot state-${peer.available ? peer.state : 'offline'}`} aria-hidden="true" />
            <span class="grow">
              <strong>{peer.name}</strong>
              <small class="help">
                {peer.available ? t(`integrations.peer_${peer.state}`) : t('integrations.peerGone')}
                {' · '}
                {peer.armed ? t('arming.armed') : t('arming.disarmed')}
                {' · '}
                {peer.lastEvent
                  ? t('integrations.peerLast', { time: formatTime(peer.lastEvent.ts) })
                  : t('integrations.peerNever')}
              </small>
            </span>
            {peer.url && (
              <a class="button" href={peer.url} target="_blank" rel="noopener noreferrer">
                {t('integrations.peerOpen')}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
