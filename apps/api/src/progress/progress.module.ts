import { Module } from '@nestjs/common';
import { ProgressController } from './progress.controller';

/** Progress toward the 1,000 over HTTP (report, CSV export, weekly trend); the service is in @hybridmatch/core. */
@Module({ controllers: [ProgressController] })
export class ProgressModule {}
