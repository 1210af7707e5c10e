import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RuleFlagCause, RuleFlagResolution } from '@hybridmatch/database';
import { RULE_CODES, RuleCode } from '@hybridmatch/domain';
import type { ListRuleFlagsQuery, RuleFlagRow } from '@hybridmatch/core';
import { PageMetaDto, PageQueryDto } from '../common/pagination';

const STATUSES = ['open', 'resolved'] as const;

export class ListRuleFlagsQueryDto extends PageQueryDto implements ListRuleFlagsQuery {
  @ApiPropertyOptional({
    enum: STATUSES,
    default: 'open',
    description: '`open`: still needing attention (default); `resolved`: the history',
  })
  @IsOptional()
  @IsIn(STATUSES, { message: 'must be one of: open, resolved' })
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({
    example: '0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01',
    description: 'Only this region (one of yours)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a region id (UUID)' })
  regionId?: string;
}

export class RuleViolationDto {
  @ApiProperty({ enum: RULE_CODES, example: RuleCode.WorkingHours }) code: RuleCode;
  @ApiProperty({
    example: 'Contract 44 uur plus 8 uur les is 52 uur per week: meer dan de 48 uur van de Arbeidstijdenwet.',
  })
  nl: string;
  @ApiProperty({
    example: "Contract 44 h plus 8 h teaching is 52 h a week: more than the Working Hours Act's 48 h.",
  })
  en: string;
}

export class RuleFlagDto implements RuleFlagRow {
  @ApiProperty({ example: '5b0c…' }) id: string;
  @ApiProperty({ example: '3f0c…', description: 'The proposal (also when the flag is about its placement)' })
  proposalId: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Set when an approved placement is broken',
  })
  placementId: string | null;
  @ApiProperty({ example: '0b9d…' }) regionId: string;
  @ApiProperty({ example: '5d2e…' }) companyId: string;
  @ApiProperty({ example: '7a1b…' }) schoolId: string;
  @ApiProperty({ example: '9c3d…' }) teacherId: string;
  @ApiProperty({ example: '7f0c…' }) requestId: string;
  @ApiProperty({ example: 'Sanne de Vries' }) teacherName: string;
  @ApiProperty({ example: 'Installatiebedrijf Jansen' }) companyName: string;
  @ApiProperty({ example: 'ROC Midden Nederland' }) schoolName: string;
  @ApiProperty({ example: 'Elektrotechniek MBO3' }) requestTitle: string;
  @ApiProperty({ enum: RULE_CODES, isArray: true, example: ['WORKING_HOURS'] }) ruleCodes: string[];
  @ApiProperty({ type: [RuleViolationDto] }) violations: RuleViolationDto[];
  @ApiProperty({ enum: RuleFlagCause, example: RuleFlagCause.TeacherChanged, description: 'What changed' })
  cause: RuleFlagCause;
  @ApiProperty({ example: '2026-12-03T10:00:00.000Z' }) raisedAt: Date;
  @ApiProperty({ example: null, nullable: true, type: Date }) resolvedAt: Date | null;
  @ApiProperty({ enum: RuleFlagResolution, nullable: true, example: null })
  resolution: RuleFlagResolution | null;
}

export class RuleFlagPageDto extends PageMetaDto {
  @ApiProperty({ type: [RuleFlagDto] }) items: RuleFlagDto[];
}
