import { Module } from '@nestjs/common';
import { NotificationModule } from '../notifications/notification.module';
import { PlacementController } from './placement.controller';
import { PlacementService } from './placement.service';
import { ProposalAccess } from './proposal-access';
import { ProposalController } from './proposal.controller';
import { ProposalService } from './proposal.service';

@Module({
  imports: [NotificationModule],
  controllers: [ProposalController, PlacementController],
  providers: [ProposalService, PlacementService, ProposalAccess],
  exports: [ProposalService],
})
export class ProposalModule {}
