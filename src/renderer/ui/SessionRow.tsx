import type { SessionInfo } from '../../shared/access';
import { locale, t } from '../i18n';

/** "2 minutes ago", in the UI language. */
function ago(ts: number): string {
  const seconds = Math.round(ts - Date.now() / 1000);
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return t('access.justNow');
  if (Math.abs(seconds) < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** One signed-in device: its name (editable), role, last seen, and a revoke button. */
export function SessionRow(props: {
  session: SessionInfo;
  rename(name: string): Promise<void>;
  revoke(): Promise<void>;
}) {
  const { session } = props;
  return (
    <li class="session" data-session-id={session.id}>
      <input
        class="session-name"
        aria-label={t('access.name')}
        value={session.name}
        maxLength={64}
        onChange={(e) => {
          const name = (e.currentTarget as HTMLInputElement).value.trim();
          if (name && name !== session.name) void props.rename(name);
        }}
      />
      <span class="session-meta">
        {t(session.role === 'admin' ? 'access.roleAdmin' : 'access.roleViewer')}
        {session.kiosk && ` · ${t('access.kiosk')}`}
        {session.current && ` · ${t('access.thisDevice')}`}
        {` · ${t('access.lastSeen', { ago: ago(session.lastSeenAt) })}`}
      </span>
      <button
        type="button"
        class="button danger"
        disabled={session.current}
        onClick={() => void props.revoke()}
      >
        {t('access.revoke')}
      </button>
    </li>
  );
}
