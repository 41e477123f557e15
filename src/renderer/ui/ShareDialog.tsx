import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { ShareInfo } from '../../shared/ipc';
import { t } from '../i18n';
import { kiosk } from '../kiosk';
import { Modal } from './Modal';

/** True while the "Connect a phone" panel is open (kiosk only). */
export const shareOpen = signal(false);

/**
 * "Connect a phone", on the kiosk: the dashboard's LAN address and its QR code, from the kiosk's
 * preload (`kiosk.share()`), so a phone on the same network opens the dashboard by scanning.
 */
export function ShareDialog() {
  const open = shareOpen.value;
  const [info, setInfo] = useState<ShareInfo | null>(null);
  useEffect(() => {
    if (open && kiosk) void kiosk.share().then(setInfo, () => setInfo({ urls: [], qr: null }));
  }, [open]);
  return (
    <Modal
      open={open}
      onClose={() => {
        shareOpen.value = false;
      }}
      id="share-title"
      title={t('share.title')}
      closeLabel={t('share.close')}
      class="share"
    >
      {info && info.urls.length === 0 && <p>{t('share.none')}</p>}
      {info && info.urls.length > 0 && (
        <div class="share-body">
          {info.qr && <img class="share-qr" src={info.qr} alt={t('share.qr')} />}
          <div>
            <p>{t('share.help')}</p>
            <ul class="share-urls">
              {info.urls.map((url) => (
                <li key={url}>{url}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Modal>
  );
}
