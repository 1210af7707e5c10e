import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';

/** How often the worker looks for notifications to relay (the API's nudge usually comes first). */
export const RELAY_INTERVAL_MS = 2000;

/**
 * Runs the outbox relay in the worker process every few seconds. It reads PostgreSQL, not Redis,
 * so rows written while Redis was down (or whose jobs Redis lost) are found once Redis is back.
 * One pass at a time; shutdown waits for the pass in flight.
 */
@Injectable()
export class OutboxRelayPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayPoller.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), RELAY_INTERVAL_MS);
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
      const relayed = await this.relay.relayPending();
      if (this.failing) this.logger.log('Outbox relay works again');
      this.failing = false;
      if (relayed > 0) this.logger.debug(`Relayed ${relayed} notifications`);
    } catch (error) {
      // Log the first failure of a streak only: while Redis is down every pass fails.
      if (!this.failing) this.logger.warn(`Outbox relay paused, notifications stay pending: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
    }
  }
}
