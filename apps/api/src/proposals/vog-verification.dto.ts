import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { VogVerificationView } from '@hybridmatch/core';
import { VogVerificationStatus } from '@hybridmatch/domain';
import { enumMessage, IsCalendarDate } from '../common/validators';

export class RecordVogVerificationDto {
  @ApiProperty({
    enum: VogVerificationStatus,
    example: VogVerificationStatus.Verified,
    description:
      'verified: the VOG is genuine and belongs to the teacher; rejected: it cannot be accepted; missing: none was shown',
  })
  @IsEnum(VogVerificationStatus, enumMessage(VogVerificationStatus))
  status: VogVerificationStatus;

  @ApiPropertyOptional({
    example: '2026-08-01',
    nullable: true,
    type: String,
    description:
      'The issue date printed on the VOG you checked: required when verified, absent when missing. It never changes the date the company recorded.',
  })
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string | null;

  @ApiPropertyOptional({ example: 'Checked the original at the intake meeting.', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

class VerifierDto {
  @ApiProperty({ example: '3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b' }) userId: string;
  @ApiProperty({ example: 'Petra de Vries' }) name: string;
}

export class VogVerificationDto implements VogVerificationView {
  @ApiProperty({ example: 'b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d0e' }) id: string;
  @ApiProperty({ example: 'e2b7c1a0-9d3f-4b6e-8c1a-2f3e4d5c6b7a' }) proposalId: string;
  @ApiProperty({ example: '9a41c2d0-3c55-4c0e-8a55-1f0c7c2b9e10' }) teacherId: string;
  @ApiProperty({ enum: VogVerificationStatus, example: VogVerificationStatus.Verified })
  status: VogVerificationStatus;
  @ApiProperty({
    example: '2026-08-01',
    nullable: true,
    type: String,
    description: 'The date the school saw',
  })
  issuedOn: string | null;
  @ApiProperty({
    example: '2026-08-01',
    nullable: true,
    type: String,
    description: 'The issue date the company had recorded when the school checked',
  })
  recordedIssuedOn: string | null;
  @ApiProperty({ example: true, description: 'The school saw the date the company recorded' })
  matchesRecordedDate: boolean;
  @ApiProperty({ example: 'Checked the original at the intake meeting.' }) note: string;
  @ApiProperty({ type: VerifierDto, nullable: true, description: 'Null when the account was removed' })
  verifiedBy: VerifierDto | null;
  @ApiProperty({ example: '2026-09-02T10:15:00.000Z' }) verifiedAt: Date;
}
