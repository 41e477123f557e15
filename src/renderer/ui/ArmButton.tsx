import { t } from '../i18n';
import { formatWeekClock } from '../i18n/weekdays';
import { arming, armingError, mayAdminister, toggleArmed } from '../state/arming';
import { ShieldIcon } from './icons';

/** "Armed", "Disarmed", or with the schedule's next switch: "Disarmed until 07:00" (today), "… until Mon 07:00". */
export function armingText(): string | null {
  const state = arming.value;
  if (!state) return null;
  const until = state.until ? formatWeekClock(state.until) : null;
  if (state.detecting) return until ? t('arming.armedUntil', { time: until }) : t('arming.armed');
  return until ? t('arming.disarmedUntil', { time: until }) : t('arming.disarmed');
}

/**
 * The phrase, and the state word alone ("Disarmed") when they differ: the crowded 800 px kiosk header shows the
 * word (CSS picks by width); the whole phrase stays in the accessible name.
 */
function armText(text: string, detecting: boolean) {
  const short = t(detecting ? 'arming.armed' : 'arming.disarmed');
  if (short === text)
    return (
      <span class="arm-text" aria-hidden="true">
        {text}
      </span>
    );
  return (
    <>
      <span class="arm-text arm-long" aria-hidden="true">
        {text}
      </span>
      <span class="arm-text arm-short" aria-hidden="true">
        {short}
      </span>
    </>
  );
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
      <span class={cls} role="status" aria-label={text} title={t('arming.hint')}>
        <ShieldIcon />
        {armText(text, state.detecting)}
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
      {armText(text, state.detecting)}
    </button>
  );
}
