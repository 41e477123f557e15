import type { MotionLevel } from '../../shared/events';
import { t } from '../i18n';
import { formatPercent, formatTime } from '../i18n/format';
import { fetchSettings, fetchState } from '../net/api';
import { subscribeEvents } from '../net/event-stream';
import { fetchArming } from '../net/integrations-api';
import type { StreamMessage } from '../net/stream-message';
import { arming } from './arming';
import { health, recordingsProblem } from './health';
import { newestKnownId, unreviewedCount } from './history';
import { addLevel, loadLevelHistory } from './levels';
import { cameraStatus, connection, motionBox, motionNow, ongoingPeak, pageVisible, settings } from './live';
import { addLiveLabel, clearLiveLabels } from './live-labels';
import { announcement, showNotice } from './notices';
import { notifyMotion } from './notifications';
import { connectionBack, connectionDown } from './outages';
import { showUpdates, withNextPicture } from './screen-updates';
import { offerSetup } from './setup';
import { addLive, applyReviewed, atTop, dropEvent, endLive, labelLive, loadOlder } from './timeline';
import { openEventId } from './viewer';

/** How long the "history was pruned" banner stays, in ms. */
const gapBannerMs = 15_000;

function onMessage(message: StreamMessage): void {
  // Levels wait for the next picture (see `withNextPicture`); anything else that touches the same signals
  // must land after them.
  if (message.type !== 'level') showUpdates();
  switch (message.type) {
    case 'open':
      connection.value = 'open';
      void connectionBack();
      break;
    case 'down':
      // A tab joining while the shared stream is still connecting hears `down` first: no outage then.
      if (connection.value === 'open') connectionDown();
      connection.value = 'down';
      setMotionNow(false);
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
    case 'arming':
      arming.value = message.data;
      break;
    case 'level':
      addLevel(message.data);
      toFollow.push(message.data);
      withNextPicture(followLevels);
      break;
    case 'gap':
      showNotice('notice.gap', { id: message.data.oldestId }, gapBannerMs);
      break;
    case 'motion': {
      const start = message.data;
      motionBox.value = start.box;
      boxTs = start.ts;
      ongoingPeak.value = { id: start.id, peak: start.change };
      clearLiveLabels();
      setMotionNow(true);
      addLive(start, pageVisible.value && atTop.value);
      announcement.value = t('announce.motion', {
        time: formatTime(start.ts),
        change: formatPercent(start.change),
      });
      notifyMotion(start);
      break;
    }
    case 'motion-label':
      labelLive(message.data);
      addLiveLabel(message.data, ongoingPeak.value?.id ?? null);
      break;
    case 'reviewed':
      applyReviewed(message.data);
      break;
    case 'motion-deleted':
      dropEvent(message.data.motionId, message.data.unreviewed);
      if (openEventId.value === message.data.motionId) openEventId.value = null;
      break;
    case 'motion-end':
      motionBox.value = null;
      clearLiveLabels();
      setMotionNow(false);
      if (ongoingPeak.value?.id === message.data.motionId) ongoingPeak.value = null;
      endLive(message.data);
      break;
  }
}

/**
 * How long "Motion" stays up after the last frame that counted as moving, in ms: long enough to
 * bridge the level samples (5 per second) that dip under the threshold mid-movement, short enough
 * that the badge ends with the motion.
 */
const motionHoldMs = 1200;
let motionTimer: ReturnType<typeof setTimeout> | undefined;

function setMotionNow(moving: boolean): void {
  clearTimeout(motionTimer);
  motionNow.value = moving;
  if (moving) motionTimer = setTimeout(() => setMotionNow(false), motionHoldMs);
}

/** Seconds a box stays drawn without a newer one: an old box would point where the motion no longer is. */
const boxHoldSeconds = 1.5;
/** Server time of the box on screen. */
let boxTs = 0;

/** Levels received and not yet shown on the overlay, oldest first. */
let toFollow: MotionLevel[] = [];

function followLevels(): void {
  const levels = toFollow;
  toFollow = [];
  for (const level of levels) followLevel(level);
}

/**
 * Keeps the live overlay in step with each `level`: the frame's own box when that frame counted as
 * moving (a box around a ticking camera clock below the threshold would only distract); otherwise the
 * last box is shown only briefly.
 */
function followLevel(level: MotionLevel): void {
  const moving = level.change >= (settings.value?.threshold ?? 0);
  if (level.active && moving) setMotionNow(true);
  else if (!level.active) setMotionNow(false);
  const open = ongoingPeak.value;
  if (level.active && open && level.change > open.peak)
    ongoingPeak.value = { id: open.id, peak: level.change };
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
      unreviewedCount.value = s.history?.unreviewed ?? 0;
      newestKnownId.value = Math.max(newestKnownId.value, s.lastEventId);
      recordingsProblem.value = s.recordings?.problem ?? null;
      offerSetup(s);
    })
    .catch(() => {});
  // A tab that joins a shared stream missed its first `arming` message: ask once.
  void fetchArming().then((result) => {
    if (result.ok) arming.value ??= result.value;
  });
  void loadOlder();
  void loadLevelHistory();
  const stopPolling = pollRecordings();
  return () => {
    stopPolling();
    unsubscribe();
  };
}

/** How often the recordings' storage problem is asked for, in ms (it is not on the event stream). */
const recordingsPollMs = 30_000;

/** Keeps `recordingsProblem` current while the page is visible; returns the function that stops. */
function pollRecordings(): () => void {
  const ask = () => {
    if (!pageVisible.value) return;
    void fetchState()
      .then((s) => {
        recordingsProblem.value = s.recordings?.problem ?? null;
      })
      .catch(() => {});
  };
  const timer = setInterval(ask, recordingsPollMs);
  return () => clearInterval(timer);
}
