import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Page, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import {
  CreateOrganisationDto,
  ListOrganisationsQueryDto,
  LocationInputDto,
  OrganisationDto,
  OrganisationPageDto,
  UpdateOrganisationDto,
} from './organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @Allow(Permission.OrganisationRead)
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiOperation({
    summary: 'List organisations you may see (admin: all; coordinator: their regions; others: their own)',
  })
  @ApiProblems(400, 401)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListOrganisationsQueryDto,
  ): Promise<Page<OrganisationDto>> {
    return this.organisations.list(actor, query);
  }

  @Get(':id')
  @Allow(Permission.OrganisationRead)
  @ApiOkResponse({ type: OrganisationDto })
  @ApiOperation({ summary: 'Read an organisation' })
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<OrganisationDto> {
    return this.organisations.get(actor, id);
  }

  @Post()
  @Allow(Permission.OrganisationCreate)
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiOperation({ summary: 'Register an organisation (company, school or Hybride Techniekcentrum)' })
  @ApiProblems(400, 401, 403)
  create(@Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(body);
  }

  @Patch(':id')
  @Allow(Permission.OrganisationUpdate)
  @ApiOkResponse({ type: OrganisationDto })
  @ApiOperation({ summary: 'Change an organisation (admin, or its own admins)' })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(actor, id, body);
  }

  @Post(':id/locations')
  @Allow(Permission.OrganisationUpdate)
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiOperation({ summary: 'Add a site to an organisation' })
  @ApiProblems(400, 401, 403, 404)
  addLocation(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: LocationInputDto,
  ): Promise<OrganisationDto> {
    return this.organisations.addLocation(actor, id, body);
  }
}
