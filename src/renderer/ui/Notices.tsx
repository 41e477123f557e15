import { t } from '../i18n';
import { dismissNotice, notices } from '../state/notices';
import { CloseIcon } from './icons';

/** Banners about the stream itself: history pruned, connection resumed. */
export function Notices() {
  if (notices.value.length === 0) return null;
  return (
    <div class="notices">
      {notices.value.map((n) => (
        <div key={n.id} class="notice" role="status">
          <span>{t(n.key, n.params)}</span>
          <button
            type="button"
            class="button icon-only ghost"
            onClick={() => dismissNotice(n.id)}
            aria-label={t('notice.dismiss')}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
