import { useEffect, useRef } from 'preact/hooks';
import { language, t } from '../i18n';
import { filtering, historyFilter, narrowed, noFilter, pickedDay, unreviewedCount } from '../state/history';
import { pageVisible } from '../state/live';
import { outages } from '../state/outages';
import {
  atTop,
  events,
  historyState,
  loadOlder,
  markSeen,
  newerCut,
  reloadHistory,
  retryHistory,
  unseen,
} from '../state/timeline';
import { DayGroupedEvents } from './DayGroupedEvents';
import { HistoryFilters } from './HistoryFilters';
import { UpIcon } from './icons';

/** Back to the newest events (the filters stay). */
function showNewest(): void {
  pickedDay.value = null;
  reloadHistory();
}

/**
 * The event timeline, newest first. New events slide in at the top; while the user is scrolled away
 * (or the tab is hidden) they are counted as unseen. Reaching the end pages into history.
 */
export function Timeline() {
  const list = useRef<HTMLOListElement>(null);
  const top = useRef<HTMLLIElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const state = historyState.value;

  // Observing anew after each page reports the sentinel's visibility again, so a page too short
  // to fill the list keeps loading until the list scrolls or history ends.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || state !== 'idle') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadOlder();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [state]);

  // "At the top" = the newest event is in view, whether the list scrolls (landscape) or the page does (portrait).
  useEffect(() => {
    const el = top.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      atTop.value = entries.some((e) => e.isIntersecting);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (pageVisible.value && atTop.value) markSeen();
  }, [pageVisible.value, atTop.value]);

  useEffect(() => {
    const count = unreviewedCount.value;
    document.title = count > 0 ? `(${count}) ${t('app.title')}` : t('app.title');
  }, [unreviewedCount.value, language.value]);

  const toTop = () => {
    // New events the list does not show (filtered, or cut to keep it short): start it again from the newest.
    if (narrowed.value || newerCut.value) {
      showNewest();
      return;
    }
    top.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    list.current?.scrollTo({ top: 0, behavior: 'smooth' });
    markSeen();
  };

  return (
    <aside class="timeline" aria-labelledby="timeline-title">
      <div class="timeline-head">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        {unreviewedCount.value > 0 && (
          <span class="review-count" role="status">
            {t('historyView.unreviewedCount', { count: unreviewedCount.value })}
          </span>
        )}
      </div>
      <HistoryFilters />
      {/* Floating over the list's bottom edge (the page's, on a phone): where the user is reading. */}
      {unseen.value > 0 && (
        <button type="button" class="button pill unseen" onClick={toTop}>
          <UpIcon />
          {t('timeline.unseen', { count: unseen.value })}
        </button>
      )}
      <ol ref={list} class="events">
        <li ref={top} class="top-sentinel" aria-hidden="true" />
        {(newerCut.value || pickedDay.value) && (
          <li class="history-state">
            <button type="button" class="button ghost" onClick={showNewest}>
              <UpIcon />
              {t('historyView.showNewer')}
            </button>
          </li>
        )}
        <DayGroupedEvents events={events.value} outages={outages.value} />
        {events.value.length === 0 && state !== 'loading' && !filtering.value && (
          <li class="empty">{t('timeline.empty')}</li>
        )}
        {events.value.length === 0 && state !== 'loading' && filtering.value && (
          <li class="empty">
            {t('historyView.noMatch')}{' '}
            <button
              type="button"
              class="button ghost"
              onClick={() => {
                historyFilter.value = noFilter;
                showNewest();
              }}
            >
              {t('historyView.clearFilters')}
            </button>
          </li>
        )}
        <li class="history-state">
          <div ref={sentinel} />
          {state === 'idle' && (
            <button type="button" class="button ghost" onClick={() => void loadOlder()}>
              {t('timeline.loadMore')}
            </button>
          )}
          {state === 'loading' && <span>{t('timeline.loading')}</span>}
          {state === 'end' && events.value.length > 0 && <span>{t('timeline.end')}</span>}
          {state === 'error' && (
            <button type="button" class="button ghost" onClick={retryHistory}>
              {t('timeline.loadError')}
            </button>
          )}
        </li>
      </ol>
    </aside>
  );
}
