import { SignInStateCache } from './sign-in-state-cache';

interface State {
  authVersion: number;
  deactivated: boolean;
}

const state = (authVersion = 0, deactivated = false): State => ({ authVersion, deactivated });

function cacheAt(start = 1_000) {
  const clock = { now: start };
  const cache = new SignInStateCache(
    { maxEntries: 3, maxAgeMs: 60_000, holdBackMs: 10_000 },
    () => clock.now,
  );
  cache.setListening(true);
  return { cache, clock };
}

describe('SignInStateCache', () => {
  it('keeps a read state and answers it until the database announces a change', () => {
    const { cache } = cacheAt();
    cache.keep('u1', state(3), cache.readStarts());
    expect(cache.get('u1')).toEqual(state(3));
    cache.changed('u1');
    expect(cache.get('u1')).toBeUndefined();
  });

  it('keeps nothing while it does not hear the announcements, and drops all when it stops hearing them', () => {
    const { cache } = cacheAt();
    cache.keep('u1', state(), cache.readStarts());
    cache.setListening(false);
    expect(cache.get('u1')).toBeUndefined();
    cache.keep('u1', state(), cache.readStarts());
    expect(cache.get('u1')).toBeUndefined();
  });

  it('does not keep a value read before an announcement that arrived during the read', () => {
    const { cache } = cacheAt();
    const started = cache.readStarts();
    cache.changed('u1');
    cache.keep('u1', state(1), started);
    expect(cache.get('u1')).toBeUndefined();
  });

  it("holds an account this process changed out of the cache until the change's announcement arrives", () => {
    const { cache } = cacheAt();
    cache.keep('u1', state(1), cache.readStarts());
    cache.forget('u1');
    // A read between the write and its commit sees the old state; it must not be kept.
    cache.keep('u1', state(1), cache.readStarts());
    expect(cache.get('u1')).toBeUndefined();
    cache.changed('u1');
    cache.keep('u1', state(2), cache.readStarts());
    expect(cache.get('u1')).toEqual(state(2));
  });

  it('lets a held-back account be kept again once the hold-back has passed (a write that rolled back)', () => {
    const { cache, clock } = cacheAt();
    cache.forget('u1');
    clock.now += 10_001;
    cache.keep('u1', state(1), cache.readStarts());
    expect(cache.get('u1')).toEqual(state(1));
  });

  it('ages entries out and drops the oldest beyond its size', () => {
    const { cache, clock } = cacheAt();
    for (const id of ['u1', 'u2', 'u3', 'u4']) cache.keep(id, state(), cache.readStarts());
    expect(cache.size).toBe(3);
    expect(cache.get('u1')).toBeUndefined();
    expect(cache.get('u4')).toEqual(state());
    clock.now += 60_001;
    expect(cache.get('u4')).toBeUndefined();
  });
});
