/**
 * Access tokens whose signature this process has checked, with their claims, until they expire:
 * a client sends the same token on every request for its 15 minutes, and checking the HMAC each
 * time was 4–8 % of a read route's CPU. Pure bookkeeping, no I/O.
 *
 * The signature of a given token against the process's key cannot change, so remembering the
 * answer is safe. What can change (the account deactivated, signed out everywhere) is not kept
 * here: the verifier asks SignInStates on every request. Expiry is checked as jsonwebtoken checks
 * it (the token is valid while now < exp), on the same wall clock. The oldest entry makes room
 * when `maxEntries` is reached.
 */
export class VerifiedTokenCache<Claims extends { exp?: number }> {
  private readonly entries = new Map<string, Claims>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The claims of a token verified before and not yet expired. */
  get(token: string): Claims | undefined {
    const claims = this.entries.get(token);
    if (claims === undefined) return undefined;
    if (!this.unexpired(claims)) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Remembers a token whose signature was just verified. A token without `exp` is never kept. */
  keep(token: string, claims: Claims): void {
    if (!this.unexpired(claims)) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, claims);
  }

  get size(): number {
    return this.entries.size;
  }

  private unexpired(claims: Claims): boolean {
    return typeof claims.exp === 'number' && this.now() < claims.exp * 1000;
  }
}
