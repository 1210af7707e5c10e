import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SignInState, UserRepository } from '@hybridmatch/core';
import { SignInStateCache } from './sign-in-state-cache';

const RELISTEN_AFTER_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The accounts' sign-in states for the access-token check, without a database read per request:
 * kept in memory and forgotten when the database announces a change (see SignInStateCache for the
 * guarantees). While the announcements cannot be heard (starting, or the listening connection
 * lost), every check reads the database, as before; listening is retried with a growing pause.
 */
@Injectable()
export class SignInStates implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SignInStates.name);
  private readonly cache = new SignInStateCache<SignInState>({
    maxEntries: 50_000,
    maxAgeMs: 60_000,
    holdBackMs: 10_000,
  });
  private stopListening: (() => Promise<void>) | null = null;
  private relisten: NodeJS.Timeout | null = null;
  private failures = 0;
  private shuttingDown = false;

  constructor(private readonly users: UserRepository) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.relisten) clearTimeout(this.relisten);
    await this.stopListening?.();
  }

  async of(userId: string): Promise<SignInState | null> {
    const known = this.cache.get(userId);
    if (known) return known;
    const readStartedAt = this.cache.readStarts();
    const state = await this.users.signInState(userId);
    if (state) this.cache.keep(userId, state, readStartedAt);
    return state;
  }

  /** This process is changing the account's sign-in state (call it in or after the write). */
  forget(userId: string): void {
    this.cache.forget(userId);
  }

  private async listen(): Promise<void> {
    try {
      this.stopListening = await this.users.listenForSignInChanges(
        (userId) => this.cache.changed(userId),
        (error) => this.lost(error),
      );
      this.failures = 0;
      this.cache.setListening(true);
    } catch (error) {
      this.lost(error as Error);
    }
  }

  private lost(error: Error): void {
    this.cache.setListening(false);
    this.stopListening = null;
    if (this.shuttingDown) return;
    const pause = RELISTEN_AFTER_MS[Math.min(this.failures++, RELISTEN_AFTER_MS.length - 1)];
    this.logger.warn(
      `Not hearing sign-in changes (${error.message}); every request reads its account until listening again in ${pause} ms`,
    );
    this.relisten = setTimeout(() => void this.listen(), pause);
    this.relisten.unref();
  }
}
