import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserRole } from '@hybridmatch/domain';
import { Actor, Page } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Roles } from '../auth/roles.decorator';
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

const ORG_EDITORS = [UserRole.PlatformAdmin, UserRole.CompanyAdmin, UserRole.SchoolAdmin];

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @Roles(...ALL_ROLES)
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
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: OrganisationDto })
  @ApiOperation({ summary: 'Read an organisation' })
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<OrganisationDto> {
    return this.organisations.get(actor, id);
  }

  @Post()
  @Roles(UserRole.PlatformAdmin)
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiOperation({ summary: 'Register an organisation (company, school or Hybride Techniekcentrum)' })
  @ApiProblems(400, 401, 403)
  create(@Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(body);
  }

  @Patch(':id')
  @Roles(...ORG_EDITORS)
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
  @Roles(...ORG_EDITORS)
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
