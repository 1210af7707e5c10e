import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import {
  ListMatchRunsQueryDto,
  MatchRunDto,
  MatchRunPageDto,
  StartMatchRunDto,
  UnfilledBlockDto,
  WhyNotDto,
  WhyNotQueryDto,
} from './match-run.dto';
import { MatchRunService } from './match-run.service';

@ApiTags('match-runs')
@Controller('match-runs')
export class MatchRunController {
  constructor(private readonly runs: MatchRunService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Allow(Permission.RegionCoordinate)
  @ApiOperation({
    summary: 'Start a match run for a region; answers at once with the queued run (a worker runs it)',
  })
  @ApiAcceptedResponse({ type: MatchRunDto })
  @ApiProblems(400, 401, 403, 404, 409)
  start(@CurrentActor() actor: Actor, @Body() body: StartMatchRunDto): Promise<MatchRunDto> {
    return this.runs.start(actor, body);
  }

  @Get()
  @Allow(Permission.MatchRunRead)
  @ApiOperation({ summary: 'List match runs of your regions (admin: all), newest first' })
  @ApiOkResponse({ type: MatchRunPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListMatchRunsQueryDto): Promise<MatchRunPageDto> {
    return this.runs.list(actor, query);
  }

  @Get(':id')
  @Allow(Permission.MatchRunRead)
  @ApiOperation({ summary: 'Read a match run: status, parameters, timings and result' })
  @ApiOkResponse({ type: MatchRunDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MatchRunDto> {
    return this.runs.get(actor, id);
  }

  @Get(':id/unfilled')
  @Allow(Permission.MatchRunRead)
  @ApiOperation({
    summary:
      'Every lesson block the run left unfilled, with the reasons: teachers failing each rule, nearest misses, a start time that would help, why eligible teachers were held back (Dutch and English sentences)',
  })
  @ApiOkResponse({ type: [UnfilledBlockDto] })
  @ApiProblems(400, 401, 403, 404)
  unfilled(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UnfilledBlockDto[]> {
    return this.runs.unfilled(actor, id);
  }

  @Get(':id/why-not')
  @Allow(Permission.MatchRunRead)
  @ApiOperation({
    summary:
      'Why not teacher X for request Y in this run: the failing rules, or when X is eligible the regional cost of forcing X in (the region re-solved with X on Y: score difference and the assignments that change)',
  })
  @ApiOkResponse({ type: WhyNotDto })
  @ApiProblems(400, 401, 403, 404, 409)
  whyNot(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: WhyNotQueryDto,
  ): Promise<WhyNotDto> {
    return this.runs.whyNot(actor, id, query);
  }
}
