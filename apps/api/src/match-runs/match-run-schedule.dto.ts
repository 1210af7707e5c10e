import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

// ---- input -------------------------------------------------------------------------------------

export class PutMatchRunScheduleDto {
  @ApiProperty({
    example: '0 6 * * 1',
    description:
      'Cron pattern of 5 fields (minute hour day-of-month month day-of-week) in Europe/Amsterdam time; at most once an hour',
  })
  @IsString({ message: 'must be a cron pattern such as "0 6 * * 1"' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  cron: string;

  @ApiProperty({ example: true, description: 'false keeps the schedule but starts no runs' })
  @IsBoolean({ message: 'must be true or false' })
  enabled: boolean;

  @ApiPropertyOptional({
    example: 3,
    description: 'The version you read; the change is refused (409) when someone changed the schedule since',
  })
  @IsOptional()
  @IsInt({ message: 'must be the version number you read' })
  @Min(1, { message: 'must be the version number you read' })
  version?: number;
}

// ---- output ------------------------------------------------------------------------------------

export class MatchRunScheduleDto {
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' }) regionId: string;
  @ApiProperty({ example: '0 6 * * 1', description: 'minute hour day-of-month month day-of-week' })
  cron: string;
  @ApiProperty({ example: 'Europe/Amsterdam', description: 'The time zone the pattern is read in' })
  timezone: string;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({
    example: '2026-11-30T05:00:00.000Z',
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Null while disabled',
  })
  nextRunAt: Date | null;
  @ApiProperty({
    example: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    nullable: true,
    type: String,
    description: 'Who changed it last',
  })
  updatedByUserId: string | null;
  @ApiProperty({ example: '2026-11-27T10:15:00.000Z', type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ example: 1, description: 'Send it back with a change to detect concurrent edits' })
  version: number;
}
