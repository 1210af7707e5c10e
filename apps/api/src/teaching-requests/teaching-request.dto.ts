import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  EducationLevel,
  LearningPath,
  TeachingRequestStatus,
  TeachingRole,
  Weekday,
} from '@hybridmatch/domain';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import {
  enumMessage,
  IsCalendarDate,
  IsClockTime,
  IsOptionalButNotNull,
  IsSubjectCode,
} from '../common/validators';

const Optional = IsOptionalButNotNull;

export class LessonBlockInputDto {
  @ApiProperty({ example: 4, minimum: 1, maximum: 7, description: 'ISO weekday: Monday = 1 … Sunday = 7' })
  @IsInt({ message: 'must be a weekday number 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  weekday: Weekday;

  @ApiProperty({ example: '13:00' })
  @IsClockTime()
  start: string;

  @ApiProperty({ example: '16:00' })
  @IsClockTime()
  end: string;
}

export class LessonBlockDto extends LessonBlockInputDto {
  @ApiProperty({ example: '9a41c2d0-3c55-4c0e-8a55-1f0c7c2b9e10' }) id: string;
}

export class CreateTeachingRequestDto {
  @ApiPropertyOptional({
    example: '5d2e0f4a-6b1c-4f1e-9d4a-2a7b3c4d5e6f',
    description:
      'Platform admin only (required for them): the school or Hybride Techniekcentrum. A school admin always posts for their own school and leaves this out.',
  })
  @Optional()
  @IsUUID('all', { message: 'must be an organisation id (UUID)' })
  schoolId?: string;

  @ApiProperty({ example: 'Praktijkles PLC-programmeren, 3e jaar' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'procesautomatisering', description: 'A code from the subject taxonomy' })
  @IsSubjectCode()
  subjectCode: string;

  @ApiProperty({ enum: EducationLevel, example: EducationLevel.Mbo4 })
  @IsEnum(EducationLevel, enumMessage(EducationLevel))
  level: EducationLevel;

  @ApiProperty({ enum: TeachingRole, example: TeachingRole.GuestTeacher })
  @IsEnum(TeachingRole, enumMessage(TeachingRole))
  role: TeachingRole;

  @ApiPropertyOptional({
    enum: LearningPath,
    nullable: true,
    example: LearningPath.Bbl,
    description:
      'MBO learning path: BOL (school-based) or BBL (work-based, students at school about 1 day a week). ' +
      'Default BOL at an MBO level; leave it out (or null) for an HBO request.',
  })
  @IsOptional()
  @IsEnum(LearningPath, enumMessage(LearningPath))
  learningPath?: LearningPath | null;

  @ApiProperty({
    type: [LessonBlockInputDto],
    description: 'The weekly lesson blocks; at least one, none overlapping on one weekday',
  })
  @IsArray({ message: 'must be a list of lesson blocks' })
  @ArrayMinSize(1, { message: 'must contain at least one lesson block' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => LessonBlockInputDto)
  blocks: LessonBlockInputDto[];

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ example: '2027-01-31', description: 'On or after periodStart' })
  @IsCalendarDate()
  periodEnd: string;

  @ApiProperty({
    example: 10,
    minimum: 1,
    maximum: 104,
    description: 'The shortest commitment (weeks) the school accepts; at most the period length',
  })
  @IsInt({ message: 'must be a whole number of weeks' })
  @Min(1)
  @Max(104)
  minCommitmentWeeks: number;

  @ApiProperty({
    example: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    description: "One of the school's locations",
  })
  @IsUUID('all', { message: 'must be a location id (UUID)' })
  locationId: string;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'May several hybrid teachers share the blocks?',
  })
  @Optional()
  @IsBoolean()
  allowTeam?: boolean;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description: 'May a teacher whose VOG is still being requested be proposed?',
  })
  @Optional()
  @IsBoolean()
  allowVogPending?: boolean;

  @ApiPropertyOptional({ example: 'Begeleiding van praktijkopdrachten in het PLC-lab.', default: '' })
  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class UpdateTeachingRequestDto extends PartialType(
  OmitType(CreateTeachingRequestDto, ['schoolId'] as const),
  { skipNullProperties: false },
) {
  @ApiProperty({
    example: 3,
    description: 'The version you read; a different current version answers 409 CONCURRENT_UPDATE',
  })
  @IsInt({ message: 'must be the version number you read' })
  @Min(1)
  version: number;
}

