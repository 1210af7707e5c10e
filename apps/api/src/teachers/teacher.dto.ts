import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { EducationLevel, Qualification, SUBJECT_CODES } from '@hybridmatch/domain';
import { TEACHER_SORTS, type TeacherSort } from '@hybridmatch/core';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { IsCalendarDate, IsClockTime, IsOptionalButNotNull } from '../common/validators';

const LEVELS = Object.values(EducationLevel).join(', ');
const QUALIFICATIONS = Object.values(Qualification).join(', ');

/** Hours are counted in clock hours, in steps of half an hour (DOMAIN.md rule 1). */
const IsHalfHours = () =>
  ValidateBy({
    name: 'isHalfHours',
    validator: {
      validate: (value) => typeof value === 'number' && Number.isInteger(value * 2),
      defaultMessage: () => 'must be in steps of 0.5 hour',
    },
  });

const toLowerCaseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class SkillDto {
  @ApiProperty({ example: 'elektrotechniek', description: 'A code from GET /api/subjects' })
  @IsIn(SUBJECT_CODES, {
    message: ({ value }) =>
      `"${String(value)}" is not a known subject code; GET /api/subjects lists them (for example elektrotechniek, ict)`,
  })
  subjectCode: string;

  @ApiProperty({ enum: EducationLevel, example: EducationLevel.Mbo3 })
  @IsEnum(EducationLevel, { message: `must be one of: ${LEVELS}` })
  level: EducationLevel;
}

export class WindowDto {
  @ApiProperty({ example: 2, minimum: 1, maximum: 7, description: 'ISO weekday: Monday = 1 … Sunday = 7' })
  @IsInt({ message: 'must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'must be 1 (Monday) or more' })
  @Max(7, { message: 'must be 7 (Sunday) or less' })
  weekday: number;

  @ApiProperty({ example: '08:30' })
  @IsClockTime()
  start: string;

  @ApiProperty({ example: '16:30', description: 'Later than start' })
  @IsClockTime()
  end: string;
}

export class CreateTeacherDto {
  @ApiProperty({ example: 'E-10442', description: "The company's own employee number; unique per company" })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  employeeRef: string;

  @ApiProperty({ example: 'Sanne' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'de Vries' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ example: 'sanne.devries@example.com', nullable: true, type: String })
  @IsOptional()
  @Transform(toLowerCaseEmail)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({
    type: [SkillDto],
    description: 'What the person can teach, and up to which level; at least one',
  })
  @IsArray({ message: 'must be a list of skills' })
  @ValidateNested({ each: true })
  @Type(() => SkillDto)
  @ArrayMinSize(1, { message: 'must list at least one skill' })
  @ArrayMaxSize(50)
  skills: SkillDto[];

  @ApiProperty({ enum: EducationLevel, isArray: true, example: [EducationLevel.Mbo3, EducationLevel.Mbo4] })
  @IsArray({ message: 'must be a list of levels' })
  @IsEnum(EducationLevel, { each: true, message: `each must be one of: ${LEVELS}` })
  @ArrayMinSize(1, { message: 'must list at least one level' })
  levels: EducationLevel[];

  @ApiProperty({
    type: [WindowDto],
    description: 'Weekly windows in which the person can teach; windows on one day must not overlap',
  })
  @IsArray({ message: 'must be a list of windows' })
  @ValidateNested({ each: true })
  @Type(() => WindowDto)
  @ArrayMaxSize(21)
  windows: WindowDto[];

  @ApiProperty({
    example: 1,
    minimum: 0,
    maximum: 7,
    description: 'Days a week the company releases the person',
  })
  @IsInt({ message: 'must be a whole number of days' })
  @Min(0)
  @Max(7)
  releasedDaysPerWeek: number;

  @ApiProperty({
    example: 6,
    minimum: 0,
    maximum: 60,
    description: 'Clock hours a week (not lesson periods), in steps of 0.5',
  })
  @IsNumber({}, { message: 'must be a number of hours' })
  @Min(0)
  @Max(60)
  @IsHalfHours()
  releasedHoursPerWeek: number;

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  availableFrom: string;

  @ApiPropertyOptional({
    example: '2027-01-31',
    nullable: true,
    type: String,
    description: 'On or after availableFrom; empty means open-ended',
  })
  @IsOptional()
  @IsCalendarDate()
  availableUntil?: string | null;

  @ApiProperty({ example: 'Amersfoort' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  homeCity: string;

  @ApiProperty({ example: 52.1561 })
  @IsLatitude({ message: 'must be a latitude in degrees' })
  homeLatitude: number;

  @ApiProperty({ example: 5.3878 })
  @IsLongitude({ message: 'must be a longitude in degrees' })
  homeLongitude: number;

  @ApiProperty({ example: 40, minimum: 0, maximum: 300 })
  @IsInt({ message: 'must be a whole number of kilometres' })
  @Min(0)
  @Max(300)
  maxTravelKm: number;

  @ApiProperty({
    example: 36,
    minimum: 0,
    maximum: 60,
    description: 'Contract hours a week at the company (Working Hours Act)',
  })
  @IsNumber({}, { message: 'must be a number of hours' })
  @Min(0)
  @Max(60)
  @IsHalfHours()
  contractHoursPerWeek: number;

  @ApiPropertyOptional({
    example: '2026-08-01',
    nullable: true,
    type: String,
    description: 'Issue date of the VOG; the document itself is never stored',
  })
  @IsOptional()
  @IsCalendarDate()
  vogIssuedOn?: string | null;

  @ApiPropertyOptional({ enum: Qualification, example: Qualification.None, default: Qualification.None })
  @IsOptionalButNotNull()
  @IsEnum(Qualification, { message: `must be one of: ${QUALIFICATIONS}` })
  qualification?: Qualification;

  @ApiPropertyOptional({
    example: '2026-02-01',
    nullable: true,
    type: String,
    description: 'Required for pdg_in_progress: when the PDG programme started',
  })
  @IsOptional()
  @IsCalendarDate()
  qualificationSince?: string | null;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      'Holds the PDC (pedagogisch-didactisch certificaat): the instructor role needs it (rule INSTRUCTOR_PDC)',
  })
  @IsOptionalButNotNull()
  @IsBoolean({ message: 'must be true or false' })
  hasPdc?: boolean;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      "Meets the HBO didactic requirement (BDB/BKE): needed above an HBO school's FTE threshold (rule HBO_DIDACTIC)",
  })
  @IsOptionalButNotNull()
  @IsBoolean({ message: 'must be true or false' })
  hasHboDidactic?: boolean;

