import { t } from '../i18n';
import { sessionState } from '../state/access';

/** A warning that never goes away while the server runs with `--no-auth`. */
export function NoAuthBanner() {
  if (sessionState.value?.auth !== false) return null;
  return (
    <p class="no-auth-banner" role="alert">
      {t('access.noAuth')}
    </p>
  );
}
