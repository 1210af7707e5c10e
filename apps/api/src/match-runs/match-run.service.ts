import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, FindOptionsWhere, In, QueryFailedError, Repository } from 'typeorm';
import {
  MatchRun,
  MatchRunStatus,
  MatchRunTrigger,
  Proposal,
  Region,
  TeacherProfile,
  TeachingRequest,
} from '@hybridmatch/database';
import { CLOCK } from '@hybridmatch/config';
import { Clock, Sentence, today, UserRole, messageOf } from '@hybridmatch/domain';
import { checkEligibility, regionCostOfForcing, whyNotSentences } from '@hybridmatch/matching';
import { assertQueueReady, JobPayloads, jobIds, QUEUES, withTimeout } from '@hybridmatch/queue';
import {
  AccessService,
  Actor,
  ConflictError,
  ErrorCode,
  InvalidStateTransitionError,
  loadRegionInput,
  NotFoundError,
  Page,
  pageWindow,
  Permission,
  unfilledBlocksOf,
} from '@hybridmatch/core';
import {
  ListMatchRunsQueryDto,
  MatchRunDto,
  StartMatchRunDto,
  UnfilledBlockDto,
  WhyNotDto,
  WhyNotQueryDto,
} from './match-run.dto';

/** What a run's status says about it, for refusals (in Dutch the web app's words, `matchRuns.statuses`). */
const RUN_STATE: Record<MatchRunStatus, Sentence> = {
  [MatchRunStatus.Queued]: { en: 'is still queued', nl: 'staat nog in de wachtrij' },
  [MatchRunStatus.Running]: { en: 'is still running', nl: 'is nog bezig' },
  [MatchRunStatus.Succeeded]: { en: 'has finished', nl: 'is klaar' },
  [MatchRunStatus.Failed]: { en: 'has failed', nl: 'is mislukt' },
};

/** PostgreSQL: a unique index refused the row. */
const UNIQUE_VIOLATION = '23505';
/** How long starting a run waits for Redis before leaving the job to the worker's poller. */
const REDIS_WAIT_MS = 2000;

/** What a failed run says to whoever reads it; the cause itself is the platform admin's (`error`). */
export const MATCH_RUN_FAILED_MESSAGE =
  'The match run could not be completed. Start it again; if it fails again, ask the platform administrator, who can see the cause.';

/**
 * A run as `actor` may read it: the raw cause (`error`: an exception's message, a database or
 * Redis error) only for the platform admin; everyone gets `failureMessage` on a failed run.
 */
export const toMatchRunDto = (run: MatchRun, actor: Actor): MatchRunDto => ({
  id: run.id,
  regionId: run.regionId,
  status: run.status,
  trigger: run.trigger,
  requestedByUserId: run.requestedByUserId,
  parameters: run.parameters,
  queuedAt: run.queuedAt,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  timings: run.timings,
  result: run.result,
  error: actor.role === UserRole.PlatformAdmin ? run.error : null,
  failureMessage: run.status === MatchRunStatus.Failed ? MATCH_RUN_FAILED_MESSAGE : null,
  shortageStatus: run.shortageStatus,
});

/**
 * Match runs: a coordinator (of the region) or the platform admin starts one; the row is written
 * first (queued), then the `match-run` job is added with the deterministic id `match-run-<id>-0`.
 * When Redis is away the row simply stays queued and the worker's poller queues it later. The
 * database refuses a second queued or running run for a region (partial unique index).
 */
@Injectable()
export class MatchRunService {
  private readonly logger = new Logger(MatchRunService.name);

