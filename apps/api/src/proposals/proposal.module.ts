import { Module } from '@nestjs/common';
import { PlacementController } from './placement.controller';
import { ProposalController } from './proposal.controller';

/** HTTP for proposals and placements; the lifecycle itself is `ProposalService` in `@hybridmatch/core`. */
@Module({ controllers: [ProposalController, PlacementController] })
export class ProposalModule {}
