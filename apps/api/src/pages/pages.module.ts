import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountPagesController } from './account-pages.controller';
import { AnswerPagesController } from './answer-pages.controller';
import { ProposalPagesController } from './proposal-pages.controller';

/** Server-rendered pages that links in e-mails lead to (until the web app exists). */
@Module({
  imports: [AuthModule],
  controllers: [AccountPagesController, AnswerPagesController, ProposalPagesController],
})
export class PagesModule {}
