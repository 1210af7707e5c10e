import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountPagesController } from './account-pages.controller';
import { AnswerPagesController } from './answer-pages.controller';

/**
 * Server-rendered pages that links in e-mails lead to and that need no sign-in: choosing a password
 * (invite, reset) and answering a proposal. Everything else is the web app at /app.
 */
@Module({
  imports: [AuthModule],
  controllers: [AccountPagesController, AnswerPagesController],
})
export class PagesModule {}
