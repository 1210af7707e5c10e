import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PlacementStatus, ProposalEventAction, ProposalExplanation } from '@hybridmatch/database';
import { ProposalAnswer, ProposalParty, ProposalStatus, UserRole } from '@hybridmatch/domain';
import {
  AnswerDecision,
  AnswerProposal,
  ApprovalView,
  ApproveBatch,
  ApproveProposal,
  ErrorCode,
  ListPlacementsQuery,
  ListProposalsQuery,
  PlacementCost,
  PlacementPage,
  PlacementSlotView,
  PlacementView,
  ProposalEventView,
  PROPOSAL_SORTS,
  ProposalNames,
  ProposalSort,
  ProposalView,
  Reason,
} from '@hybridmatch/core';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { enumMessage, IsCalendarDate, IsPlausibleRate } from '../common/validators';

// ---- input -------------------------------------------------------------------------------------

/** The filters proposals and placements share. */
class ProposalFiltersDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a teaching request id (UUID)' })
  requestId?: string;

  @ApiPropertyOptional({ example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a teacher id (UUID)' })
  teacherId?: string;

  @ApiPropertyOptional({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;

  @ApiPropertyOptional({
    example: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    description: 'Only what this match run proposed (placements: made from its proposals)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a match run id (UUID)' })
  matchRunId?: string;
}

export class ListProposalsQueryDto extends ProposalFiltersDto implements ListProposalsQuery {
  @ApiPropertyOptional({ enum: ProposalStatus, example: ProposalStatus.AwaitingApproval })
  @IsOptional()
  @IsEnum(ProposalStatus, enumMessage(ProposalStatus))
  status?: ProposalStatus;

  @ApiPropertyOptional({
    enum: PROPOSAL_SORTS,
    example: 'score',
    description:
      'The order: newest (default), score (best first), expiresAt (soonest first), teacher or school (by name); a leading "-" reverses it. Ties go by id',
  })
  @IsOptional()
  @IsIn(PROPOSAL_SORTS, { message: `must be one of: ${PROPOSAL_SORTS.join(', ')}` })
  sort?: ProposalSort;
}

export class ListPlacementsQueryDto extends ProposalFiltersDto implements ListPlacementsQuery {
  @ApiPropertyOptional({ enum: PlacementStatus, example: PlacementStatus.Active })
  @IsOptional()
  @IsEnum(PlacementStatus, enumMessage(PlacementStatus))
  status?: PlacementStatus;
}

/** The version the caller last saw: when given and the proposal changed since, the answer is a 409. */
class ExpectedVersionDto {
  @ApiPropertyOptional({
    example: 3,
    description: 'The proposal version you last saw; a mismatch is a 409 CONCURRENT_UPDATE',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  version?: number;
}

export class AnswerProposalDto extends ExpectedVersionDto implements AnswerProposal {
  @ApiProperty({
    enum: AnswerDecision,
    example: AnswerDecision.Accept,
    description: 'Your party follows from your role',
  })
  @IsIn(Object.values(AnswerDecision), enumMessage(AnswerDecision))
  decision: AnswerDecision;

  @ApiPropertyOptional({ example: 'Donderdagmiddag past niet in het rooster.', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}

export class ReasonDto extends ExpectedVersionDto implements Reason {
  @ApiProperty({ example: 'De school heeft de aanvraag ingetrokken.', minLength: 3, maxLength: 1000 })
  @IsString({ message: 'is required: say why' })
  @MinLength(3, { message: 'must say why (at least 3 characters)' })
  @MaxLength(1000)
  reason: string;
}

export class ApproveProposalDto extends ExpectedVersionDto implements ApproveProposal {
  @ApiPropertyOptional({
    example: 9500,
    description:
      "Agreed hourly rate in euro cents (9500 = €95.00). Leave out to take the company's rate card; a different rate must be plausible (€25–€250), within 20 % of the card's and needs `rateReason` (docs/COSTS.md)",
  })
  @IsOptional()
  @IsPlausibleRate()
  hourlyRateCents?: number;

  @ApiPropertyOptional({
    example: 'Langere reistijd; afgesproken met het bedrijf.',
    maxLength: 500,
    description: 'Why the rate departs from the rate card (kept in the audit trail)',
  })
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'must say why (at least 3 characters)' })
  @MaxLength(500)
  rateReason?: string;

  @ApiPropertyOptional({
    example: '2026-09-08',
    description:
      "First day; default and minimum: the latest of the request's start, the teacher's availability start and the first lesson day after today (never backdated)",
  })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({
    example: '2027-01-29',
    description:
      "Last day, inclusive; default and maximum: the earlier of the request's and the teacher's ends",
  })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @ApiProperty({ example: 'Marieke de Vries', description: 'The werkplekbegeleider at the school' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  supervisorName: string;

  @ApiProperty({ example: 'm.devries@roc.example.nl' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  supervisorEmail: string;
}

export class BatchApprovalItemDto extends ApproveProposalDto {
  @ApiProperty({ example: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4' })
  @IsUUID('all', { message: 'must be a proposal id (UUID)' })
  proposalId: string;
}

export class ApproveBatchDto implements ApproveBatch {
  @ApiProperty({ type: [BatchApprovalItemDto], description: 'Each item is approved in its own transaction' })
  @ValidateNested({ each: true })
  @Type(() => BatchApprovalItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  items: BatchApprovalItemDto[];
}

// ---- output ------------------------------------------------------------------------------------

export class ProposalAnswersDto {
  @ApiProperty({ enum: ProposalAnswer, example: ProposalAnswer.Accepted }) company: ProposalAnswer;
  @ApiProperty({ enum: ProposalAnswer, example: ProposalAnswer.Pending }) teacher: ProposalAnswer;
  @ApiProperty({ enum: ProposalAnswer, example: ProposalAnswer.Pending }) school: ProposalAnswer;
}

export class ProposalNamesDto implements ProposalNames {
  @ApiProperty({ example: 'Sanne Jansen' }) teacherName: string;
  @ApiProperty({ example: 'Tata Steel' }) companyName: string;
  @ApiProperty({ example: 'ROC Midden Nederland' }) schoolName: string;
  @ApiProperty({ example: 'Praktijkles elektrotechniek' }) requestTitle: string;
}

export class ProposalDto implements ProposalView {
  @ApiProperty({ example: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4' }) id: string;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'The match run that made it' })
  matchRunId: string | null;
  @ApiProperty({ example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }) requestId: string;
  @ApiProperty({ example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819' }) teacherId: string;
  @ApiProperty({ example: '1a2b3c4d-5e6f-4708-9a0b-1c2d3e4f5a6b' }) companyId: string;
  @ApiProperty({ example: '2b3c4d5e-6f70-4819-a0b1-c2d3e4f5a6b7' }) schoolId: string;
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' }) regionId: string;
  @ApiProperty({
    example: ['4c5d6e7f-8091-4a2b-b3c4-d5e6f708192a'],
    description: 'The lesson blocks covered',
  })
  blockIds: string[];
  @ApiProperty({ example: 180 }) minutesPerWeek: number;
  @ApiProperty({ example: 0.8731 }) score: number;
  @ApiProperty({
    example: {
      components: {
        fill: 1000,
        skill: 150,
        travel: 120,
        coverage: 200,
        continuity: 0,
        preference: 0,
        fairness: 100,
      },
      distanceKm: 8,
      sentences: {
        nl: ['Deze docent neemt 1 lesblok van de aanvraag op zich.'],
        en: ['This teacher takes 1 lesson block of the request.'],
      },
    },
    description:
      'Why this teacher: points per score component, distance, the weights used and sentences (Dutch, English; no points). Coordinators and the platform admin also get `considered` (other teachers and why each lost), `nextBest` and per-block `alternatives`; the parties never see other teachers',
  })
  explanation: ProposalExplanation;
  @ApiProperty({ enum: ProposalStatus, example: ProposalStatus.Proposed }) status: ProposalStatus;
  @ApiProperty({ type: ProposalAnswersDto }) answers: ProposalAnswersDto;
  @ApiProperty({ example: '2026-09-08T08:30:00.000Z', type: String, format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ example: 1, description: 'Optimistic-lock version' }) version: number;
  @ApiProperty({ example: '2026-09-01T08:30:00.000Z', type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ example: '2026-09-01T08:30:00.000Z', type: String, format: 'date-time' }) updatedAt: Date;
  @ApiPropertyOptional({
    type: ProposalNamesDto,
    description:
      'Teacher, company, school and request by name (every party may see them): on reads (the list and one proposal), not in the answer to a change',
  })
  names?: ProposalNamesDto;
}

export class ProposalPageDto extends PageMetaDto {
  @ApiProperty({ type: [ProposalDto] }) items: ProposalDto[];
}

export class ProposalEventDto implements ProposalEventView {
  @ApiProperty({ example: '6f708192-a3b4-4c5d-8e6f-708192a3b4c5' }) id: string;
  @ApiProperty({ enum: ProposalEventAction, example: ProposalEventAction.Decline })
  action: ProposalEventAction;
  @ApiProperty({
    enum: ProposalParty,
    nullable: true,
    example: ProposalParty.School,
    description: 'For answers: who answered',
  })
  party: ProposalParty | null;
  @ApiProperty({ enum: ProposalStatus, nullable: true, example: ProposalStatus.Proposed })
  fromStatus: ProposalStatus | null;
  @ApiProperty({ enum: ProposalStatus, example: ProposalStatus.Declined }) toStatus: ProposalStatus;
  @ApiProperty({
    example: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    nullable: true,
    type: String,
    description: 'Null: the system',
  })
  actorUserId: string | null;
  @ApiProperty({ enum: UserRole, nullable: true, example: UserRole.SchoolAdmin }) actorRole: UserRole | null;
  @ApiProperty({ example: 'Rooster past niet', nullable: true, type: String }) reason: string | null;
  @ApiProperty({ example: '2026-09-02T10:00:00.000Z', type: String, format: 'date-time' }) createdAt: Date;
}

export class PlacementSlotDto implements PlacementSlotView {
  @ApiProperty({ example: '4c5d6e7f-8091-4a2b-b3c4-d5e6f708192a' }) lessonBlockId: string;
  @ApiProperty({ example: 2, description: 'ISO weekday (Monday = 1)' }) weekday: number;
  @ApiProperty({ example: '09:00' }) startTime: string;
  @ApiProperty({ example: '12:00' }) endTime: string;
  @ApiProperty({ example: true, description: 'False once the placement is cancelled' }) active: boolean;
}

export class PlacementCostDto implements PlacementCost {
  @ApiProperty({ example: 18, description: 'Lessons scheduled or given (not cancelled, not a no-show)' })
  lessons: number;
  @ApiProperty({ example: 54, description: 'Their clock hours' }) hours: number;
  @ApiProperty({ example: 513000, description: 'Hours × the agreed hourly rate, in euro cents' })
  totalCents: number;
}

export class PlacementDto implements PlacementView {
  @ApiProperty({ example: '8192a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7' }) id: string;
  @ApiProperty({ example: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4' }) proposalId: string;
  @ApiProperty({ example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819' }) teacherId: string;
  @ApiProperty({ example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }) requestId: string;
  @ApiProperty({ example: '2b3c4d5e-6f70-4819-a0b1-c2d3e4f5a6b7' }) schoolId: string;
  @ApiProperty({ example: '1a2b3c4d-5e6f-4708-9a0b-1c2d3e4f5a6b' }) companyId: string;
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' }) regionId: string;
  @ApiProperty({ example: ['4c5d6e7f-8091-4a2b-b3c4-d5e6f708192a'] }) blockIds: string[];
  @ApiProperty({ example: 180 }) minutesPerWeek: number;
  @ApiProperty({
    example: 9500,
    nullable: true,
    type: Number,
    description: 'Euro cents per hour; null for the teacher, who never sees what their employer charges',
  })
  hourlyRateCents: number | null;
  @ApiProperty({ example: '2026-09-07' }) startDate: string;
  @ApiProperty({ example: '2027-01-29' }) endDate: string;
  @ApiProperty({
    example: 'Marieke de Vries',
    nullable: true,
    type: String,
    description: "The school's werkplekbegeleider; null for the company (docs/ARCHITECTURE.md)",
  })
  supervisorName: string | null;
  @ApiProperty({ example: 'm.devries@roc.example.nl', nullable: true, type: String })
  supervisorEmail: string | null;
  @ApiProperty({ enum: PlacementStatus, example: PlacementStatus.Active }) status: PlacementStatus;
  @ApiProperty({ example: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091', nullable: true, type: String })
  approvedByUserId: string | null;
  @ApiProperty({ example: '2026-09-03T09:00:00.000Z', type: String, format: 'date-time' }) approvedAt: Date;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) cancelledAt: Date | null;
  @ApiProperty({ example: null, nullable: true, type: String }) cancelledReason: string | null;
  @ApiProperty({ type: [PlacementSlotDto] }) slots: PlacementSlotDto[];
  @ApiPropertyOptional({
    type: ProposalNamesDto,
    description:
      'Teacher, company, school and request by name: on the list, not in the answer to an approval',
  })
  names?: ProposalNamesDto;
  @ApiPropertyOptional({
    type: PlacementCostDto,
    description:
      'On the list: its lessons that are taught or still to come, and their cost at the agreed rate (not for the teacher)',
  })
  cost?: PlacementCostDto;
}

export class PlacementPageDto extends PageMetaDto implements PlacementPage {
  @ApiProperty({ type: [PlacementDto] }) items: PlacementDto[];
  @ApiPropertyOptional({
    type: PlacementCostDto,
    description:
      "What every placement of the list costs together (all pages, within your scope and filters): the lessons taught or to come, their clock hours, and the sum of the placements' costs, each to the cent (docs/COSTS.md). Absent for the teacher.",
  })
  cost?: PlacementCostDto;
}

export class ApprovalDto implements ApprovalView {
  @ApiProperty({ type: ProposalDto }) proposal: ProposalDto;
  @ApiProperty({ type: PlacementDto }) placement: PlacementDto;
}

export class BatchProblemDto {
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ enum: ErrorCode, example: ErrorCode.RulesBroken }) code: ErrorCode;
  @ApiProperty({ example: 'Sanne Jansen is released for 6 hours a week; …' }) detail: string;
  @ApiPropertyOptional({
    example: 'Sanne Jansen is 6 uur per week vrijgesteld; …',
    description:
      'The detail in Dutch, when the error has one (RULES_BROKEN; INVALID_STATE_TRANSITION: the state the proposal is in; PROPOSAL_BLOCKS_GONE, TEACHER_NOT_OFFERED, PLACEMENT_OVERLAP, RATE_OUTSIDE_CARD)',
  })
  detailNl?: string;
}

export class BatchApprovalResultDto {
  @ApiProperty({ example: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4' }) proposalId: string;
  @ApiProperty({ enum: ['approved', 'refused'], example: 'approved' }) outcome: 'approved' | 'refused';
  @ApiPropertyOptional({ type: PlacementDto }) placement?: PlacementDto;
  @ApiPropertyOptional({ type: BatchProblemDto }) problem?: BatchProblemDto;
}

export class BatchApprovalDto {
  @ApiProperty({ type: [BatchApprovalResultDto] }) results: BatchApprovalResultDto[];
}
