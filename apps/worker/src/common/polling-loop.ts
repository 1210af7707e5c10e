import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { messageOf } from '@hybridmatch/domain';

/**
 * A pass that the worker repeats every few seconds from PostgreSQL (so it catches up after Redis
 * comes back), one pass at a time; shutdown waits for the pass in flight. A streak of failures is
 * logged once when it starts and once when it ends, not on every pass.
 */
export abstract class PollingLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;

  protected constructor(
    protected readonly logger: Logger,
    private readonly intervalMs: number,
    /** What a paused loop means for users, e.g. "notifications stay pending". */
    private readonly whilePaused: string,
  ) {}

  /** One pass of the loop's work. */
  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
  }

  private async pass(): Promise<void> {
    if (!this.timer) return;
    try {
      await this.runOnce();
      if (this.failing) this.logger.log('Works again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Paused, ${this.whilePaused}: ${messageOf(error)}`);
      this.failing = true;
    }
  }
}
