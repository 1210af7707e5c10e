import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { RegionShortageDto, ShortageQueryDto } from './shortage-signal.dto';
import { ShortageSignalService } from './shortage-signal.service';

@ApiTags('match-runs')
@Controller('shortage-signals')
export class ShortageSignalController {
  constructor(private readonly signals: ShortageSignalService) {}

  @Get()
  @Allow(Permission.ShortageRead)
  @ApiOperation({
    summary:
      'Shortage signals per region, from its latest match run: which staff profile (subject, level, weekday) and which extra released day of which teacher would fill the most, each backed by a re-solve (coordinator: their regions; company admin: their region, own staff only)',
  })
  @ApiOkResponse({ type: [RegionShortageDto] })
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Query() query: ShortageQueryDto): Promise<RegionShortageDto[]> {
    return this.signals.list(actor, query.regionId);
  }
}
