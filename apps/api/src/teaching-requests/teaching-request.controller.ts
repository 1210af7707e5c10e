import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Page, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Allow, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import {
  CancelTeachingRequestDto,
  CreateTeachingRequestDto,
  ListTeachingRequestsQueryDto,
  TeachingRequestDto,
  TeachingRequestPageDto,
  UpdateTeachingRequestDto,
} from './teaching-request.dto';
import { TeachingRequestService } from './teaching-request.service';

@ApiTags('teaching-requests')
@Controller('teaching-requests')
export class TeachingRequestController {
  constructor(private readonly requests: TeachingRequestService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: TeachingRequestPageDto })
  @ApiOperation({
    summary:
      'List teaching requests (admin: all; coordinator: their regions; school admin: their own school; ' +
      "company admin and hybrid teacher: read-only, the open and partially filled requests in their company's region, so companies see the demand)",
  })
  @ApiProblems(400, 401)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListTeachingRequestsQueryDto,
  ): Promise<Page<TeachingRequestDto>> {
    return this.requests.list(actor, query);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: TeachingRequestDto })
  @ApiOperation({ summary: 'Read a teaching request (same visibility as the list)' })
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<TeachingRequestDto> {
    return this.requests.get(actor, id);
  }

  @Post()
  @Allow(Permission.TeachingRequestCreate)
  @ApiCreatedResponse({ type: TeachingRequestDto })
  @ApiOperation({
    summary:
      'Post a teaching request (school admin: for their own school; platform admin: names the school in schoolId)',
  })
  @ApiProblems(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTeachingRequestDto): Promise<TeachingRequestDto> {
    return this.requests.create(actor, body);
  }

  @Patch(':id')
  @Allow(Permission.TeachingRequestCreate)
  @ApiOkResponse({ type: TeachingRequestDto })
  @ApiOperation({
    summary:
      'Change an open or partially filled request; send the version you read. Blocks, when given, replace all blocks.',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: UpdateTeachingRequestDto,
  ): Promise<TeachingRequestDto> {
    return this.requests.update(actor, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(Permission.TeachingRequestUpdate)
  @ApiOkResponse({ type: TeachingRequestDto })
  @ApiOperation({
    summary:
      'Cancel an open or partially filled request, with a reason (school admin, coordinator of its region, admin)',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CancelTeachingRequestDto,
  ): Promise<TeachingRequestDto> {
    return this.requests.cancel(actor, id, body.reason);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow(Permission.TeachingRequestUpdate)
  @ApiOkResponse({ type: TeachingRequestDto })
  @ApiOperation({
    summary:
      'Close an open or partially filled request: no more teachers are sought (school admin, coordinator of its region, admin)',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  close(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<TeachingRequestDto> {
    return this.requests.close(actor, id);
  }
}
