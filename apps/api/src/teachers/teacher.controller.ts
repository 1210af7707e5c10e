import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, Page, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { requireCsvBody } from './teacher-csv';
import {
  CreateTeacherDto,
  ImportResultDto,
  ImportTeachersQueryDto,
  ListTeachersQueryDto,
  TeacherDto,
  TeacherPageDto,
  UpdateTeacherDto,
  VerifyVogDto,
} from './teacher.dto';
import { TeacherService } from './teacher.service';

/** Everyone but school admins: schools meet teachers only through proposals. */

const CSV_EXAMPLE =
  'employee_ref;first_name;last_name;skills;levels;windows;released_days_per_week;released_hours_per_week;available_from;home_city;home_latitude;home_longitude;max_travel_km;contract_hours_per_week\n' +
  'E-1001;Sanne;de Vries;elektrotechniek:MBO3|ict:MBO4;MBO3|MBO4;ma 08:30-16:30|wo 09:00-12:00;1;6;2026-09-01;Amersfoort;52.1561;5.3878;40;36\n';

@ApiTags('teachers')
@Controller('teachers')
export class TeacherController {
  constructor(private readonly teachers: TeacherService) {}

  @Get()
  @Allow(Permission.TeacherRead)
  @ApiOperation({
    summary:
      'List hybrid teachers you may see (admin: all; coordinator: companies in their regions; company admin: own staff; teacher: own profile)',
  })
  @ApiOkResponse({ type: TeacherPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListTeachersQueryDto): Promise<Page<TeacherDto>> {
    return this.teachers.list(actor, query);
  }

  @Get(':id')
  @Allow(Permission.TeacherRead)
  @ApiOperation({ summary: 'Read a hybrid teacher profile' })
  @ApiOkResponse({ type: TeacherDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<TeacherDto> {
    return this.teachers.get(actor, id);
  }

  @Post()
  @Allow(Permission.TeacherCreate)
  @ApiOperation({
    summary:
      'Offer a staff member as hybrid teacher (company admin: own company; platform admin: give companyId)',
  })
  @ApiCreatedResponse({ type: TeacherDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTeacherDto): Promise<TeacherDto> {
    return this.teachers.create(actor, body);
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @Allow(Permission.TeacherCreate)
  @ApiOperation({
    summary:
      'Import staff from CSV (upsert by employee_ref; all rows or none). Platform admin: ?companyId=. Format: docs/CSV-IMPORT.md',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: CSV_EXAMPLE } })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  importCsv(
    @CurrentActor() actor: Actor,
    @Query() query: ImportTeachersQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<ImportResultDto> {
    return this.teachers.importCsv(actor, query.companyId, requireCsvBody(contentType, body));
  }

  @Patch(':id')
  @Allow(Permission.TeacherUpdate)
  @ApiOperation({
    summary:
      'Change a profile (company admin: own staff; platform admin). A teacher may change only their own windows, maxTravelKm and home. Send version to detect concurrent edits.',
  })
  @ApiOkResponse({ type: TeacherDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: UpdateTeacherDto,
  ): Promise<TeacherDto> {
    return this.teachers.update(actor, id, body);
  }

  @Put(':id/vog-verification')
  @Allow(Permission.TeacherVerify)
  @ApiOperation({
    summary:
      "Record that the VOG was checked: its issue date, who checked it and when (the document is never stored). Coordinator (region), platform admin and the teacher's company admin; " +
      'school admins cannot see teachers yet, so the coordinator verifies on behalf of the school until proposals exist.',
  })
  @ApiOkResponse({ type: TeacherDto })
  @ApiProblems(400, 401, 403, 404)
  verifyVog(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: VerifyVogDto,
  ): Promise<TeacherDto> {
    return this.teachers.verifyVog(actor, id, body);
  }
}
