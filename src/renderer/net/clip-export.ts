import type { ExportProgress } from '../../shared/recording';

/** Tries per export; at one a second, a ten-minute encode on a busy Pi. */
const MAX_POLLS = 600;

/**
 * Asks the server for the event's H.264 MP4 until it is made (202 with progress meanwhile). Resolves null when
 * it is ready to download, else the reason it is not ('timeout' when it took too long).
 */
export async function prepareMp4(
  eventId: number,
  onProgress: (progress: number) => void,
): Promise<string | null> {
  const url = mp4Url(eventId);
  for (let i = 0; i < MAX_POLLS; i++) {
    const res = await fetch(url, { method: 'GET' }).catch(() => null);
    if (!res) return 'network';
    if (res.status === 200) {
      // Ready: the body is left to the download (or the share), which asks again.
      await res.body?.cancel();
      return null;
    }
    const body = (await res.json().catch(() => ({}))) as Partial<ExportProgress> & { error?: string };
    if (res.status !== 202) return body.error ?? `HTTP ${res.status}`;
    onProgress(body.progress ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return 'timeout';
}

export function mp4Url(eventId: number): string {
  return `api/events/${eventId}/clip.mp4`;
}

/** The made MP4 as a file to share. */
export async function mp4File(eventId: number): Promise<File> {
  const blob = await (await fetch(mp4Url(eventId))).blob();
  return new File([blob], `motion-event-${eventId}.mp4`, { type: 'video/mp4' });
}

/** Whether this browser can share a video file (Web Share API level 2): phones mostly, few desktops. */
export function canShareFiles(): boolean {
  if (typeof navigator.share !== 'function' || typeof navigator.canShare !== 'function') return false;
  return navigator.canShare({ files: [new File([], 'clip.mp4', { type: 'video/mp4' })] });
}
