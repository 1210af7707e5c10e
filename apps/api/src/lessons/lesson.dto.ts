import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FeedbackParty } from '@hybridmatch/database';
import { LessonCancellationKind, LessonStatus } from '@hybridmatch/domain';
import {
  CancelLesson,
  CheckInView,
  CompleteCheckIn,
  EndPlacement,
  FeedbackView,
  GiveFeedback,
  LessonNames,
  LessonView,
  ListLessonsQuery,
  MoveLesson,
  RecordOutcome,
  ReminderSettingView,
  ReportSick,
} from '@hybridmatch/core';
import { PageMetaDto, PageQueryDto } from '../common/pagination';
import { AddressDto } from '../proposals/counterpart.dto';
import { enumMessage, IsCalendarDate, IsClockTime } from '../common/validators';

const UUID = '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

// ---- input -------------------------------------------------------------------------------------

export class ListLessonsQueryDto extends PageQueryDto implements ListLessonsQuery {
  @ApiPropertyOptional({ example: '2026-10-01', description: 'First Amsterdam date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'Last Amsterdam date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: UUID })
  @IsOptional()
  @IsUUID('all', { message: 'must be a placement id (UUID)' })
  placementId?: string;

  @ApiPropertyOptional({ example: UUID })
  @IsOptional()
  @IsUUID('all', { message: 'must be a teacher id (UUID)' })
  teacherId?: string;

  @ApiPropertyOptional({ example: UUID })
  @IsOptional()
  @IsUUID('all', { message: 'must be a school id (UUID)' })
  schoolId?: string;

  @ApiPropertyOptional({ enum: LessonStatus, example: LessonStatus.Scheduled })
  @IsOptional()
  @IsEnum(LessonStatus, enumMessage(LessonStatus))
  status?: LessonStatus;

