import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '@hybridmatch/config';
import { Clock, today } from '@hybridmatch/domain';
import { RequestClosingRepository } from '../repositories/request-closing.repository';

/**
 * Time is real: a teaching request whose period is over closes by itself, with the reason stored
 * (`status_reason`), by the daily `close-ended-requests` job (apps/worker). "Today" is the
 * injected clock's.
 */
@Injectable()
export class RequestClosingService {
  constructor(
    private readonly repository: RequestClosingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Closes every open, partially filled or filled request whose last day is before today; returns their ids. */
  async closeEnded(): Promise<string[]> {
    return this.repository.closeEndedBefore(today(this.clock), this.clock.now());
  }
}
