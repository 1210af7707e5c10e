import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@hybridmatch/core';
import { ALL_ROLES, Allow, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { CreateRegionDto, RegionDto, UpdateRegionDto } from './region.dto';
import { RegionService } from './region.service';

@ApiTags('regions')
@Controller('regions')
export class RegionController {
  constructor(private readonly regions: RegionService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [RegionDto] })
  @ApiOperation({ summary: 'List coordination regions' })
  @ApiProblems(401)
  list(): Promise<RegionDto[]> {
    return this.regions.list();
  }

  @Post()
  @Allow(Permission.RegionManage)
  @ApiCreatedResponse({ type: RegionDto })
  @ApiOperation({ summary: 'Create a region' })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateRegionDto): Promise<RegionDto> {
    return this.regions.create(body);
  }

  @Patch(':id')
  @Allow(Permission.RegionManage)
  @ApiOkResponse({ type: RegionDto })
  @ApiOperation({ summary: 'Change a region' })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@UuidParam() id: string, @Body() body: UpdateRegionDto): Promise<RegionDto> {
    return this.regions.update(id, body);
  }
}
