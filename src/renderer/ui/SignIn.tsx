import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { type AccessResult, pairWithCode, signInWithPassword } from '../net/access-api';
import { refreshSession } from '../state/access';

/**
 * The screen a browser without a session sees: type the short code shown on the kiosk (or scan its QR code,
 * which opens the pairing URL directly), or sign in with the owner's password when one is set.
 */
export function SignIn({ passwordSet }: { passwordSet: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event, attempt: () => Promise<AccessResult<unknown>>) => {
    event.preventDefault();
    setBusy(true);
    const result = await attempt();
    setBusy(false);
    if (result.ok) await refreshSession();
    else setError(result.status === 429 ? t('access.tooMany') : result.error);
  };

  return (
    <main class="sign-in">
      <h1 class="title">{t('app.title')}</h1>
      <p>{t('access.signInIntro')}</p>
      <form
        class="sign-in-form"
        onSubmit={(e) => {
          const code = new FormData(e.currentTarget as HTMLFormElement).get('code');
          void submit(e, () => pairWithCode(String(code ?? '')));
        }}
      >
        <label for="pair-code">{t('access.codeLabel')}</label>
        <input
          id="pair-code"
          name="code"
          required
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={16}
          placeholder="ABCD-EFGH"
        />
        <button type="submit" class="button primary" disabled={busy}>
          {t('access.pair')}
        </button>
      </form>
      {passwordSet && (
        <form
          class="sign-in-form"
          onSubmit={(e) => {
            const password = new FormData(e.currentTarget as HTMLFormElement).get('password');
            void submit(e, () => signInWithPassword(String(password ?? '')));
          }}
        >
          <label for="sign-in-password">{t('access.passwordLabel')}</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            required
            autocomplete="current-password"
          />
          <button type="submit" class="button" disabled={busy}>
            {t('access.signIn')}
          </button>
        </form>
      )}
      <p class="sign-in-error" role="alert">
        {error}
      </p>
    </main>
  );
}
