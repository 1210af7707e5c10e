import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { MatchRunShortageStatus, MatchRunStatus, MatchRunTrigger } from '@hybridmatch/database';
import { PageMetaDto, PageQueryDto } from '../common/pagination';

const enumMessage = (values: object) => ({ message: `must be one of: ${Object.values(values).join(', ')}` });
const WEIGHT = { message: 'must be a number of points' };
const MAX_WEIGHT = 100_000;

// ---- input -------------------------------------------------------------------------------------

/** Overrides of the engine's score weights (points); see docs/MATCHING.md for the defaults. */
export class ScoreWeightsDto {
  @ApiPropertyOptional({ example: 1000, description: 'Points for filling a block at all (default 1000)' })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  fill?: number;

  @ApiPropertyOptional({ example: 150, description: 'Skill fit (default 150)' })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  skill?: number;

  @ApiPropertyOptional({ example: 150, description: 'Short travel (default 150)' })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  travel?: number;

  @ApiPropertyOptional({ example: 200, description: 'One teacher covering more of a request (default 200)' })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  coverage?: number;

  @ApiPropertyOptional({ example: 100, description: 'Taught at this school before (default 100)' })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  continuity?: number;

  @ApiPropertyOptional({ example: 50, description: "The teacher's preferred subject (default 50)" })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  preference?: number;

  @ApiPropertyOptional({
    example: 100,
    description: 'Spreading work over teachers and companies (default 100)',
  })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  fairness?: number;

  @ApiPropertyOptional({
    example: 25,
    description: 'Points less for each further block one teacher gets (default 25)',
  })
  @IsOptional()
  @IsNumber({}, WEIGHT)
  @Min(0)
  @Max(MAX_WEIGHT)
  fairnessPerBlock?: number;
}

export class StartMatchRunDto {
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01', description: 'The region to match' })
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId: string;

  @ApiPropertyOptional({ type: ScoreWeightsDto, description: 'Score weight overrides for this run' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoreWeightsDto)
  weights?: ScoreWeightsDto;
}

export class ListMatchRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;

  @ApiPropertyOptional({ enum: MatchRunStatus, example: MatchRunStatus.Succeeded })
  @IsOptional()
  @IsEnum(MatchRunStatus, enumMessage(MatchRunStatus))
  status?: MatchRunStatus;
}

