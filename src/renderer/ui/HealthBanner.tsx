import { t } from '../i18n';
import { health, recordingsProblem } from '../state/health';

/**
 * A banner on every dashboard (and the kiosk) while the server reports a problem: storage failing,
 * camera down past its grace time, recordings stopped for want of disk space (from `/api/state`). It stays until the server says all is well again; not dismissable,
 * because the problem is not solved by reading about it.
 */
export function HealthBanner() {
  const state = health.value;
  const recordings = recordingsProblem.value;
  const problems = state && !state.ok ? state.problems : [];
  if (problems.length === 0 && !recordings) return null;
  return (
    <div class="health-banner" role="alert">
      <strong>{t('healthBanner.title')}</strong>
      <ul>
        {problems.map((problem) => (
          <li key={problem.component}>
            {t(problem.component === 'storage' ? 'healthBanner.storage' : 'healthBanner.camera', {
              message: problem.message,
            })}
          </li>
        ))}
        {recordings && <li key="recordings">{t('historyView.storageProblem', { message: recordings })}</li>}
      </ul>
    </div>
  );
}
