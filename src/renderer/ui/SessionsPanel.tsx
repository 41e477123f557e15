import { useEffect, useRef, useState } from 'preact/hooks';
import type { PairingCodeInfo, Role, SessionInfo } from '../../shared/access';
import { t } from '../i18n';
import { formatTime } from '../i18n/format';
import { kiosk } from '../kiosk';
import {
  createPairingCode,
  listSessions,
  renameSession,
  revokeSession,
  setPassword,
} from '../net/access-api';
import { accessOpen } from '../state/access';
import { SessionRow } from './SessionRow';
import { SheetHead } from './SheetHead';

/**
 * The devices panel (admins): every signed-in device with its name and when it was last seen, to rename or
 * revoke; pairing codes for a new viewer or admin, shown as a QR code and a short code; the sign-in password.
 * Opened in the kiosk it shows an admin code at once, for the phone in the owner's hand.
 */
export function SessionsPanel() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = accessOpen.value;
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [code, setCode] = useState<PairingCodeInfo | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reload = async () => {
    const result = await listSessions();
    if (result.ok) setSessions(result.value);
    else setMessage(result.error);
  };
  const newCode = async (role: Role) => {
    const result = await createPairingCode(role);
    if (result.ok) setCode(result.value);
    else setMessage(result.error);
  };

  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) {
      el.showModal();
      void reload();
      if (kiosk?.isKiosk) void newCode('admin');
    }
    if (!open && el?.open) el.close();
    if (!open) setCode(null);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void reload(), 10_000);
    return () => clearInterval(timer);
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class="sheet sessions"
      aria-labelledby="sessions-title"
      onClose={() => {
        accessOpen.value = false;
      }}
    >
      <SheetHead
        id={'sessions-title'}
        title={t('access.devices')}
        closeLabel={t('settings.close')}
        onClose={() => dialog.current?.close()}
      />
      {open && (
        <div class="sheet-body">
          <section aria-labelledby="pair-title">
            <h3 id="pair-title">{t('access.pairDevice')}</h3>
            <div class="field-row">
              <button type="button" class="button" onClick={() => void newCode('viewer')}>
                {t('access.pairViewer')}
              </button>
              <button type="button" class="button" onClick={() => void newCode('admin')}>
                {t('access.pairAdmin')}
              </button>
            </div>
            {code && <PairingCode code={code} renew={() => void newCode(code.role)} />}
          </section>
          <section aria-labelledby="sessions-list-title">
            <h3 id="sessions-list-title">{t('access.signedIn')}</h3>
            <ul class="session-list">
              {sessions.map((s) => (
                <SessionRow
                  key={s.id}
                  session={s}
                  rename={async (name) => {
                    const result = await renameSession(s.id, name);
                    if (!result.ok) setMessage(result.error);
                    await reload();
                  }}
                  revoke={async () => {
                    const result = await revokeSession(s.id);
                    if (!result.ok) setMessage(result.error);
                    await reload();
                  }}
                />
              ))}
            </ul>
          </section>
          <PasswordForm report={setMessage} />
          <p class="field-status" role="status">
            {message}
          </p>
        </div>
      )}
    </dialog>
  );
}

function PairingCode({ code, renew }: { code: PairingCodeInfo; renew: () => void }) {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`;
  return (
    <div class="pairing-code">
      <img class="pairing-qr" src={src} alt={t('access.qrAlt')} width={200} height={200} />
      <div>
        <p class="pairing-short" data-testid="pairing-code">
          {code.code}
        </p>
        <p class="help">
          {t(code.role === 'admin' ? 'access.codeForAdmin' : 'access.codeForViewer', {
            time: formatTime(code.expiresAt),
          })}
        </p>
        <button type="button" class="button" onClick={renew}>
          {t('access.renew')}
        </button>
      </div>
    </div>
  );
}

function PasswordForm({ report }: { report: (text: string) => void }) {
  return (
    <section aria-labelledby="password-title">
      <h3 id="password-title">{t('access.password')}</h3>
      <form
        class="field-row"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement;
          const result = await setPassword(String(new FormData(form).get('password') ?? ''));
          report(result.ok ? t('access.passwordSaved') : result.error);
          if (result.ok) form.reset();
        }}
      >
        <label class="sr-only" for="new-password">
          {t('access.password')}
        </label>
        <input id="new-password" name="password" type="password" minLength={8} autocomplete="new-password" />
        <button type="submit" class="button">
          {t('access.setPassword')}
        </button>
      </form>
    </section>
  );
}
