import { Injectable, Logger } from '@nestjs/common';
import { PollingLoop } from '../common/polling-loop';
import { OutboxRelay } from './outbox-relay.service';

/** How often the worker looks for notifications to relay (the API's nudge usually comes first). */
export const RELAY_INTERVAL_MS = 2000;

/**
 * Runs the outbox relay in the worker process every few seconds. It reads PostgreSQL, not Redis,
 * so rows written while Redis was down (or whose jobs Redis lost) are found once Redis is back.
 */
@Injectable()
export class OutboxRelayPoller extends PollingLoop {
  constructor(private readonly relay: OutboxRelay) {
    super(new Logger(OutboxRelayPoller.name), RELAY_INTERVAL_MS, 'notifications stay pending');
  }

  protected async runOnce(): Promise<void> {
    const relayed = await this.relay.relayPending();
    if (relayed > 0) this.logger.debug(`Relayed ${relayed} notifications`);
  }
}
