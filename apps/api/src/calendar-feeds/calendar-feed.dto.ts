import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CalendarFeedOwnerRef, CalendarFeedView } from '@hybridmatch/core';

export class CreateCalendarFeedDto implements CalendarFeedOwnerRef {
  @ApiPropertyOptional({
    example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819',
    description: 'A teacher’s feed (give this or schoolId)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a teacher id (UUID)' })
  teacherId?: string;

  @ApiPropertyOptional({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: 'A school’s feed (give this or teacherId)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a school id (UUID)' })
  schoolId?: string;
}

export class CalendarFeedDto implements CalendarFeedView {
  @ApiProperty({ example: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }) id: string;
  @ApiProperty({ nullable: true, example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819' }) teacherId: string | null;
  @ApiProperty({ nullable: true, example: null }) schoolId: string | null;
  @ApiProperty({
    example: 'http://localhost:3000/api/calendar/Zk3…q8.ics',
    description: 'The private subscription URL (shown once; renew to get a new one)',
  })
  url: string;
  @ApiProperty({ example: '2026-09-01T08:00:00.000Z' }) createdAt: Date;
}
