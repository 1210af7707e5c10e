import type { components } from './schema';

type SessionTokens = components['schemas']['SessionTokensDto'];
export type Problem = components['schemas']['ProblemDetailsDto'];
export type SessionStatus = 'unknown' | 'signedOut' | 'signedIn';

/** A refusal from the API outside the typed client (which hands out the problem itself). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * The sign-in of this tab. The access token lives only in memory; the refresh token is in the
 * httpOnly cookie `hm_refresh` that only the auth routes receive, so no script can read it. On
 * load and whenever the API answers 401, `refreshSession` trades the cookie for a new access token.
 */
let accessToken: string | null = null;
let status: SessionStatus = 'unknown';
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setToken(token: string | null): void {
  accessToken = token;
  status = token ? 'signedIn' : 'signedOut';
  listeners.forEach((listener) => listener());
}

export const session = {
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  status: (): SessionStatus => status,
  authorization: (): string | null => (accessToken ? `Bearer ${accessToken}` : null),
};

async function postAuth(path: string, body: object): Promise<Response> {
  return fetch(`/api/auth/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Trades the refresh cookie for a new access token; concurrent callers share one request. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= postAuth('refresh', {})
    .then(async (response) => {
      setToken(response.ok ? ((await response.json()) as SessionTokens).accessToken : null);
      return response.ok;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Signs in; a refused sign-in throws the API's problem. */
export async function signIn(email: string, password: string): Promise<void> {
  const response = await postAuth('login', { email, password, refreshTokenIn: 'cookie' });
  if (!response.ok) throw new ProblemError((await response.json()) as Problem);
  setToken(((await response.json()) as SessionTokens).accessToken);
}

export async function signOut(): Promise<void> {
  await postAuth('logout', {});
  setToken(null);
}
