import { UserRole } from '@hybridmatch/domain';

/** What the signed access token carries; `AuthGuard` turns it into an `Actor`. */
export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  org: string | null;
  regions: string[];
  /** The user's `authVersion` when the token was issued; the verifier refuses older ones. */
  ver?: number;
  /**
   * Set only on a token made for one other use (the queue dashboard's ticket); an access token
   * carries none, and the verifier refuses each where the other is expected.
   */
  aud?: string;
  /** Expiry in seconds since the epoch, set by jsonwebtoken when the token is signed. */
  exp?: number;
}
