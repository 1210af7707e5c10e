import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { MatchRunScheduleDto, PutMatchRunScheduleDto } from './match-run-schedule.dto';
import { MatchRunScheduleService } from './match-run-schedule.service';

@ApiTags('match-runs')
@Controller('regions/:regionId/match-schedule')
export class MatchRunScheduleController {
  constructor(private readonly schedules: MatchRunScheduleService) {}

  @Get()
  @Allow(Permission.RegionCoordinate)
  @ApiOperation({ summary: "Read the region's match-run schedule and when it runs next" })
  @ApiOkResponse({ type: MatchRunScheduleDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('regionId') regionId: string): Promise<MatchRunScheduleDto> {
    return this.schedules.get(actor, regionId);
  }

  @Put()
  @Allow(Permission.RegionCoordinate)
  @ApiOperation({
    summary:
      'Set the region’s match-run schedule: a cron pattern (Europe/Amsterdam, at most hourly) and whether it is on',
  })
  @ApiOkResponse({ type: MatchRunScheduleDto })
  @ApiProblems(400, 401, 403, 404, 409)
  put(
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Body() body: PutMatchRunScheduleDto,
  ): Promise<MatchRunScheduleDto> {
    return this.schedules.put(actor, regionId, body);
  }

  @Delete()
  @Allow(Permission.RegionCoordinate)
  @ApiOperation({
    summary: 'Remove the region’s match-run schedule; answers with the schedule that was removed',
  })
  @ApiOkResponse({ type: MatchRunScheduleDto })
  @ApiProblems(400, 401, 403, 404)
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
  ): Promise<MatchRunScheduleDto> {
    return this.schedules.remove(actor, regionId);
  }
}
