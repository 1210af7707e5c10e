import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SUBJECTS, subjectsCovering } from '@hybridmatch/domain';
import { ALL_ROLES, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { SubjectDto } from './teacher.dto';

@ApiTags('subjects')
@Controller('subjects')
export class SubjectController {
  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The subject taxonomy: the codes used in skills and teaching requests' })
  @ApiOkResponse({ type: [SubjectDto] })
  @ApiProblems(401)
  list(): SubjectDto[] {
    return SUBJECTS.map((subject) => ({
      code: subject.code,
      name: subject.name,
      field: subject.field,
      crebo: subject.crebo ?? null,
      qualification: subject.qualification ?? null,
      coveredBy: [...subjectsCovering(subject.code)],
    }));
  }
}
