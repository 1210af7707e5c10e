import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { MATCH_SCHEDULE_TIMEZONE, MatchRunSchedule, Region } from '@hybridmatch/database';
import { assertQueueReady, QUEUES, withTimeout } from '@hybridmatch/queue';
import {
  AccessService,
  Actor,
  applyMatchScheduler,
  ConcurrentUpdateError,
  cronProblem,
  nextRunOf,
  NotFoundError,
  Permission,
  ValidationError,
} from '@hybridmatch/core';
import { messageOf } from '@hybridmatch/domain';
import { MatchRunScheduleDto, PutMatchRunScheduleDto } from './match-run-schedule.dto';

/** PostgreSQL: a unique index refused the row. */
const UNIQUE_VIOLATION = '23505';
/** How long a change waits for Redis before leaving the job scheduler to the worker's sync. */
const REDIS_WAIT_MS = 2000;

const toScheduleDto = (schedule: MatchRunSchedule, nextRunAt: Date | null): MatchRunScheduleDto => ({
  regionId: schedule.regionId,
  cron: schedule.cron,
  timezone: schedule.timezone,
  enabled: schedule.enabled,
  nextRunAt,
  updatedByUserId: schedule.updatedByUserId,
  updatedAt: schedule.updatedAt,
  version: schedule.version,
});

const toDto = (schedule: MatchRunSchedule) =>
  toScheduleDto(schedule, schedule.enabled ? nextRunOf(schedule) : null);

/**
 * Per-region match-run schedules (coordinator of the region or platform admin). The row is the
 * truth: it is written first, then the region's BullMQ job scheduler is made to match it, best
 * effort. When Redis is away the change is only logged; the worker's MatchScheduleSync makes every
 * job scheduler match the table when its Redis connection is ready again.
 */
@Injectable()
export class MatchRunScheduleService {
  private readonly logger = new Logger(MatchRunScheduleService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(MatchRunSchedule) private readonly schedules: Repository<MatchRunSchedule>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
    private readonly access: AccessService,
  ) {}

  async get(actor: Actor, regionId: string): Promise<MatchRunScheduleDto> {
    await this.assertRegion(actor, regionId);
    return toDto(await this.findOrFail(regionId));
  }

  async put(actor: Actor, regionId: string, body: PutMatchRunScheduleDto): Promise<MatchRunScheduleDto> {
    await this.assertRegion(actor, regionId);
    const problem = cronProblem(body.cron, MATCH_SCHEDULE_TIMEZONE);
    if (problem) throw ValidationError.field('cron', problem, 'isCron');
    const cron = body.cron.trim().split(/\s+/).join(' ');
    let saved: MatchRunSchedule;
    try {
      saved = await this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(MatchRunSchedule);
        const current = await repository.findOne({
          where: { regionId },
          lock: { mode: 'pessimistic_write' },
        });
        if (body.version !== undefined && current?.version !== body.version) {
          throw new ConcurrentUpdateError(
            current
              ? `The schedule was changed since you read it (it is at version ${current.version}, you sent ${body.version}); reload it and try again.`
              : 'The schedule was deleted since you read it; reload it and try again.',
          );
        }
        const changes = { cron, enabled: body.enabled, updatedByUserId: actor.userId };
        return repository.save(
          current
            ? repository.merge(current, changes)
            : repository.create({ regionId, timezone: MATCH_SCHEDULE_TIMEZONE, ...changes }),
        );
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new ConcurrentUpdateError(
          'Someone else created this schedule at the same moment; reload it and try again.',
        );
      }
      throw error;
    }
    await this.syncScheduler(regionId);
    return toDto(saved);
  }

  /** Removes the schedule; answers with what it was. Runs already started are not affected. */
  async remove(actor: Actor, regionId: string): Promise<MatchRunScheduleDto> {
    await this.assertRegion(actor, regionId);
    const schedule = await this.findOrFail(regionId);
    await this.schedules.delete({ regionId });
    await this.syncScheduler(regionId);
    return toScheduleDto(schedule, null);
  }

  private async assertRegion(actor: Actor, regionId: string): Promise<void> {
    await this.access.requireAccess(
      actor,
      Permission.RegionCoordinate,
      { regionId },
      { what: 'Region', id: regionId },
    );
    if (!(await this.regions.existsBy({ id: regionId }))) throw new NotFoundError('Region', regionId);
  }

  private async findOrFail(regionId: string): Promise<MatchRunSchedule> {
    const schedule = await this.schedules.findOneBy({ regionId });
    if (!schedule) throw new NotFoundError('Match-run schedule of region', regionId);
    return schedule;
  }

  /**
   * Best effort, after commit: makes the job scheduler match the row as it is now (re-read, so
   * the last of two quick changes wins in Redis too). A failure is left to the worker's sync.
   */
  private async syncScheduler(regionId: string): Promise<void> {
    try {
      await assertQueueReady(this.queue, REDIS_WAIT_MS);
      const current = await this.schedules.findOneBy({ regionId });
      await withTimeout(
        applyMatchScheduler(this.queue, regionId, current),
        REDIS_WAIT_MS,
        'Redis did not accept the job scheduler',
      );
    } catch (error) {
      this.logger.warn(`Job scheduler of region ${regionId} left to the worker's sync: ${messageOf(error)}`);
    }
  }
}
