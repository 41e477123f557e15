import { t } from '../i18n';
import { pushError, pushState, subscribePush, unsubscribePush } from '../state/push';

/** Subscribe or unsubscribe this browser to Web Push; where it cannot work, says why instead of a button. */
export function PushSection() {
  const state = pushState.value;
  const message = {
    insecure: t('integrations.pushInsecure'),
    unsupported: t('integrations.pushUnsupported'),
    denied: t('integrations.pushDenied'),
    off: t('integrations.pushInactive'),
    on: t('integrations.pushActive'),
    working: t('integrations.working'),
  }[state];
  return (
    <section aria-labelledby="push-title" class="integration">
      <h3 id="push-title">{t('integrations.pushTitle')}</h3>
      <div class="field-row">
        <p class="grow push-state" data-state={state}>
          {message}
        </p>
        {(state === 'off' || state === 'on') && (
          <button
            type="button"
            class={`button${state === 'off' ? ' primary' : ''}`}
            onClick={() => void (state === 'off' ? subscribePush() : unsubscribePush())}
          >
            {state === 'off' ? t('integrations.pushOn') : t('integrations.pushOff')}
          </button>
        )}
      </div>
      {pushError.value && (
        <p class="integration-error" role="alert">
          {pushError.value}
        </p>
      )}
    </section>
  );
}
