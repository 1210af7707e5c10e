import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  CounterpartService,
  Permission,
  ProposalService,
  VogVerificationService,
} from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Allow, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { STATUS_OF } from '../common/problem';
import {
  AnswerProposalDto,
  ApprovalDto,
  ApproveBatchDto,
  ApproveProposalDto,
  BatchApprovalDto,
  ListProposalsQueryDto,
  ProposalDto,
  ProposalEventDto,
  ProposalPageDto,
  ReasonDto,
} from './proposal.dto';
import { CounterpartViewDto } from './counterpart.dto';
import { RecordVogVerificationDto, VogVerificationDto } from './vog-verification.dto';

@ApiTags('proposals')
@Controller('proposals')
export class ProposalController {
  constructor(
    private readonly proposals: ProposalService,
    private readonly counterparts: CounterpartService,
    private readonly vog: VogVerificationService,
  ) {}

  @Post(':id/vog-verifications')
  @Allow(Permission.VogVerifyAtSchool)
  @ApiOperation({
    summary: "The school records its check of the proposed or placed teacher's VOG (DOMAIN.md rule 4)",
    description:
      'Only the school of this proposal. Status, the issue date seen, who and when; added to the history, never changing the date the company recorded. The document itself is never stored. 409 when the proposal is no longer proposed, awaiting approval or approved.',
  })
  @ApiCreatedResponse({ type: VogVerificationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  recordVog(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: RecordVogVerificationDto,
  ): Promise<VogVerificationDto> {
    return this.vog.recordForProposal(actor, id, body);
  }

  @Get(':id/vog-verifications')
  @Allow(Permission.ProposalRead)
  @ApiOperation({
    summary: "The school's VOG checks of this proposal's teacher, newest first (every party reads them)",
  })
  @ApiOkResponse({ type: [VogVerificationDto] })
  @ApiProblems(400, 401, 404)
  vogHistory(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<VogVerificationDto[]> {
    return this.vog.historyOfProposal(actor, id);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'List proposals you may see (admin: all; coordinator: their regions; company, school, teacher: their own)',
  })
  @ApiOkResponse({ type: ProposalPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListProposalsQueryDto): Promise<ProposalPageDto> {
    return this.proposals.list(actor, query);
  }

  @Post('approve-batch')
  @HttpCode(200)
  @Allow(Permission.ProposalDecide)
  @ApiOperation({ summary: 'Approve many proposals; each in its own transaction, with a result per item' })
  @ApiOkResponse({ type: BatchApprovalDto })
  @ApiProblems(400, 401, 403)
  async approveBatch(@CurrentActor() actor: Actor, @Body() body: ApproveBatchDto): Promise<BatchApprovalDto> {
    const { results } = await this.proposals.approveBatch(actor, body);
    return {
      results: results.map(({ refusal, ...result }) =>
        refusal ? { ...result, problem: { status: STATUS_OF[refusal.code], ...refusal } } : result,
      ),
    };
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Read a proposal' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ProposalDto> {
    return this.proposals.get(actor, id);
  }

  @Get(':id/parties')
  @Allow(Permission.ProposalRead)
  @ApiOperation({
    summary:
      'The teacher, school, request and lessons of a proposal as your role may see them (also for its placement)',
    description:
      "Field by field per role (docs/ARCHITECTURE.md, counterpart views): a school sees the teacher's name, company, qualification, relevant skills, VOG status and travel distance, and their e-mail only once placed; a company sees the school, its address, the request and lesson times; a teacher sees the school with its address and contact, the request and lessons, and the supervisor once placed.",
  })
  @ApiOkResponse({ type: CounterpartViewDto })
  @ApiProblems(400, 401, 404)
  parties(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<CounterpartViewDto> {
    return this.counterparts.ofProposal(actor, id);
  }

  @Get(':id/history')
  @Allow(Permission.ProposalDecide)
  @ApiOperation({ summary: 'The audit trail: every transition with who, when, from, to and why' })
  @ApiOkResponse({ type: [ProposalEventDto] })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ProposalEventDto[]> {
    return this.proposals.history(actor, id);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Allow(Permission.ProposalAnswer)
  @ApiOperation({
    summary: 'Accept or decline as the company, the teacher or the school (the party follows from your role)',
  })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  answer(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: AnswerProposalDto,
  ): Promise<ProposalDto> {
    return this.proposals.answer(actor, id, body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Allow(Permission.ProposalDecide)
  @ApiOperation({ summary: 'Approve a proposal all three parties accepted: it becomes a placement' })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  approve(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: ApproveProposalDto,
  ): Promise<ApprovalDto> {
    return this.proposals.approve(actor, id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Allow(Permission.ProposalDecide)
  @ApiOperation({ summary: 'Reject a proposal all three parties accepted, with a reason' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: ReasonDto,
  ): Promise<ProposalDto> {
    return this.proposals.reject(actor, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Allow(Permission.ProposalDecide)
  @ApiOperation({ summary: 'Withdraw a proposal before approval, with a reason' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: ReasonDto,
  ): Promise<ProposalDto> {
    return this.proposals.withdraw(actor, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(Permission.ProposalDecide)
  @ApiOperation({
    summary: 'Cancel an approved proposal and its placement, with a reason; frees the teacher’s time',
  })
  @ApiOkResponse({ type: ProposalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: ReasonDto,
  ): Promise<ProposalDto> {
    return this.proposals.cancel(actor, id, body);
  }
}
