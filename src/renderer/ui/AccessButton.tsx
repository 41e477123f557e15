import { t } from '../i18n';
import { accessOpen, isAdmin } from '../state/access';

/** Header button that opens the devices panel; admins only. */
export function AccessButton() {
  if (!isAdmin()) return null;
  return (
    <button
      type="button"
      class="button ghost"
      aria-haspopup="dialog"
      aria-expanded={accessOpen.value}
      onClick={() => {
        accessOpen.value = true;
      }}
    >
      <span>{t('access.devices')}</span>
    </button>
  );
}