export class CancelTeachingRequestDto {
  @ApiProperty({ example: 'The class was merged with another group.' })
  @IsString()
  @MinLength(3, { message: 'must say briefly why (at least 3 characters)' })
  @MaxLength(1000)
  reason: string;
}

export class ListTeachingRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: "The school's region",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;

  @ApiPropertyOptional({ example: 'elektrotechniek' })
  @IsOptional()
  @IsSubjectCode()
  subjectCode?: string;

  @ApiPropertyOptional({ enum: EducationLevel })
  @IsOptional()
  @IsEnum(EducationLevel, enumMessage(EducationLevel))
  level?: EducationLevel;

  @ApiPropertyOptional({ enum: TeachingRequestStatus })
  @IsOptional()
  @IsEnum(TeachingRequestStatus, enumMessage(TeachingRequestStatus))
  status?: TeachingRequestStatus;

  @ApiPropertyOptional({ example: '5d2e0f4a-6b1c-4f1e-9d4a-2a7b3c4d5e6f' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organisation id (UUID)' })
  schoolId?: string;
}

export class TeachingRequestDto {
  @ApiProperty({ example: 'e2b7c1a0-9d3f-4b6e-8c1a-2f3e4d5c6b7a' }) id: string;
  @ApiProperty({ example: '5d2e0f4a-6b1c-4f1e-9d4a-2a7b3c4d5e6f' }) schoolId: string;
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01', description: "The school's region" })
  regionId: string;
  @ApiProperty({ example: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' }) locationId: string;
  @ApiProperty({ example: 'Praktijkles PLC-programmeren, 3e jaar' }) title: string;
  @ApiProperty({ example: 'procesautomatisering' }) subjectCode: string;
  @ApiProperty({ enum: EducationLevel, example: EducationLevel.Mbo4 }) level: EducationLevel;
  @ApiProperty({ enum: TeachingRole, example: TeachingRole.GuestTeacher }) role: TeachingRole;
  @ApiProperty({
    enum: LearningPath,
    nullable: true,
    example: LearningPath.Bol,
    description: 'BOL or BBL at an MBO level; null for an HBO request',
  })
  learningPath: LearningPath | null;
  @ApiProperty({ type: [LessonBlockDto] }) blocks: LessonBlockDto[];
  @ApiProperty({ example: 3, description: 'Clock hours per week, from the blocks' }) hoursPerWeek: number;
  @ApiProperty({ example: '2026-09-01' }) periodStart: string;
  @ApiProperty({ example: '2027-01-31' }) periodEnd: string;
  @ApiProperty({ example: 10 }) minCommitmentWeeks: number;
  @ApiProperty({ example: true }) allowTeam: boolean;
  @ApiProperty({ example: false }) allowVogPending: boolean;
  @ApiProperty({ example: 'Begeleiding van praktijkopdrachten in het PLC-lab.' }) description: string;
  @ApiProperty({ enum: TeachingRequestStatus, example: TeachingRequestStatus.Open })
  status: TeachingRequestStatus;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Why it was cancelled (null while active)',
  })
  statusReason: string | null;
  @ApiProperty({ example: 1, description: 'Optimistic-lock version; send it back with PATCH' })
  version: number;
  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' }) createdAt: Date;
  @ApiProperty({ example: '2026-05-02T14:00:00.000Z' }) updatedAt: Date;
}

export class TeachingRequestPageDto extends PageMetaDto {
  @ApiProperty({ type: [TeachingRequestDto] }) items: TeachingRequestDto[];
}
