import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Proposal } from '@hybridmatch/database';
import { Actor } from '../access/actor';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { NotFoundError } from '../errors/domain-error';
import { CounterpartRepository } from '../repositories/counterpart.repository';
import { counterpartView, CounterpartView, viewerOf } from './counterpart-view';

/** The parties of a proposal (and its placement) as the caller may see them (`COUNTERPART_FIELDS`). */
@Injectable()
export class CounterpartService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly counterparts: CounterpartRepository,
  ) {}

  async ofProposal(actor: Actor, id: string): Promise<CounterpartView> {
    const proposal = await this.dataSource.manager.findOneBy(Proposal, { id });
    if (!proposal) throw new NotFoundError('Proposal', id);
    await this.access.requireAccess(actor, Permission.ProposalRead, proposal, { what: 'Proposal', id });
    const found = await this.counterparts.factsOfProposal(this.dataSource.manager, id);
    if (!found) throw new NotFoundError('Proposal', id);
    return counterpartView(found.facts, viewerOf(actor.role), found.placed);
  }
}
