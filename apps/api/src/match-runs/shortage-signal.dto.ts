import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ShortageQueryDto {
  @ApiPropertyOptional({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: 'Only this region (one you may see); default: every region you may see',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;
}

export class ShortageBaselineDto {
  @ApiProperty({
    example: 5400,
    description: 'Minutes per week the region’s solve fills without the extra teacher or day',
  })
  minutesFilled: number;
  @ApiProperty({ example: 30 }) blocksFilled: number;
}

export class ProfileSignalDto {
  @ApiProperty({ example: 'elektrotechniek' }) subjectCode: string;
  @ApiProperty({ example: 'MBO3' }) level: string;
  @ApiProperty({ example: 2, description: 'ISO weekday (Monday = 1)' }) weekday: number;
  @ApiProperty({
    example: 360,
    description:
      'Unfilled minutes per week one more teacher of this profile fills (the region re-solved with them)',
  })
  minutesGained: number;
  @ApiProperty({ example: 2 }) blocksGained: number;
}

export class StaffSignalDto {
  @ApiProperty({ example: '3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819' }) teacherId: string;
  @ApiProperty({ example: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }) companyId: string;
  @ApiProperty({
    example: 180,
    description: 'Unfilled minutes per week this teacher fills with one more released day (re-solved)',
  })
  minutesGained: number;
  @ApiProperty({ example: 1 }) blocksGained: number;
}

export class RegionShortageDto {
  @ApiProperty({ example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01' }) regionId: string;
  @ApiProperty({
    example: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    description: 'The match run whose input the signals were computed from (the region’s latest)',
  })
  matchRunId: string;
  @ApiProperty({ example: '2026-09-01T08:30:02.000Z', type: String, format: 'date-time' }) computedAt: Date;
  @ApiProperty({ type: ShortageBaselineDto }) baseline: ShortageBaselineDto;
  @ApiProperty({ type: [ProfileSignalDto], description: 'Staff profiles, most minutes gained first' })
  profiles: ProfileSignalDto[];
  @ApiProperty({
    type: [StaffSignalDto],
    description:
      'One more released day per teacher, per company best first (a company admin: own staff only)',
  })
  staff: StaffSignalDto[];
  @ApiProperty({ example: 24, description: 'Region re-solves behind the signals' }) solves: number;
  @ApiProperty({
    example: 0,
    description: 'Candidates left out by the re-solve budget (ranked by the open minutes they address)',
  })
  notTried: number;
  @ApiProperty({ example: 310, description: 'Time the re-solves took (ms)' }) ms: number;
}
