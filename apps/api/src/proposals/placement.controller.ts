import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission, PlacementService, VogVerificationService } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Allow, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { ListPlacementsQueryDto, PlacementPageDto } from './proposal.dto';
import { RecordVogVerificationDto, VogVerificationDto } from './vog-verification.dto';

@ApiTags('placements')
@Controller('placements')
export class PlacementController {
  constructor(
    private readonly placements: PlacementService,
    private readonly vog: VogVerificationService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'List placements you may see (admin: all; coordinator: their regions; company, school, teacher: their own)',
  })
  @ApiOkResponse({ type: PlacementPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListPlacementsQueryDto): Promise<PlacementPageDto> {
    return this.placements.list(actor, query);
  }

  @Post(':id/vog-verifications')
  @Allow(Permission.VogVerifyAtSchool)
  @ApiOperation({
    summary: "The school records its check of the placed teacher's VOG (DOMAIN.md rule 4)",
    description:
      'Only the school of this placement; the same history as its proposal. Never changes the date the company recorded.',
  })
  @ApiCreatedResponse({ type: VogVerificationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  recordVog(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: RecordVogVerificationDto,
  ): Promise<VogVerificationDto> {
    return this.vog.recordForPlacement(actor, id, body);
  }

  @Get(':id/vog-verifications')
  @Allow(Permission.PlacementRead)
  @ApiOperation({ summary: "The school's VOG checks of this placement's teacher, newest first" })
  @ApiOkResponse({ type: [VogVerificationDto] })
  @ApiProblems(400, 401, 404)
  vogHistory(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<VogVerificationDto[]> {
    return this.vog.historyOfPlacement(actor, id);
  }
}