  @ApiPropertyOptional({
    example: '5d2e0c1a-8f3b-4c4e-9d1a-2b3c4d5e6f70',
    description: 'Platform admin only: the company that offers this person',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a company id (UUID)' })
  companyId?: string;

  @ApiPropertyOptional({
    example: true,
    description:
      'Invite the person to log in: creates their hybrid-teacher login and e-mails a single-use link (needs email). ' +
      'Someone who already has a login, or whose address belongs to another account, is not invited again.',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  invite?: boolean;
}

export class UpdateTeacherDto extends PartialType(
  OmitType(CreateTeacherDto, ['companyId', 'invite'] as const),
  {
    skipNullProperties: false,
  },
) {
  @ApiPropertyOptional({ example: true, description: 'False takes the person out of matching' })
  @IsOptionalButNotNull()
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    example: 3,
    description: 'The version you read; a different current version answers 409 CONCURRENT_UPDATE',
  })
  @IsOptionalButNotNull()
  @IsInt({ message: 'must be the whole-number version you read' })
  version?: number;
}

/** What a hybrid teacher may change on their own profile. */
export const TEACHER_SELF_EDITABLE: readonly string[] = [
  'windows',
  'maxTravelKm',
  'homeCity',
  'homeLatitude',
  'homeLongitude',
  'version',
];

export class VerifyVogDto {
  @ApiProperty({ example: '2026-08-01', description: 'Issue date printed on the VOG that was checked' })
  @IsCalendarDate()
  issuedOn: string;
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTeachersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: "The region of the teacher's company",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;

  @ApiPropertyOptional({ example: 'elektrotechniek', description: 'Teachers with a skill in this subject' })
  @IsOptional()
  @IsIn(SUBJECT_CODES, {
    message: ({ value }) => `"${String(value)}" is not a known subject code; GET /api/subjects lists them`,
  })
  subjectCode?: string;

  @ApiPropertyOptional({
    enum: EducationLevel,
    description: 'Teachers with a skill at this level or who teach this level',
  })
  @IsOptional()
  @IsEnum(EducationLevel, { message: `must be one of: ${LEVELS}` })
  level?: EducationLevel;

  @ApiPropertyOptional({ example: '5d2e0c1a-8f3b-4c4e-9d1a-2b3c4d5e6f70' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a company id (UUID)' })
  companyId?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    enum: TEACHER_SORTS,
    example: 'vog',
    description:
      'The order: name (default), employeeRef, vog (missing first, then the oldest), pdgDeadline (nearest first, none last) or releasedHours; a leading "-" reverses it. Ties go by name',
  })
  @IsOptional()
  @IsIn(TEACHER_SORTS, { message: `must be one of: ${TEACHER_SORTS.join(', ')}` })
  sort?: TeacherSort;
}

export class ImportTeachersQueryDto extends PickType(CreateTeacherDto, ['companyId'] as const) {}

export class VogDto {
  @ApiProperty({ example: '2026-08-01', nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty({ example: '2026-08-20T09:12:00.000Z', nullable: true, type: Date }) verifiedAt: Date | null;
  @ApiProperty({ example: '7c1d…', nullable: true, type: String }) verifiedByUserId: string | null;
  @ApiProperty({
    example: true,
    description: 'Hint: the VOG is at most 6 months old on availableFrom (DOMAIN.md rule 4)',
  })
  validForSchoolStart: boolean;
  @ApiProperty({
    example: '2027-02-01',
    nullable: true,
    type: String,
    description:
      'The last day a placement may start on this VOG: 6 months after its issue (DOMAIN.md rule 4)',
  })
  validUntil: string | null;
}

export class TeacherDto {
  @ApiProperty({ example: '3f0c…' }) id: string;
  @ApiProperty({ example: '5d2e…' }) companyId: string;
  @ApiProperty({
    example: '9a1b…',
    nullable: true,
    type: String,
    description:
      "The teacher's login (as GET /api/users lists it), when they have one or were invited: the same for an invite of an address that has an account elsewhere, which this does not reveal",
  })
  userId: string | null;
  @ApiProperty({ example: 'E-10442' }) employeeRef: string;
  @ApiProperty({ example: 'Sanne' }) firstName: string;
  @ApiProperty({ example: 'de Vries' }) lastName: string;
  @ApiProperty({ example: 'sanne.devries@example.com', nullable: true, type: String }) email: string | null;
  @ApiProperty({ type: [SkillDto] }) skills: SkillDto[];
  @ApiProperty({ enum: EducationLevel, isArray: true, example: [EducationLevel.Mbo3] })
  levels: EducationLevel[];
  @ApiProperty({ type: [WindowDto] }) windows: WindowDto[];
  @ApiProperty({ example: 1 }) releasedDaysPerWeek: number;
  @ApiProperty({ example: 6 }) releasedHoursPerWeek: number;
  @ApiProperty({ example: '2026-09-01' }) availableFrom: string;
  @ApiProperty({ example: '2027-01-31', nullable: true, type: String }) availableUntil: string | null;
  @ApiProperty({ example: 'Amersfoort' }) homeCity: string;
  @ApiProperty({ example: 52.1561 }) homeLatitude: number;
  @ApiProperty({ example: 5.3878 }) homeLongitude: number;
  @ApiProperty({ example: 40 }) maxTravelKm: number;
  @ApiProperty({ example: 36 }) contractHoursPerWeek: number;
  @ApiProperty({ enum: Qualification, example: Qualification.None }) qualification: Qualification;
  @ApiProperty({ example: null, nullable: true, type: String }) qualificationSince: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description:
      'With a PDG in progress: the last day it allows more than 6 hours a week of MBO teaching, 2 years after it started (DOMAIN.md rule 1)',
  })
  pdgDeadline: string | null;
  @ApiProperty({ example: false, description: 'Holds the PDC (the instructor role needs it)' })
  hasPdc: boolean;
  @ApiProperty({
    example: false,
    description: "Meets the HBO didactic requirement (BDB/BKE) above a school's FTE threshold",
  })
  hasHboDidactic: boolean;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ type: VogDto }) vog: VogDto;
  @ApiProperty({ example: 1, description: 'Optimistic-lock version; send it back on PATCH' }) version: number;
}

