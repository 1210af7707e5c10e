/**
 * The sign-in states an API process has read, kept until the database announces a change
 * (`hm_sign_in_changed`, see migration 1797400000000) — pure bookkeeping, no I/O.
 *
 * - Entries are used only while the announcements are heard (`listening`); when the listening
 *   connection is lost everything is dropped and reads go to the database until it is back.
 * - A read that races an announcement is not kept: each announcement moves `generation`, and
 *   `keep` refuses a value read under an older generation.
 * - `forget` (called by this process's own writes, inside or after their transaction) also holds
 *   the id back from caching until its announcement arrives, so a write's own process never uses
 *   the old state after the write commits, whatever the order of commit and announcement.
 * - Every entry also ages out after `maxAgeMs`, a bound in case a connection stalls without an error.
 */
interface Entry<State> {
  state: State;
  readAt: number;
}

export class SignInStateCache<State> {
  private readonly entries = new Map<string, Entry<State>>();
  private readonly heldBack = new Map<string, number>();
  private generation = 0;
  private listening = false;

  constructor(
    private readonly options: { maxEntries: number; maxAgeMs: number; holdBackMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** The state when it is known and fresh. */
  get(id: string): State | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (!this.listening || this.now() - entry.readAt > this.options.maxAgeMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.state;
  }

  /** A token for `keep`: take it before reading the database. */
  readStarts(): number {
    return this.generation;
  }

  /** Keeps what was read, unless an announcement came in meanwhile or the id is held back. */
  keep(id: string, state: State, readStartedAt: number): void {
    if (!this.listening || readStartedAt !== this.generation || this.isHeldBack(id)) return;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { state, readAt: this.now() });
  }

  /** The database announced a change of this account. */
  changed(id: string): void {
    this.generation++;
    this.entries.delete(id);
    this.heldBack.delete(id);
  }

  /** This process changes the account: drop it and keep it out until the announcement. */
  forget(id: string): void {
    this.generation++;
    this.entries.delete(id);
    this.heldBack.set(id, this.now());
  }

  /** Listening started (true) or was lost (false); either way, what was kept is dropped. */
  setListening(listening: boolean): void {
    this.generation++;
    this.listening = listening;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private isHeldBack(id: string): boolean {
    const since = this.heldBack.get(id);
    if (since === undefined) return false;
    if (this.now() - since <= this.options.holdBackMs) return true;
    this.heldBack.delete(id);
    return false;
  }
}
