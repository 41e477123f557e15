import { useEffect, useState } from 'preact/hooks';
import type { ExportProgress } from '../../shared/recording';
import { t } from '../i18n';
import { formatPercent } from '../i18n/format';

/** Tries per export; at one a second, a ten-minute encode on a busy Pi. */
const MAX_POLLS = 600;

type State = { kind: 'idle' } | { kind: 'encoding'; progress: number } | { kind: 'failed'; reason: string };

/**
 * "Download MP4": asks the server to make the event's H.264 MP4 (202 with progress while it is being
 * made), shows the progress, then lets the browser download it (the server names the file).
 */
export function ClipDownload({ eventId }: { eventId: number }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => setState({ kind: 'idle' }), [eventId]);
  const url = `api/events/${eventId}/clip.mp4`;

  const start = async () => {
    setState({ kind: 'encoding', progress: 0 });
    for (let i = 0; i < MAX_POLLS; i++) {
      const res = await fetch(url, { method: 'GET' }).catch(() => null);
      if (!res) break;
      if (res.status === 200) {
        // Ready: the body is left to the browser's own download, which streams it to disk.
        await res.body?.cancel();
        const link = document.createElement('a');
        link.href = url;
        link.download = `motion-event-${eventId}.mp4`;
        link.click();
        setState({ kind: 'idle' });
        return;
      }
      const body = (await res.json().catch(() => ({}))) as Partial<ExportProgress> & { error?: string };
      if (res.status !== 202) {
        setState({ kind: 'failed', reason: body.error ?? `HTTP ${res.status}` });
        return;
      }
      setState({ kind: 'encoding', progress: body.progress ?? 0 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    setState({ kind: 'failed', reason: t('clip.exportTimeout') });
  };

  if (state.kind === 'encoding') {
    return (
      <span class="clip-export" role="status">
        <progress max={1} value={state.progress} />
        {t('clip.exporting', { progress: formatPercent(state.progress * 100) })}
      </span>
    );
  }
  return (
    <span class="clip-export">
      <button type="button" class="button" onClick={() => void start()}>
        {t('clip.download')}
      </button>
      {state.kind === 'failed' && (
        <span class="clip-error">{t('clip.exportFailed', { reason: state.reason })}</span>
      )}
    </span>
  );
}
