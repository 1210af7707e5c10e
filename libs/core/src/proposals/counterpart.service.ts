import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Proposal } from '@hybridmatch/database';
import { Actor } from '../access/actor';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { NotFoundError } from '../errors/domain-error';
import { CounterpartRepository } from '../repositories/counterpart.repository';
import { RateCardService } from '../rates/rate-card.service';
import { counterpartView, CounterpartView, viewerOf } from './counterpart-view';

/** The parties of a proposal (and its placement) as the caller may see them (`COUNTERPART_FIELDS`). */
@Injectable()
export class CounterpartService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly counterparts: CounterpartRepository,
    private readonly rates: RateCardService,
  ) {}

  async ofProposal(actor: Actor, id: string): Promise<CounterpartView> {
    const proposal = await this.dataSource.manager.findOneBy(Proposal, { id });
    if (!proposal) throw new NotFoundError('Proposal', id);
    await this.access.requireAccess(actor, Permission.ProposalRead, proposal, { what: 'Proposal', id });
    const manager = this.dataSource.manager;
    const found = await this.counterparts.factsOfProposal(manager, id);
    if (!found) throw new NotFoundError('Proposal', id);
    const cost = await this.rates.costOf(manager, proposal, found.agreed ?? undefined);
    return counterpartView({ ...found.facts, cost }, viewerOf(actor.role), found.placed);
  }
}
