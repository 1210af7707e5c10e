import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { NewRateCardEntry, RateCardEntryView } from '@hybridmatch/core';
import { RATE_BOUNDS, TeachingRole } from '@hybridmatch/domain';
import { IsCalendarDate, IsPlausibleRate } from '../common/validators';

const RATE_DESCRIPTION = `Hourly rate in euro cents (9500 = €95.00), between ${RATE_BOUNDS.minCents} and ${RATE_BOUNDS.maxCents}`;

export class CreateRateCardEntryDto implements NewRateCardEntry {
  @ApiPropertyOptional({
    example: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    description: 'One staff member of the company (or give `role`, not both)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a teacher id (UUID)' })
  teacherId?: string;

  @ApiPropertyOptional({ enum: TeachingRole, description: 'Every staff member in this teaching role' })
  @IsOptional()
  @IsIn(Object.values(TeachingRole), { message: `must be one of ${Object.values(TeachingRole).join(', ')}` })
  role?: TeachingRole;

  @ApiProperty({ example: 9500, description: RATE_DESCRIPTION })
  @IsPlausibleRate()
  hourlyRateCents: number;

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiPropertyOptional({
    example: '2027-07-31',
    nullable: true,
    type: String,
    description: 'Inclusive; leave out: until further notice',
  })
  @ValidateIf((entry: CreateRateCardEntryDto) => entry.validUntil !== undefined && entry.validUntil !== null)
  @IsCalendarDate()
  validUntil?: string | null;
}

export class RateCardEntryDto implements RateCardEntryView {
  @ApiProperty({ example: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f' }) id: string;
  @ApiProperty({ example: '5d2e0f4a-6b1c-4f1e-9d4a-2a7b3c4d5e6f' }) companyId: string;
  @ApiProperty({ example: null, nullable: true, type: String }) teacherId: string | null;
  @ApiProperty({ enum: TeachingRole, nullable: true, example: TeachingRole.GuestTeacher })
  role: TeachingRole | null;
  @ApiProperty({ example: 9500, description: RATE_DESCRIPTION }) hourlyRateCents: number;
  @ApiProperty({ example: '2026-09-01' }) validFrom: string;
  @ApiProperty({ example: null, nullable: true, type: String }) validUntil: string | null;
  @ApiProperty() createdAt: Date;
}
