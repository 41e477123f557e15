import { t } from '../i18n';
import { sessionError, sessionState, signedIn } from '../state/access';
import { App } from './App';
import { NoAuthBanner } from './NoAuthBanner';
import { SessionsPanel } from './SessionsPanel';
import { SignIn } from './SignIn';

/** The dashboard when this browser may see it, the sign-in screen when it may not. */
export function AccessGate() {
  const state = sessionState.value;
  if (!state) {
    return (
      <p class="gate-wait">{sessionError.value ? t('access.unreachable') : t('connection.connecting')}</p>
    );
  }
  if (!signedIn(state)) return <SignIn passwordSet={state.passwordSet} />;
  return (
    <>
      <NoAuthBanner />
      <App />
      <SessionsPanel />
    </>
  );
}
