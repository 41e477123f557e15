import { t } from '../i18n';
import { formatClock } from '../i18n/format';
import { arming, armingError, mayAdminister, toggleArmed } from '../state/arming';
import { ShieldIcon } from './icons';

/** "Armed", "Disarmed", or with the schedule's next switch: "Disarmed until 07:00". */
export function armingText(): string | null {
  const state = arming.value;
  if (!state) return null;
  const until = state.until ? formatClock(state.until) : null;
  if (state.detecting) return until ? t('arming.armedUntil', { time: until }) : t('arming.armed');
  return until ? t('arming.disarmedUntil', { time: until }) : t('arming.disarmed');
}

/**
 * The arm switch on the main screen: detection's state now, and for admins a tap that arms or disarms. Every page
 * shows the change through the stream's `arming` message, whoever made it (dashboard, kiosk, MQTT).
 */
export function ArmButton() {
  const state = arming.value;
  const text = armingText();
  if (!state || !text) return null;
  const error = armingError.value;
  const cls = `arm ${state.detecting ? 'arm-on' : 'arm-off'}`;
  if (!mayAdminister()) {
    return (
      <span class={cls} role="status" title={t('arming.hint')}>
        <ShieldIcon />
        <span class="arm-text">{text}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      class={`button ${cls}`}
      aria-pressed={state.armed}
      aria-label={`${text}. ${state.armed ? t('arming.disarm') : t('arming.arm')}`}
      title={error ? t('arming.failed', { reason: error }) : t('arming.hint')}
      onClick={() => void toggleArmed()}
    >
      <ShieldIcon />
      <span class="arm-text" aria-hidden="true">
        {text}
      </span>
    </button>
  );
}
