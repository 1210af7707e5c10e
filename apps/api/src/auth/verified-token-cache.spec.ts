import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;
  const expiresIn = (seconds: number) => ({ sub: 'u', exp: Math.floor(now / 1000) + seconds });

  beforeEach(() => {
    now = 1_000_000_000_000;
  });

  it('gives back the claims of a kept token until the second it expires, then forgets it', () => {
    const cache = new VerifiedTokenCache<{ sub: string; exp?: number }>(10, clock);
    const claims = expiresIn(60);
    cache.keep('token-a', claims);
    expect(cache.get('token-a')).toBe(claims);
    expect(cache.get('token-b')).toBeUndefined();

    now += 59_999;
    expect(cache.get('token-a')).toBe(claims);
    now += 1;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never keeps a token without an expiry or one already expired', () => {
    const cache = new VerifiedTokenCache<{ sub: string; exp?: number }>(10, clock);
    cache.keep('no-exp', { sub: 'u' });
    cache.keep('expired', expiresIn(0));
    expect(cache.get('no-exp')).toBeUndefined();
    expect(cache.get('expired')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('makes room by forgetting the oldest token', () => {
    const cache = new VerifiedTokenCache<{ sub: string; exp?: number }>(2, clock);
    cache.keep('first', expiresIn(60));
    cache.keep('second', expiresIn(60));
    cache.keep('third', expiresIn(60));
    expect(cache.size).toBe(2);
    expect(cache.get('first')).toBeUndefined();
    expect(cache.get('second')).toBeDefined();
    expect(cache.get('third')).toBeDefined();
  });
});
