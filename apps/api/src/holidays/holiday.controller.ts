import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DayOff } from '@hybridmatch/domain';
import { Actor, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Allow, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import {
  CalendarQueryDto,
  CreateInstitutionDayOffDto,
  DayOffDto,
  HolidayFileDto,
  HolidayImportResultDto,
  InstitutionDayOffDto,
  ListSchoolHolidaysQueryDto,
  PutSchoolHolidayDto,
  SchoolHolidayDto,
} from './holiday.dto';
import { HolidayService } from './holiday.service';

@ApiTags('holidays')
@Controller()
export class HolidayController {
  constructor(private readonly holidays: HolidayService) {}

  @Get('school-holidays')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [SchoolHolidayDto] })
  @ApiOperation({ summary: 'School holidays per school year and holiday region (noord, midden, zuid)' })
  @ApiProblems(400, 401)
  list(@Query() query: ListSchoolHolidaysQueryDto): Promise<SchoolHolidayDto[]> {
    return this.holidays.list(query);
  }

  @Put('school-holidays')
  @Allow(Permission.HolidayEdit)
  @ApiOkResponse({ type: SchoolHolidayDto })
  @ApiOperation({
    summary:
      'Set one school holiday of a holiday region and school year (coordinator: holiday regions of their regions)',
  })
  @ApiProblems(400, 401, 403)
  put(@CurrentActor() actor: Actor, @Body() body: PutSchoolHolidayDto): Promise<SchoolHolidayDto> {
    return this.holidays.put(actor, body);
  }

  @Post('school-holidays/import')
  @HttpCode(200)
  @Allow(Permission.HolidayEdit)
  @ApiOkResponse({ type: HolidayImportResultDto })
  @ApiOperation({
    summary: 'Load a holiday file (the shape of data/school-holidays.json); all or nothing',
  })
  @ApiProblems(400, 401, 403)
  async import(@CurrentActor() actor: Actor, @Body() body: HolidayFileDto): Promise<HolidayImportResultDto> {
    return { imported: await this.holidays.import(actor, body) };
  }

  @Get('organisations/:id/days-off')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [InstitutionDayOffDto] })
  @ApiOperation({ summary: "A school's own closed days and study days" })
  @ApiProblems(400, 401, 404)
  listDaysOff(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<InstitutionDayOffDto[]> {
    return this.holidays.listDaysOff(actor, id);
  }

  @Post('organisations/:id/days-off')
  @Allow(Permission.DayOffEdit)
  @ApiCreatedResponse({ type: InstitutionDayOffDto })
  @ApiOperation({ summary: 'Add a closed day or study day to a school (its admins, its coordinators)' })
  @ApiProblems(400, 401, 403, 404)
  addDayOff(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CreateInstitutionDayOffDto,
  ): Promise<InstitutionDayOffDto> {
    return this.holidays.addDayOff(actor, id, body);
  }

  @Delete('organisations/:id/days-off/:dayOffId')
  @HttpCode(204)
  @Allow(Permission.DayOffEdit)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiOperation({ summary: "Remove one of a school's days off" })
  @ApiProblems(400, 401, 403, 404)
  removeDayOff(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('dayOffId') dayOffId: string,
  ): Promise<void> {
    return this.holidays.removeDayOff(actor, id, dayOffId);
  }

  @Get('organisations/:id/calendar')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: [DayOffDto] })
  @ApiOperation({
    summary:
      'Every day without lessons at a school in a period: school holidays, public holidays, own days off',
  })
  @ApiProblems(400, 401, 404)
  calendar(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: CalendarQueryDto,
  ): Promise<DayOff[]> {
    return this.holidays.calendarOf(actor, id, query);
  }
}
