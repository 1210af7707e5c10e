import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { HolidayBinding, HolidayRegion, InstitutionDayOffKind, SchoolHolidayKind } from '@hybridmatch/domain';
import { enumMessage, HasFormat, IsCalendarDate } from '../common/validators';

const SCHOOL_YEAR = /^\d{4}-\d{4}$/;

/** One region's holiday in a holiday file: `[first day off, last day off]`. */
const HolidayPeriod = (example: [string, string]) =>
  applyDecorators(
    ApiPropertyOptional({ example, description: '[first day off, last day off]' }),
    IsOptional(),
    IsArray(),
    ArrayMinSize(2),
    ArrayMaxSize(2),
    IsCalendarDate({ each: true }),
  );
const IsSchoolYear = () => HasFormat('isSchoolYear', SCHOOL_YEAR, 'must be a school year such as 2026-2027');

export class SchoolHolidayDto {
  @ApiProperty({ example: '0b9d3c1e-5f1a-4c59-9a51-3f7f0d1a2b3c' }) id: string;
  @ApiProperty({ example: '2026-2027' }) schoolYear: string;
  @ApiProperty({ enum: HolidayRegion, example: HolidayRegion.Midden }) holidayRegion: HolidayRegion;
  @ApiProperty({ enum: SchoolHolidayKind, example: SchoolHolidayKind.Autumn }) kind: SchoolHolidayKind;
  @ApiProperty({ example: 'Herfstvakantie' }) name: string;
  @ApiProperty({ enum: HolidayBinding, example: HolidayBinding.Advisory }) binding: HolidayBinding;
  @ApiProperty({ example: '2026-10-17', description: 'first day off' }) startDate: string;
  @ApiProperty({ example: '2026-10-25', description: 'last day off' }) endDate: string;
  @ApiPropertyOptional({
    example:
      'https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar',
    nullable: true,
  })
  source: string | null;
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' }) updatedAt: Date;
}

export class ListSchoolHolidaysQueryDto {
  @ApiPropertyOptional({ example: '2026-2027' })
  @IsOptional()
  @IsSchoolYear()
  schoolYear?: string;

  @ApiPropertyOptional({ enum: HolidayRegion, example: HolidayRegion.Noord })
  @IsOptional()
  @IsEnum(HolidayRegion, enumMessage(HolidayRegion))
  holidayRegion?: HolidayRegion;
}

export class PutSchoolHolidayDto {
  @ApiProperty({ example: '2026-2027' })
  @IsSchoolYear()
  schoolYear: string;

  @ApiProperty({ enum: HolidayRegion, example: HolidayRegion.Midden })
  @IsEnum(HolidayRegion, enumMessage(HolidayRegion))
  holidayRegion: HolidayRegion;

  @ApiProperty({ enum: SchoolHolidayKind, example: SchoolHolidayKind.Spring })
  @IsEnum(SchoolHolidayKind, enumMessage(SchoolHolidayKind))
  kind: SchoolHolidayKind;

  @ApiProperty({ enum: HolidayBinding, example: HolidayBinding.Advisory })
  @IsEnum(HolidayBinding, enumMessage(HolidayBinding))
  binding: HolidayBinding;

  @ApiProperty({ example: '2027-02-20' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '2027-02-28' })
  @IsCalendarDate()
  endDate: string;
}

export class HolidayFileEntryDto {
  @ApiProperty({ enum: SchoolHolidayKind, example: SchoolHolidayKind.Autumn })
  @IsEnum(SchoolHolidayKind, enumMessage(SchoolHolidayKind))
  kind: SchoolHolidayKind;

  @ApiProperty({ enum: HolidayBinding, example: HolidayBinding.Advisory })
  @IsEnum(HolidayBinding, enumMessage(HolidayBinding))
  binding: HolidayBinding;

  @HolidayPeriod(['2026-10-10', '2026-10-18'])
  noord?: [string, string];

  @HolidayPeriod(['2026-10-17', '2026-10-25'])
  midden?: [string, string];

  @HolidayPeriod(['2026-10-17', '2026-10-25'])
  zuid?: [string, string];
}

export class HolidayFileYearDto {
  @ApiProperty({ example: '2026-2027' })
  @IsSchoolYear()
  schoolYear: string;

  @ApiPropertyOptional({ example: 'https://www.rijksoverheid.nl/…/overzicht-schoolvakanties-2026-2027' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiProperty({ type: [HolidayFileEntryDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HolidayFileEntryDto)
  holidays: HolidayFileEntryDto[];
}

/** The shape of `data/school-holidays.json`: import a file like it to load or correct school years. */
export class HolidayFileDto {
  @ApiPropertyOptional({ example: 'Dutch school holidays per school year and holiday region' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: 'Rijksoverheid, Overzicht schoolvakanties per schooljaar' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiProperty({ type: [HolidayFileYearDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => HolidayFileYearDto)
  schoolYears: HolidayFileYearDto[];
}

export class HolidayImportResultDto {
  @ApiProperty({ example: 15, description: 'holidays written (new or changed)' }) imported: number;
}

export class InstitutionDayOffDto {
  @ApiProperty({ example: '5b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4' }) id: string;
  @ApiProperty({ example: '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b' }) organisationId: string;
  @ApiProperty({ enum: InstitutionDayOffKind, example: InstitutionDayOffKind.StudyDay })
  kind: InstitutionDayOffKind;
  @ApiProperty({ example: '2026-11-23' }) startDate: string;
  @ApiProperty({ example: '2026-11-23' }) endDate: string;
  @ApiProperty({ example: 'Studiedag docenten' }) description: string;
}

export class CreateInstitutionDayOffDto {
  @ApiProperty({ enum: InstitutionDayOffKind, example: InstitutionDayOffKind.StudyDay })
  @IsEnum(InstitutionDayOffKind, enumMessage(InstitutionDayOffKind))
  kind: InstitutionDayOffKind;

  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({ example: 'Studiedag docenten' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  description: string;
}

export class CalendarQueryDto {
  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2027-07-31' })
  @IsCalendarDate()
  to: string;
}

export class DayOffDto {
  @ApiProperty({ example: '2026-10-17' }) startDate: string;
  @ApiProperty({ example: '2026-10-25' }) endDate: string;
  @ApiProperty({ example: 'Herfstvakantie' }) reason: string;
}
