import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { UserRole } from '@hybridmatch/domain';
import { IsOptionalButNotNull as Optional } from '../common/validators';
import { PageMetaDto, PageQueryDto } from '../common/pagination';

/** Optional, but not null: a field that is sent must hold a valid value. */

const roleMessage = { message: `must be one of: ${Object.values(UserRole).join(', ')}` };

export class InviteUserDto {
  @ApiProperty({
    example: 'j.bakker@example.nl',
    description:
      'Stored lower-case; an address your organisation already has or has invited answers 409 EMAIL_TAKEN',
  })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Jeroen Bakker' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: UserRole, example: UserRole.HybridTeacher })
  @IsEnum(UserRole, roleMessage)
  role: UserRole;

  @ApiPropertyOptional({
    example: '5d2e0f4a-6b1c-4f1e-9d4a-2a7b3c4d5e6f',
    description:
      'Platform admin: the company (company_admin, hybrid_teacher) or school (school_admin). Company and school admins may leave it out: their own organisation.',
  })
  @Optional()
  @IsUUID('all', { message: 'must be an organisation id (UUID)' })
  organisationId?: string;

  @ApiPropertyOptional({
    example: ['0b9d3c1e-5c1a-4a53-9a0e-2f3f0b1b6c01'],
    type: [String],
    description: 'Regional coordinators only: one or more regions',
  })
  @Optional()
  @IsArray({ message: 'must be a list of region ids' })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'must be region ids (UUIDs)' })
  regionIds?: string[];

  @ApiPropertyOptional({
    example: '2c4e6a8b-1d3f-4a5b-9c7d-0e1f2a3b4c5d',
    description:
      'Hybrid teacher invites only: link the login to this existing teacher profile of the company',
  })
  @Optional()
  @IsUUID('all', { message: 'must be a teacher profile id (UUID)' })
  teacherProfileId?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: UserRole })
  @IsOptional()
  @IsEnum(UserRole, roleMessage)
  role?: UserRole;
}

export class UserDto {
  @ApiProperty({ example: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f' }) id: string;
  @ApiProperty({ example: 'j.bakker@example.nl' }) email: string;
  @ApiProperty({ example: 'Jeroen Bakker' }) name: string;
  @ApiProperty({ enum: UserRole, example: UserRole.HybridTeacher }) role: UserRole;
  @ApiProperty({ example: '5d2e0f4a-6b1c-4f1e-9d4a-2a7b3c4d5e6f', nullable: true, type: String })
  organisationId: string | null;
  @ApiProperty({ example: [], type: [String], description: 'Regional coordinators: their regions' })
  regionIds: string[];
  @ApiProperty({ example: true, description: 'Invited, and has not yet chosen a password' })
  invitePending: boolean;
  @ApiProperty({ example: '2026-05-08T09:30:00.000Z', nullable: true, type: Date })
  inviteExpiresAt: Date | null;
  @ApiProperty({ example: true, description: 'False while the account is deactivated' }) active: boolean;
  @ApiProperty({ example: null, nullable: true, type: Date }) deactivatedAt: Date | null;
  @ApiProperty({ example: null, nullable: true, type: Date }) lastLoginAt: Date | null;
  @ApiProperty({ example: '2026-05-01T09:30:00.000Z' }) createdAt: Date;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
}

/**
 * The answer to an invite: the same whether or not the address already has an account elsewhere
 * (no account enumeration). The invited person appears in `GET /api/users` once invited (as a
 * pending invite of its own when the address has an account elsewhere).
 */
export class InviteDto {
  @ApiProperty({
    example: 'j.bakker@example.nl',
    description:
      'The address the single-use link (valid 7 days) goes to, through the outbox, never to the inviter. Should the address already have an account in another organisation, its owner is told instead, no account is created, and the invite is listed and managed as any other.',
  })
  email: string;

  @ApiProperty({ example: '2026-05-08T09:30:00.000Z', description: 'Until when the link works' })
  expiresAt: Date;
}
