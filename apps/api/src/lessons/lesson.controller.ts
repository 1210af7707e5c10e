import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, LessonService, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import {
  CancelLessonDto,
  CheckInDto,
  CompleteCheckInDto,
  EndPlacementDto,
  EndPlacementResultDto,
  FeedbackDto,
  GiveFeedbackDto,
  LessonDto,
  LessonPageDto,
  ListLessonsQueryDto,
  MoveLessonDto,
  PutReminderSettingDto,
  RecordOutcomeDto,
  ReminderSettingDto,
  ReportSickDto,
} from './lesson.dto';

@ApiTags('lessons')
@Controller()
export class LessonController {
  constructor(private readonly lessons: LessonService) {}

  @Get('lessons')
  @Allow(Permission.LessonRead)
  @ApiOperation({
    summary:
      'Lessons you may see (teacher: own; school: its own; company: its staff; coordinator: region), by start',
  })
  @ApiOkResponse({ type: LessonPageDto })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: ListLessonsQueryDto): Promise<LessonPageDto> {
    return this.lessons.list(actor, query);
  }

  @Get('lessons/:id')
  @Allow(Permission.LessonRead)
  @ApiOperation({ summary: 'One lesson' })
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<LessonDto> {
    return this.lessons.get(actor, id);
  }

  @Post('lessons/:id/cancel')
  @HttpCode(200)
  @Allow(Permission.LessonCancel)
  @ApiOperation({
    summary:
      'Cancel a lesson (school; the company for its teacher); less than 24 h before the start it is recorded as late',
  })
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CancelLessonDto,
  ): Promise<LessonDto> {
    return this.lessons.cancel(actor, id, body);
  }

  @Post('lessons/:id/move')
  @HttpCode(200)
  @Allow(Permission.LessonMove)
  @ApiOperation({ summary: 'Move a lesson to another Amsterdam date and time; its reminders move with it' })
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 403, 404, 409)
  move(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: MoveLessonDto,
  ): Promise<LessonDto> {
    return this.lessons.move(actor, id, body);
  }

  @Post('lessons/:id/sick')
  @HttpCode(200)
  @Allow(Permission.LessonReportSick)
  @ApiOperation({ summary: 'Report the teacher sick for a lesson; both employers are told (DOMAIN rule 5)' })
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reportSick(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: ReportSickDto,
  ): Promise<LessonDto> {
    return this.lessons.reportSick(actor, id, body);
  }

  @Post('lessons/:id/outcome')
  @HttpCode(200)
  @Allow(Permission.LessonRecordOutcome)
  @ApiOperation({ summary: 'Mark a started lesson given, or not given (a no-show)' })
  @ApiOkResponse({ type: LessonDto })
  @ApiProblems(400, 401, 403, 404, 409)
  recordOutcome(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: RecordOutcomeDto,
  ): Promise<LessonDto> {
    return this.lessons.recordOutcome(actor, id, body);
  }

  @Post('lessons/:id/feedback')
  @Allow(Permission.LessonFeedback)
  @ApiOperation({
    summary:
      'Feedback after a lesson: a rating (1–5) and a sentence, once by the teacher and once by the school',
  })
  @ApiOkResponse({ type: FeedbackDto })
  @ApiProblems(400, 401, 403, 404, 409)
  giveFeedback(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: GiveFeedbackDto,
  ): Promise<FeedbackDto> {
    return this.lessons.giveFeedback(actor, id, body);
  }

  @Get('placements/:id/feedback')
  @Allow(Permission.FeedbackRead)
  @ApiOperation({
    summary:
      "The teacher's and the school's feedback on a placement's lessons (its teacher and school, the coordinator)",
  })
  @ApiOkResponse({ type: [FeedbackDto] })
  @ApiProblems(400, 401, 403, 404)
  feedback(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<FeedbackDto[]> {
    return this.lessons.feedbackOf(actor, id);
  }

  @Get('placements/:id/check-ins')
  @Allow(Permission.PlacementRead)
  @ApiOperation({ summary: 'The supervisor check-ins of a placement, one every six weeks (DOMAIN rule 11)' })
  @ApiOkResponse({ type: [CheckInDto] })
  @ApiProblems(400, 401, 404)
  checkIns(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<CheckInDto[]> {
    return this.lessons.checkIns(actor, id);
  }

  @Post('placements/:id/check-ins/:checkInId/complete')
  @HttpCode(200)
  @Allow(Permission.LessonRecordOutcome)
  @ApiOperation({ summary: 'Record that a supervisor check-in took place' })
  @ApiOkResponse({ type: CheckInDto })
  @ApiProblems(400, 401, 403, 404, 409)
  completeCheckIn(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('checkInId') checkInId: string,
    @Body() body: CompleteCheckInDto,
  ): Promise<CheckInDto> {
    return this.lessons.completeCheckIn(actor, id, checkInId, body);
  }

  @Post('placements/:id/end')
  @HttpCode(200)
  @Allow(Permission.ProposalDecide)
  @ApiOperation({
    summary: 'End a placement early: its lessons after the new end date are cancelled (coordinator)',
  })
  @ApiOkResponse({ type: EndPlacementResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  endPlacement(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: EndPlacementDto,
  ): Promise<EndPlacementResultDto> {
    return this.lessons.endPlacement(actor, id, body);
  }

  @Get('organisations/:id/reminder-settings')
  @Allow(Permission.OrganisationRead)
  @ApiOperation({ summary: "An organisation's reminder lead time (default 24 h)" })
  @ApiOkResponse({ type: ReminderSettingDto })
  @ApiProblems(400, 401, 404)
  reminderSetting(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ReminderSettingDto> {
    return this.lessons.reminderSetting(actor, id);
  }

  @Put('organisations/:id/reminder-settings')
  @Allow(Permission.OrganisationUpdate)
  @ApiOperation({ summary: "Set how long before a lesson the organisation's people are reminded" })
  @ApiOkResponse({ type: ReminderSettingDto })
  @ApiProblems(400, 401, 403, 404)
  setReminderSetting(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: PutReminderSettingDto,
  ): Promise<ReminderSettingDto> {
    return this.lessons.setReminderSetting(actor, id, body.leadMinutes);
  }
}
