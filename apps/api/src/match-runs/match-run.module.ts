import { Module } from '@nestjs/common';
import { MatchRunController } from './match-run.controller';
import { MatchRunService } from './match-run.service';

@Module({ controllers: [MatchRunController], providers: [MatchRunService] })
export class MatchRunModule {}
