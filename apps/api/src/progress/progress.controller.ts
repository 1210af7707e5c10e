import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, ProgressService } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ProgressQueryDto, ProgressReportDto, ProgressTrendPointDto } from './progress.dto';

@ApiTags('progress')
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @Allow(Permission.ProgressRead)
  @ApiOperation({
    summary:
      'Progress toward the 1,000: teachers offered, proposed, placed and active this week, hours, requests, demand against supply; per region, subject, company and school (platform admin: national; coordinator: their regions)',
  })
  @ApiOkResponse({ type: ProgressReportDto })
  @ApiProblems(400, 401, 403, 404)
  report(@CurrentActor() actor: Actor, @Query() query: ProgressQueryDto): Promise<ProgressReportDto> {
    return this.progress.report(actor, query.regionId);
  }

  @Get('export')
  @Allow(Permission.ProgressRead)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="progress.csv"')
  @ApiOperation({ summary: 'The progress report as CSV (cells that could run as a formula are neutralised)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV, one line per region, subject, company, school and subject/level',
    type: String,
  })
  @ApiProblems(400, 401, 403, 404)
  export(@CurrentActor() actor: Actor, @Query() query: ProgressQueryDto): Promise<string> {
    return this.progress.csv(actor, query.regionId);
  }

  @Get('trend')
  @Allow(Permission.ProgressRead)
  @ApiOperation({
    summary: 'The weekly progress snapshots of your scope (national, or per region), oldest first',
  })
  @ApiOkResponse({ type: [ProgressTrendPointDto] })
  @ApiProblems(400, 401, 403, 404)
  trend(@CurrentActor() actor: Actor, @Query() query: ProgressQueryDto): Promise<ProgressTrendPointDto[]> {
    return this.progress.trend(actor, query.regionId);
  }
}
