import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { changeHistory } from '../net/api';
import { isAdmin, sessionState } from '../state/access';

/**
 * "Delete" in the event viewer, for admins (and everyone when access control is off, as the server allows).
 * A second, explicit tap confirms: the picture and the clip go too. The server announces the deletion, and
 * every dashboard (this one too) drops the row then.
 */
export function DeleteEvent({ eventId }: { eventId: number }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setStep('idle');
    setError(null);
  }, [eventId]);
  const allowed = sessionState.value?.auth === false || isAdmin();
  if (!allowed) return null;

  const remove = async () => {
    setStep('busy');
    const refused = await changeHistory('DELETE', `api/events/${eventId}`);
    setStep('idle');
    setError(refused);
  };

  if (step === 'idle') {
    return (
      <span class="delete-event">
        <button type="button" class="button danger" onClick={() => setStep('confirm')}>
          {t('historyView.delete')}
        </button>
        {error && <span class="clip-error">{t('historyView.deleteFailed', { reason: error })}</span>}
      </span>
    );
  }
  return (
    <div class="delete-confirm" role="alertdialog" aria-label={t('historyView.deleteConfirm')}>
      <p>{t('historyView.deleteConfirm')}</p>
      <button type="button" class="button" onClick={() => setStep('idle')} disabled={step === 'busy'}>
        {t('historyView.deleteNo')}
      </button>
      <button
        type="button"
        class="button primary danger-fill"
        onClick={() => void remove()}
        disabled={step === 'busy'}
      >
        {t('historyView.deleteYes')}
      </button>
    </div>
  );
}
