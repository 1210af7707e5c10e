import { useEffect, useSyncExternalStore } from 'react';
import { refreshSession, session } from '../api/session';
import { PageLoader } from '../ui/PageLoader';
import { Shell } from './Shell';
import { SignInPage } from './SignInPage';

/**
 * The gate in front of every page: on load it tries the refresh cookie; signed out, it shows the
 * sign-in form at the same address, so a link from an e-mail opens its page right after sign-in.
 */
export function SignedIn() {
  const status = useSyncExternalStore(session.subscribe, session.status);
  useEffect(() => {
    if (status === 'unknown') void refreshSession();
  }, [status]);
  if (status === 'unknown') return <PageLoader />;
  if (status === 'signedOut') return <SignInPage />;
  return <Shell />;
}
