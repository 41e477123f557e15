import type { MotionLevel } from '../../shared/events';
import { t } from '../i18n';
import { formatPercent, formatTime } from '../i18n/format';
import { fetchSettings, fetchState } from '../net/api';
import { subscribeEvents } from '../net/event-stream';
import type { StreamMessage } from '../net/stream-message';
import { health } from './health';
import { addLevel } from './levels';
import { cameraStatus, connection, motionActive, motionBox, pageVisible, settings } from './live';
import { announcement, showNotice } from './notices';
import { notifyMotion } from './notifications';
import { addLive, atTop, endLive, loadOlder } from './timeline';

function onMessage(message: StreamMessage): void {
  switch (message.type) {
    case 'open':
      connection.value = 'open';
      if (message.resumed) showNotice('notice.resumed');
      break;
    case 'down':
      connection.value = 'down';
      break;
    case 'status':
      cameraStatus.value = message.data;
      break;
    case 'settings':
      settings.value = message.data;
      break;
    case 'health':
      health.value = message.data;
      break;
    case 'level':
      addLevel(message.data);
      followLevel(message.data);
      break;
    case 'gap':
      showNotice('notice.gap', { id: message.data.oldestId });
      break;
    case 'motion': {
      const start = message.data;
      motionBox.value = start.box;
      boxTs = start.ts;
      motionActive.value = true;
      addLive(start, pageVisible.value && atTop.value);
      announcement.value = t('announce.motion', {
        time: formatTime(start.ts),
        change: formatPercent(start.change),
      });
      notifyMotion(start);
      break;
    }
    case 'motion-end':
      motionBox.value = null;
      motionActive.value = false;
      endLive(message.data);
      break;
  }
}

/** Seconds a box stays drawn without a newer one: an old box would point where the motion no longer is. */
const boxHoldSeconds = 1.5;
/** Server time of the box on screen. */
let boxTs = 0;

/**
 * Keeps the live overlay in step with each `level`: the frame's own box when that frame counted as
 * moving (a box around a ticking camera clock below the threshold would only distract); otherwise the
 * last box is shown only briefly.
 */
function followLevel(level: MotionLevel): void {
  motionActive.value = level.active;
  const moving = level.change >= (settings.value?.threshold ?? 0);
  if (level.active && level.box && moving) {
    motionBox.value = level.box;
    boxTs = level.ts;
  } else if (!level.active || level.ts - boxTs > boxHoldSeconds) {
    motionBox.value = null;
  }
}

/**
 * Brings this tab up to date and keeps it so: subscribes to the shared event stream first, then
 * loads settings, state and the newest events (the timeline merges by id, so an event that arrives
 * both ways is shown once). Returns the function that disconnects.
 */
export function connect(): () => void {
  const unsubscribe = subscribeEvents(onMessage);
  void fetchSettings()
    .then((s) => {
      settings.value ??= s;
    })
    .catch(() => {});
  void fetchState()
    .then((s) => {
      cameraStatus.value ??= s.cameras[0] ?? null;
      health.value ??= s.health;
    })
    .catch(() => {});
  void loadOlder();
  return unsubscribe;
}