export class TeacherPageDto extends PageMetaDto {
  @ApiProperty({ type: [TeacherDto] }) items: TeacherDto[];
}

/** The encodings the CSV import reads (docs/CSV-IMPORT.md). */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export class ImportResultDto {
  @ApiProperty({ example: 940, description: 'New profiles' }) created: number;
  @ApiProperty({ example: 60, description: 'Existing profiles (same employee_ref) that were updated' })
  updated: number;
  @ApiProperty({ example: 1000 }) total: number;
  @ApiProperty({
    example: 940,
    description:
      'People invited to log in by this import: rows with invite = yes whose profile had no login or invite yet and whose address has no account or invite in your company. ' +
      'An address with an account elsewhere counts alike (its owner is told by e-mail instead; the answer does not reveal it).',
  })
  invited: number;
  @ApiProperty({
    enum: CSV_ENCODINGS,
    example: 'windows-1252',
    description: 'The encoding the file was read in (byte-order mark, else valid UTF-8, else Windows-1252)',
  })
  encoding: CsvEncoding;
}

export class SubjectDto {
  @ApiProperty({ example: 'eltech-eerste-monteur' }) code: string;
  @ApiProperty({ example: 'Eerste monteur elektrotechnische installaties' }) name: string;
  @ApiProperty({ example: 'elektrotechniek' }) field: string;
  @ApiProperty({
    example: '25330',
    nullable: true,
    type: String,
    description: 'Crebo code of the MBO qualification (s-bb.nl): every specialisation has one, a field none',
  })
  crebo: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: "The MBO qualification's name, when the subject is a topic taught within it",
  })
  qualification: string | null;
  @ApiProperty({
    example: ['eltech-eerste-monteur', 'elektrotechniek'],
    type: [String],
    description:
      'The skills that cover a request in this subject: itself, its field, or its specialisations (docs/SUBJECTS.md)',
  })
  coveredBy: string[];
}