export class WhyNotQueryDto {
  @ApiProperty({ example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819', description: 'The teacher asked about' })
  @IsUUID('all', { message: 'must be a teacher id (UUID)' })
  teacherId: string;

  @ApiProperty({
    example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'The teaching request asked about',
  })
  @IsUUID('all', { message: 'must be a teaching request id (UUID)' })
  teachingRequestId: string;
}

// ---- output ------------------------------------------------------------------------------------

export class MatchRunParametersDto {
  @ApiPropertyOptional({ example: { travel: 300 }, description: 'Score weight overrides' })
  weights?: Record<string, number>;
}

export class MatchRunTimingsDto {
  @ApiPropertyOptional({ example: 42, description: 'Reading the region from the database (ms)' })
  loadMs?: number;
  @ApiPropertyOptional({
    example: {
      eligibilityMs: 3,
      graphMs: 1,
      solveMs: 5,
      sideRulesMs: 1,
      certificateMs: 1,
      explanationMs: 2,
      totalMs: 13,
    },
    description: "The engine's phases (ms)",
  })
  engine?: Record<string, number>;
  @ApiPropertyOptional({ example: 120, description: 'Storing the proposals and notifications (ms)' })
  storeMs?: number;
  @ApiPropertyOptional({ example: 310, description: 'Computing the shortage signals (region re-solves, ms)' })
  shortageMs?: number;
  @ApiPropertyOptional({ example: 40, description: 'Explaining the unfilled blocks (ms)' })
  explainUnfilledMs?: number;
  @ApiPropertyOptional({ example: 175, description: 'The whole run (ms)' }) totalMs?: number;
}

export class MatchRunProofDto {
  @ApiProperty({
    enum: ['flow', 'mip', 'heuristic'],
    example: 'mip',
    description:
      'flow: no side rule bound, the certified flow optimum; mip: the exact solve (HiGHS) closed the gap or improved the answer; heuristic: the engine’s answer, not improved within the time limit',
  })
  method: 'flow' | 'mip' | 'heuristic';
  @ApiProperty({
    example: true,
    description: 'The answer is the proven optimum of the documented model (gap 0)',
  })
  proven: boolean;
  @ApiProperty({ example: 493498, description: 'Score of the answer (points)' }) score: number;
  @ApiProperty({ example: 493498, description: 'Proven upper bound on the score of every feasible answer' })
  upperBound: number;
  @ApiProperty({ example: 0, description: '(upperBound − score) / upperBound; 0 = proven optimal' })
  gap: number;
  @ApiProperty({ example: 431132, description: 'Score of the engine’s own answer before the exact solve' })
  heuristicScore: number;
  @ApiProperty({
    example: 'optimal',
    nullable: true,
    type: String,
    description: 'HiGHS model status; null: no MIP needed',
  })
  mipStatus: string | null;
  @ApiProperty({ example: 5356, description: 'Time in the MIP (ms)' }) mipMs: number;
  @ApiProperty({ example: 20, description: 'The MIP time limit of the run (MATCH_TIME_LIMIT_SECONDS)' })
  timeLimitSeconds: number;
}

export class CompanyShareDto {
  @ApiProperty({ example: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }) companyId: string;
  @ApiProperty({ example: 4, description: 'Teachers of the company the run considered' }) teachers: number;
  @ApiProperty({ example: 1440, description: 'Released teaching minutes per week of those teachers' })
  offeredMinutes: number;
  @ApiProperty({ example: 180, description: 'Minutes per week promised before the run' })
  committedMinutes: number;
  @ApiProperty({ example: 360, description: 'Minutes per week the run proposed' }) proposedMinutes: number;
  @ApiProperty({ example: 0.375, description: '(committed + proposed) / offered' }) share: number;
  @ApiProperty({ example: 0.2857, description: 'proposed / (offered − committed)' }) runShare: number;
}

export class MatchRunFairnessDto {
  @ApiProperty({ type: [CompanyShareDto], description: 'Per company, largest share first' })
  companies: CompanyShareDto[];
  @ApiProperty({ example: 0.1 }) minShare: number;
  @ApiProperty({ example: 0.5 }) maxShare: number;
  @ApiProperty({ example: 0.4, description: 'maxShare − minShare' }) spread: number;
  @ApiProperty({
    example: 0.83,
    description:
      'Jain’s index over the shares: 1 = every company equally used, 1/n = one company carries all',
  })
  jainIndex: number;
}

export class MatchRunResultDto {
  @ApiProperty({ example: 12, description: 'Requests with at least one free lesson block' })
  requestsConsidered: number;
  @ApiProperty({ example: 30, description: 'Active teachers of companies in the region' })
  teachersConsidered: number;
  @ApiProperty({ example: 20, description: 'Free lesson blocks' }) blocksConsidered: number;
  @ApiProperty({ example: 17 }) blocksFilled: number;
  @ApiProperty({ example: 9, description: 'Requests whose free blocks were all proposed' })
  requestsFilled: number;
  @ApiProperty({ example: 3060, description: 'Teaching minutes per week proposed' }) minutesPerWeek: number;
  @ApiProperty({ example: 24150, description: 'Sum of the proposals’ scores (points)' }) totalScore: number;
  @ApiProperty({ example: 0.85, description: 'blocksFilled / blocksConsidered' }) fillRate: number;
  @ApiProperty({ example: 14 }) proposalsCreated: number;
  @ApiPropertyOptional({
    type: MatchRunProofDto,
    description: 'What is proven about the answer (absent on runs made before the exact solve)',
  })
  proof?: MatchRunProofDto;
  @ApiPropertyOptional({
    type: MatchRunFairnessDto,
    description:
      'Fairness between companies within the run: each company’s share of its offered capacity in use (absent on older runs)',
  })
  fairness?: MatchRunFairnessDto;
}

export class RuleCountDto {
  @ApiProperty({ example: 'VOG', description: 'Rule code (see docs/MATCHING.md)' }) rule: string;
  @ApiProperty({ example: 3, description: 'Teachers of the region' }) teachers: number;
}

export class NearestMissDto extends RuleCountDto {
  @ApiProperty({
    example: ['3b1f8c7e-2a4d-4e5f-9a6b-7c8d9e0f1a2b'],
    description: 'The teachers failing only this rule',
  })
  teacherIds: string[];
}

export class ShiftedStartDto {
  @ApiProperty({ example: 540, description: 'Start in minutes since midnight (540 = 09:00)' }) start: number;
  @ApiProperty({ example: 2, description: 'Teachers failing only WINDOW who could take the block then' })
  teachers: number;
}

export class SentencesDto {
  @ApiProperty({ example: ['3 docenten zouden in aanmerking komen met een geldige VOG.'] }) nl: string[];
  @ApiProperty({ example: ['3 teachers would qualify with a valid VOG.'] }) en: string[];
}

export class UnfilledBlockDto {
  @ApiProperty({ example: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f' }) requestId: string;
  @ApiProperty({ example: '6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a' }) blockId: string;
  @ApiProperty({ example: 104, description: 'Teachers the run considered' }) teachersInRegion: number;
  @ApiProperty({ example: 0, description: 'Teachers passing every rule for this block alone' })
  eligibleTeachers: number;
  @ApiProperty({ type: [RuleCountDto], description: 'Per rule: teachers failing it, most first' })
  failing: RuleCountDto[];
  @ApiProperty({ type: [NearestMissDto], description: 'Per rule: teachers failing only that rule' })
  nearestMisses: NearestMissDto[];
  @ApiProperty({
    type: ShiftedStartDto,
    nullable: true,
    description: 'A start time that admits window-only misses',
  })
  shiftedStart: ShiftedStartDto | null;
  @ApiProperty({
    type: [RuleCountDto],
    description:
      'Eligible teachers held back by what the run gave them: SAME_DAY, RELEASED_DAYS, RELEASED_MINUTES, WORKING_HOURS, SIX_HOUR_RULE, NO_TEAM or NOT_CHOSEN',
  })
  heldBack: RuleCountDto[];
  @ApiProperty({
    example: 12.4,
    nullable: true,
    type: Number,
    description: 'Nearest teacher with the subject and level (km); null: none in the region',
  })
  nearestSkilledKm: number | null;
  @ApiProperty({ type: SentencesDto }) sentences: SentencesDto;
}

export class RuleFailureDto {
  @ApiProperty({ example: 'VOG', description: 'Rule code (checkEligibility; see docs/MATCHING.md)' })
  rule: string;
  @ApiProperty({ example: 'VOG issued 2025-01-01 is older than 6 months at the period start 2026-09-01' })
  message: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'The lesson block the failure concerns; null: the whole request',
  })
  blockId: string | null;
}

export class AssignmentChangeDto {
  @ApiProperty({ example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }) requestId: string;
  @ApiProperty({ example: '4c5d6e7f-8091-4a2b-b3c4-d5e6f708192a' }) blockId: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Teacher without forcing; null: unfilled',
  })
  fromTeacherId: string | null;
  @ApiProperty({
    example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819',
    nullable: true,
    type: String,
    description: 'Teacher with the teacher forced in; null: left unfilled',
  })
  toTeacherId: string | null;
}

