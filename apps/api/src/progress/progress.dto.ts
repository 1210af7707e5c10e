import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ProgressQueryDto {
  @ApiPropertyOptional({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: 'Only this region (a coordinator: one of theirs); default: every region you may see',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;
}

export class ProgressFiguresDto {
  @ApiProperty({
    example: 1000,
    description: 'Active hybrid teachers companies offer (available today or later)',
  })
  teachersOffered: number;
  @ApiProperty({
    example: 120,
    description: 'Distinct teachers with a proposal waiting for answers or approval',
  })
  teachersProposed: number;
  @ApiProperty({ example: 310, description: 'Distinct teachers with an active placement that has not ended' })
  teachersPlaced: number;
  @ApiProperty({ example: 280, description: 'Distinct teachers with an active placement running this week' })
  teachersActiveThisWeek: number;
  @ApiProperty({
    example: 912.5,
    description: 'Clock hours per week of the active placements that have not ended',
  })
  hoursPerWeekPlaced: number;
  @ApiProperty({
    example: 4120,
    description: 'Clock hours taught so far (every lesson from the start until yesterday)',
  })
  hoursTaught: number;
  @ApiProperty({ example: 640, description: 'Requests with nothing placed yet' }) requestsOpen: number;
  @ApiProperty({ example: 150, description: 'Requests with some blocks placed' })
  requestsPartiallyFilled: number;
  @ApiProperty({ example: 420, description: 'Requests with every block placed' }) requestsFilled: number;
  @ApiProperty({
    example: 1830,
    description: 'Clock hours per week still asked for (blocks no placement covers)',
  })
  openHoursPerWeek: number;
}

export class ProgressBreakdownRowDto extends ProgressFiguresDto {
  @ApiProperty({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: 'Region, company or school id, or subject code',
  })
  key: string;
  @ApiProperty({ example: 'Groot Amsterdam', description: 'Its name (the subject code for subjects)' })
  name: string;
}

export class DemandSupplyDto {
  @ApiProperty({ example: 'elektrotechniek' }) subjectCode: string;
  @ApiProperty({ example: 'MBO3' }) level: string;
  @ApiProperty({ example: 120.5, description: 'Clock hours per week still asked for' })
  demandHoursPerWeek: number;
  @ApiProperty({
    example: 80,
    description:
      'Released clock hours per week of teachers with this skill, minus what they already teach (a teacher counts under each skill)',
  })
  supplyHoursPerWeek: number;
  @ApiProperty({ example: -40.5, description: 'Supply minus demand; negative: a shortage' })
  balanceHoursPerWeek: number;
}

export class ProgressReportDto {
  @ApiProperty({
    example: 'national',
    enum: ['national', 'regions'],
    description: 'National (platform admin) or your regions',
  })
  scope: 'national' | 'regions';
  @ApiProperty({ example: '2026-12-03', description: 'The day the figures are for (Europe/Amsterdam)' })
  asOf: string;
  @ApiProperty({ example: '2026-11-30', description: 'Monday of this week' }) weekStart: string;
  @ApiProperty({ example: 1000, description: 'The national target of the Aanvalsplan Techniek' })
  target: number;
  @ApiProperty({ type: ProgressFiguresDto, description: 'The whole scope' }) total: ProgressFiguresDto;
  @ApiProperty({ example: 690, description: 'target − teachers placed in this scope' })
  distanceToTarget: number;
  @ApiProperty({ type: [ProgressBreakdownRowDto] }) byRegion: ProgressBreakdownRowDto[];
  @ApiProperty({
    type: [ProgressBreakdownRowDto],
    description: 'A teacher counts as offered under each subject they have',
  })
  bySubject: ProgressBreakdownRowDto[];
  @ApiProperty({ type: [ProgressBreakdownRowDto] }) byCompany: ProgressBreakdownRowDto[];
  @ApiProperty({ type: [ProgressBreakdownRowDto] }) bySchool: ProgressBreakdownRowDto[];
  @ApiProperty({ type: [DemandSupplyDto], description: 'Per subject and level, largest shortage first' })
  demandSupply: DemandSupplyDto[];
}

export class ProgressTrendPointDto {
  @ApiProperty({ example: '2026-11-30', description: 'Monday of the week' }) weekStart: string;
  @ApiProperty({ example: 'national', description: '`national` or the region id' }) scopeKey: string;
  @ApiProperty({ type: ProgressFiguresDto }) figures: ProgressFiguresDto;
  @ApiProperty({ example: '2026-11-30T05:00:00.000Z', type: String, format: 'date-time' }) takenAt: Date;
}
