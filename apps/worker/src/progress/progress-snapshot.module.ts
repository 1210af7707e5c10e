import { Module } from '@nestjs/common';
import { ProgressSnapshotProcessor } from './progress-snapshot.processor';
import { ProgressSnapshotScheduler } from './progress-snapshot.scheduler';

/** The weekly progress snapshot (reports queue), through ProgressService from @hybridmatch/core. */
@Module({ providers: [ProgressSnapshotProcessor, ProgressSnapshotScheduler] })
export class ProgressSnapshotWorkerModule {}