export class ForcingCostDto {
  @ApiProperty({
    example: 24150,
    description: 'Region score (points) of the best answer found without forcing',
  })
  scoreWithout: number;
  @ApiProperty({ example: 23980, description: 'Region score with the teacher forced onto the request' })
  scoreForced: number;
  @ApiProperty({ example: 170, description: 'scoreWithout − scoreForced (≥ 0)' }) cost: number;
  @ApiProperty({ example: 17 }) blocksFilledWithout: number;
  @ApiProperty({ example: 17 }) blocksFilledForced: number;
  @ApiProperty({ example: 3060 }) minutesFilledWithout: number;
  @ApiProperty({ example: 3060 }) minutesFilledForced: number;
  @ApiProperty({
    example: ['4c5d6e7f-8091-4a2b-b3c4-d5e6f708192a'],
    description: 'The blocks the teacher takes',
  })
  forcedBlockIds: string[];
  @ApiProperty({ type: [AssignmentChangeDto], description: 'Every block whose teacher changes' })
  changes: AssignmentChangeDto[];
}

export class WhyNotDto {
  @ApiProperty({ example: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' }) matchRunId: string;
  @ApiProperty({ example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819' }) teacherId: string;
  @ApiProperty({ example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }) teachingRequestId: string;
  @ApiProperty({
    enum: ['proposed', 'ineligible', 'eligible', 'not_offered', 'no_open_blocks'],
    example: 'ineligible',
    description:
      'proposed: the run proposed this teacher for it; ineligible: see failures; eligible: see forcing; not_offered: the profile is inactive or no longer available; no_open_blocks: the request has nothing open',
  })
  status: string;
  @ApiProperty({ type: [RuleFailureDto], description: 'Every failing rule (ineligible)' })
  failures: RuleFailureDto[];
  @ApiProperty({
    type: ForcingCostDto,
    nullable: true,
    description: 'Eligible: the region re-solved with the teacher forced onto the request',
  })
  forcing: ForcingCostDto | null;
  @ApiProperty({ type: SentencesDto }) sentences: SentencesDto;
}

export class MatchRunDto {
  @ApiProperty({ example: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' }) id: string;
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' }) regionId: string;
  @ApiProperty({ enum: MatchRunStatus, example: MatchRunStatus.Queued }) status: MatchRunStatus;
  @ApiProperty({ enum: MatchRunTrigger, example: MatchRunTrigger.Manual }) trigger: MatchRunTrigger;
  @ApiProperty({
    example: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    nullable: true,
    type: String,
    description: 'Null: a scheduled run',
  })
  requestedByUserId: string | null;
  @ApiProperty({ type: MatchRunParametersDto }) parameters: MatchRunParametersDto;
  @ApiProperty({ example: '2026-09-01T08:30:00.000Z', type: String, format: 'date-time' }) queuedAt: Date;
  @ApiProperty({ example: '2026-09-01T08:30:01.000Z', nullable: true, type: String, format: 'date-time' })
  startedAt: Date | null;
  @ApiProperty({ example: '2026-09-01T08:30:02.000Z', nullable: true, type: String, format: 'date-time' })
  finishedAt: Date | null;
  @ApiProperty({ type: MatchRunTimingsDto, nullable: true }) timings: MatchRunTimingsDto | null;
  @ApiProperty({ type: MatchRunResultDto, nullable: true, description: 'Set once the run succeeded' })
  result: MatchRunResultDto | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description:
      'Platform admin only (null for coordinators): the raw cause of the failure; on a run that went on, what interrupted an earlier attempt',
  })
  error: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'On a failed run, a plain sentence for the coordinator (without the cause); null otherwise',
  })
  failureMessage: string | null;
  @ApiProperty({
    enum: MatchRunShortageStatus,
    nullable: true,
    example: MatchRunShortageStatus.Computed,
    description:
      'The shortage signals of a succeeded run, computed by a job of their own after it is stored: pending (owed), computed (GET /api/shortage-signals), failed. Null: none owed',
  })
  shortageStatus: MatchRunShortageStatus | null;
}

export class MatchRunPageDto extends PageMetaDto {
  @ApiProperty({ type: [MatchRunDto] }) items: MatchRunDto[];
}
