import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { formatPercent } from '../i18n/format';
import { canShareFiles, mp4File, mp4Url, prepareMp4 } from '../net/clip-export';

type State =
  | { kind: 'idle' }
  | { kind: 'encoding'; progress: number }
  | { kind: 'failed'; reason: string }
  /** Made and fetched, but the browser wants a fresh tap to share (the encode outlasted the first tap). */
  | { kind: 'share-ready'; file: File };

/**
 * "Download MP4" and, where the browser can share files, "Share": both ask the server to make the event's
 * H.264 MP4 (202 with progress while it is being made) and show the progress; then the browser downloads it
 * (the server names the file) or opens the system share sheet with it.
 */
export function ClipDownload({ eventId }: { eventId: number }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => setState({ kind: 'idle' }), [eventId]);
  const sharing = canShareFiles();

  const make = async (): Promise<boolean> => {
    setState({ kind: 'encoding', progress: 0 });
    const failed = await prepareMp4(eventId, (progress) => setState({ kind: 'encoding', progress }));
    if (failed) {
      setState({ kind: 'failed', reason: failed === 'timeout' ? t('clip.exportTimeout') : failed });
      return false;
    }
    return true;
  };

  const download = async () => {
    if (!(await make())) return;
    const link = document.createElement('a');
    link.href = mp4Url(eventId);
    link.download = `motion-event-${eventId}.mp4`;
    link.click();
    setState({ kind: 'idle' });
  };

  const share = async (ready?: File) => {
    if (!ready && !(await make())) return;
    const file = ready ?? (await mp4File(eventId));
    try {
      await navigator.share({ files: [file], title: file.name });
      setState({ kind: 'idle' });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'AbortError') setState({ kind: 'idle' });
      else if (name === 'NotAllowedError' && !ready) setState({ kind: 'share-ready', file });
      else setState({ kind: 'failed', reason: (err as Error).message });
    }
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
      <button type="button" class="button" onClick={() => void download()}>
        {t('clip.download')}
      </button>
      {sharing && state.kind !== 'share-ready' && (
        <button type="button" class="button" onClick={() => void share()}>
          {t('historyView.share')}
        </button>
      )}
      {state.kind === 'share-ready' && (
        <button type="button" class="button primary" onClick={() => void share(state.file)}>
          {t('historyView.shareNow')}
        </button>
      )}
      {state.kind === 'failed' && (
        <span class="clip-error">{t('clip.exportFailed', { reason: state.reason })}</span>
      )}
    </span>
  );
}
