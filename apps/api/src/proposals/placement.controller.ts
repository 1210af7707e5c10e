import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, PlacementService } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ListPlacementsQueryDto, PlacementPageDto } from './proposal.dto';

@ApiTags('placements')
@Controller('placements')
export class PlacementController {
  constructor(private readonly placements: PlacementService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'List placements you may see (admin: all; coordinator: their regions; company, school, teacher: their own)',
  })
  @ApiOkResponse({ type: PlacementPageDto })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: ListPlacementsQueryDto): Promise<PlacementPageDto> {
    return this.placements.list(actor, query);
  }
}
