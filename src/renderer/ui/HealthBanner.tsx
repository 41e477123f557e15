import { t } from '../i18n';
import { health } from '../state/health';

/**
 * A banner on every dashboard (and the kiosk) while the server reports a problem: storage failing,
 * camera down past its grace time. It stays until the server says all is well again; not dismissable,
 * because the problem is not solved by reading about it.
 */
export function HealthBanner() {
  const state = health.value;
  if (!state || state.ok) return null;
  return (
    <div class="health-banner" role="alert">
      <strong>{t('health.title')}</strong>
      <ul>
        {state.problems.map((problem) => (
          <li key={problem.component}>
            {t(problem.component === 'storage' ? 'health.storage' : 'health.camera', {
              message: problem.message,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