  constructor(
    @InjectRepository(MatchRun) private readonly runs: Repository<MatchRun>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
    private readonly access: AccessService,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async start(actor: Actor, body: StartMatchRunDto): Promise<MatchRunDto> {
    await this.access.requireAccess(actor, Permission.RegionCoordinate, body, {
      what: 'Region',
      id: body.regionId,
    });
    if (!(await this.regions.existsBy({ id: body.regionId })))
      throw new NotFoundError('Region', body.regionId);
    let run: MatchRun;
    try {
      run = await this.runs.save(
        this.runs.create({
          regionId: body.regionId,
          status: MatchRunStatus.Queued,
          trigger: MatchRunTrigger.Manual,
          requestedByUserId: actor.userId,
          parameters: body.weights ? { weights: { ...body.weights } } : {},
        }),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        const active = await this.runs.findOneBy({
          regionId: body.regionId,
          status: In([MatchRunStatus.Queued, MatchRunStatus.Running]),
        });
        // No active run found: the one that refused this one finished in between.
        throw new ConflictError(
          ErrorCode.MatchRunInProgress,
          active
            ? `Match run ${active.id} for this region ${RUN_STATE[active.status].en}; start another once it has finished.`
            : 'A match run for this region finished just now; try again.',
          active
            ? `Een matchronde voor deze regio ${RUN_STATE[active.status].nl}; start een nieuwe zodra die klaar is.`
            : 'Een matchronde voor deze regio is net klaar; probeer het opnieuw.',
        );
      }
      throw error;
    }
    await this.enqueue(run.id);
    return toMatchRunDto(run, actor);
  }

  async list(actor: Actor, query: ListMatchRunsQueryDto): Promise<Page<MatchRunDto>> {
    const regionIds = this.access.regionScope(actor, query.regionId);
    const where: FindOptionsWhere<MatchRun> = {
      ...(regionIds && { regionId: In(regionIds) }),
      ...(query.status && { status: query.status }),
    };
    const [rows, total] = await this.runs.findAndCount({
      where,
      order: { queuedAt: 'DESC', id: 'ASC' },
      ...pageWindow(query),
    });
    return {
      items: rows.map((row) => toMatchRunDto(row, actor)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(actor: Actor, id: string): Promise<MatchRunDto> {
    const run = await this.runs.findOneBy({ id });
    await this.access.requireAccess(actor, Permission.MatchRunRead, run, { what: 'Match run', id });
    return toMatchRunDto(run as MatchRun, actor);
  }

  /** Every lesson block the run left unfilled, with the reasons (empty until the run succeeded). */
  async unfilled(actor: Actor, id: string): Promise<UnfilledBlockDto[]> {
    const run = await this.runs.findOne({
      where: { id },
      select: { id: true, regionId: true, unfilled: true },
    });
    await this.access.requireAccess(actor, Permission.MatchRunRead, run, { what: 'Match run', id });
    return unfilledBlocksOf((run as MatchRun).unfilled);
  }

  /**
   * "Why not teacher X for request Y" in a finished run, on the region as the run saw it (its own
   * proposals taken back; everything else as it is now): the failing rules (checkEligibility), or
   * when X is eligible the regional cost of forcing X onto Y (two engine solves). Teacher and
   * request must belong to the run's region (otherwise 404).
   */
  async whyNot(actor: Actor, id: string, query: WhyNotQueryDto): Promise<WhyNotDto> {
    const run = await this.runs.findOne({
      where: { id },
      select: { id: true, regionId: true, status: true, parameters: true },
    });
    await this.access.requireAccess(actor, Permission.MatchRunRead, run, { what: 'Match run', id });
    const { regionId, status, parameters } = run as MatchRun;
    if (status !== MatchRunStatus.Succeeded)
      throw new InvalidStateTransitionError(
        `This match run ${RUN_STATE[status].en}; why a teacher was not proposed can only be seen for a run that succeeded.`,
        `Deze matchronde ${RUN_STATE[status].nl}; waarom een docent niet is voorgesteld, is alleen te zien bij een geslaagde ronde.`,
      );
    const { teacherId, teachingRequestId } = query;
    const teacher = await this.dataSource.getRepository(TeacherProfile).findOne({
      where: { id: teacherId, company: { regionId } },
      select: { id: true, firstName: true, lastName: true },
    });
    if (!teacher) throw new NotFoundError('Teacher', teacherId);
    const requestInRegion = await this.dataSource
      .getRepository(TeachingRequest)
      .existsBy({ id: teachingRequestId, school: { regionId } });
    if (!requestInRegion) throw new NotFoundError('Teaching request', teachingRequestId);

    const base = { matchRunId: id, teacherId, teachingRequestId, failures: [], forcing: null };
    const teacherName = `${teacher.firstName} ${teacher.lastName}`;
    const proposed = await this.dataSource
      .getRepository(Proposal)
      .existsBy({ matchRunId: id, teacherId, requestId: teachingRequestId });
    if (proposed)
      return { ...base, status: 'proposed', sentences: whyNotSentences({ teacherName, status: 'proposed' }) };
    const input = await loadRegionInput(this.dataSource.manager, regionId, today(this.clock), {
      withoutProposalsOfRun: id,
    });
    const matchTeacher = input.teachers.find((candidate) => candidate.id === teacherId);
    const request = input.requests.find((candidate) => candidate.id === teachingRequestId);
    if (!matchTeacher)
      return {
        ...base,
        status: 'not_offered',
        sentences: whyNotSentences({ teacherName, status: 'not_offered' }),
      };
    if (!request)
      return {
        ...base,
        status: 'no_open_blocks',
        sentences: whyNotSentences({ teacherName, status: 'no_open_blocks' }),
      };
    const options = { weights: parameters.weights, exclude: input.exclude, today: input.today };
    const report = checkEligibility(matchTeacher, request, undefined, options);
    if (!report.eligible) {
      const rules = [...new Set(report.failures.map((failure) => failure.rule))];
      return {
        ...base,
        status: 'ineligible',
        failures: report.failures.map((failure) => ({
          rule: failure.rule,
          message: failure.message,
          blockId: failure.blockId ?? null,
        })),
        sentences: whyNotSentences({ teacherName, status: 'ineligible', rules }),
      };
    }
    const {
      teacherId: _t,
      requestId: _r,
      ...forcing
    } = regionCostOfForcing(input.teachers, input.requests, teacherId, teachingRequestId, options);
    return {
      ...base,
      status: 'eligible',
      forcing,
      sentences: whyNotSentences({ teacherName, status: 'eligible', forcing }),
    };
  }

  /** Best effort: the row is already committed, so a lost or skipped job is re-queued by the worker's poller. */
  private async enqueue(matchRunId: string): Promise<void> {
    try {
      await assertQueueReady(this.queue, REDIS_WAIT_MS);
      const payload: JobPayloads['match-run'] = { matchRunId };
      await withTimeout(
        this.queue.add('match-run', payload, { jobId: jobIds.matchRun(matchRunId, 0) }),
        REDIS_WAIT_MS,
        'Redis did not accept the job',
      );
    } catch (error) {
      this.logger.warn(`Match run ${matchRunId} stays queued for the worker's poller: ${messageOf(error)}`);
    }
  }
}