  @ApiPropertyOptional({
    example: true,
    description: 'Only lessons cancelled less than 24 h before their start',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  lateCancellation?: boolean;
}

export class CancelLessonDto implements CancelLesson {
  @ApiProperty({ example: 'Examenweek: geen praktijkles', minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    enum: ['school', 'company'],
    example: 'school',
    description: 'Coordinators and the platform admin: for whom they cancel (default school)',
  })
  @IsOptional()
  @IsIn(['school', 'company'], { message: 'must be school or company' })
  onBehalfOf?: 'school' | 'company';
}

export class MoveLessonDto implements MoveLesson {
  @ApiProperty({ example: '2026-10-08', description: 'The new Amsterdam date' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: '13:00', description: 'Amsterdam wall-clock time' })
  @IsClockTime()
  startTime: string;

  @ApiProperty({ example: '16:00', description: 'Amsterdam wall-clock time' })
  @IsClockTime()
  endTime: string;

  @ApiPropertyOptional({ example: 'Lokaal bezet', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ReportSickDto implements ReportSick {
  @ApiPropertyOptional({ example: 'Griep', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RecordOutcomeDto implements RecordOutcome {
  @ApiProperty({ example: true, description: 'false: the lesson was not given (a no-show)' })
  @IsBoolean()
  given: boolean;
}

export class GiveFeedbackDto implements GiveFeedback {
  @ApiProperty({ example: 4, minimum: 1, maximum: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiProperty({
    example: 'Goede les, studenten waren enthousiast over de praktijkopdracht.',
    maxLength: 500,
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  comment: string;
}

export class CompleteCheckInDto implements CompleteCheckIn {
  @ApiPropertyOptional({ example: 'Loopt goed; volgende keer klassenmanagement bespreken.', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

export class EndPlacementDto implements EndPlacement {
  @ApiProperty({
    example: '2026-12-18',
    description: 'The last day of the placement (its later lessons are cancelled)',
  })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({
    example: 'Het bedrijf heeft de docent nodig voor een project',
    minLength: 3,
    maxLength: 500,
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class PutReminderSettingDto {
  @ApiProperty({
    example: 1440,
    minimum: 15,
    maximum: 10080,
    description: 'Minutes before a lesson its reminder goes out',
  })
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(10080)
  leadMinutes: number;
}

// ---- output ------------------------------------------------------------------------------------

export class LessonNamesDto implements LessonNames {
  @ApiProperty({ example: 'Sanne Jansen' }) teacherName: string;
  @ApiProperty({ example: 'Installatiebedrijf Noord BV' }) companyName: string;
  @ApiProperty({ example: 'ROC Midden Nederland' }) schoolName: string;
  @ApiProperty({ example: 'Praktijkles installatietechniek' }) requestTitle: string;
}

export class LessonDto implements LessonView {
  @ApiProperty({ example: UUID }) id: string;
  @ApiProperty({ example: UUID }) placementId: string;
  @ApiProperty({ example: UUID }) lessonBlockId: string;
  @ApiProperty({ example: UUID }) teacherId: string;
  @ApiProperty({ example: UUID }) schoolId: string;
  @ApiProperty({ example: UUID }) companyId: string;
  @ApiProperty({ example: UUID }) regionId: string;
  @ApiProperty({ example: '2026-10-06' }) date: string;
  @ApiProperty({ example: '2026-10-06T07:00:00.000Z' }) startsAt: Date;
  @ApiProperty({ example: '2026-10-06T10:00:00.000Z' }) endsAt: Date;
  @ApiProperty({ enum: LessonStatus, example: LessonStatus.Scheduled }) status: LessonStatus;
  @ApiProperty({ example: 0, description: 'Bumped on every change (the calendar feed’s SEQUENCE)' })
  sequence: number;
  @ApiProperty({ enum: LessonCancellationKind, nullable: true, example: null })
  cancellationKind: LessonCancellationKind | null;
  @ApiProperty({ nullable: true, example: null, type: String }) cancellationReason: string | null;
  @ApiProperty({ nullable: true, example: null, type: String, format: 'date-time' })
  cancelledAt: Date | null;
  @ApiProperty({ example: false, description: 'Cancelled less than 24 h before the start' })
  lateCancellation: boolean;
  @ApiProperty({ nullable: true, example: null, type: String, format: 'date-time' })
  outcomeRecordedAt: Date | null;
  @ApiProperty({
    type: LessonNamesDto,
    description: 'Teacher, company, school and request by name (every party of the lesson may see them)',
  })
  names: LessonNamesDto;
  @ApiProperty({
    type: AddressDto,
    nullable: true,
    description: "Where the lesson is given: the request's school location",
  })
  address: AddressDto | null;
}

export class LessonPageDto extends PageMetaDto {
  @ApiProperty({ type: [LessonDto] }) items: LessonDto[];
}

export class FeedbackDto implements FeedbackView {
  @ApiProperty({ example: UUID }) id: string;
  @ApiProperty({ example: UUID }) lessonId: string;
  @ApiProperty({ example: '2026-10-06T07:00:00.000Z' }) lessonStartsAt: Date;
  @ApiProperty({ enum: FeedbackParty, example: FeedbackParty.School }) party: FeedbackParty;
  @ApiProperty({ example: 4 }) rating: number;
  @ApiProperty({ example: 'Goede les.' }) comment: string;
  @ApiProperty({ example: '2026-10-06T12:00:00.000Z' }) createdAt: Date;
}

export class CheckInDto implements CheckInView {
  @ApiProperty({ example: UUID }) id: string;
  @ApiProperty({ example: UUID }) placementId: string;
  @ApiProperty({ example: '2026-10-19' }) dueDate: string;
  @ApiProperty({ nullable: true, example: null, type: String, format: 'date-time' })
  completedAt: Date | null;
  @ApiProperty({ nullable: true, example: null, type: String }) notes: string | null;
}

export class EndPlacementResultDto {
  @ApiProperty({ example: 6, description: 'Future lessons cancelled because they fall after the new end' })
  cancelledLessons: number;
}

export class ReminderSettingDto implements ReminderSettingView {
  @ApiProperty({ example: UUID }) organisationId: string;
  @ApiProperty({ example: 1440 }) leadMinutes: number;
}
