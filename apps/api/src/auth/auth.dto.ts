import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UserRole } from '@hybridmatch/domain';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@example.nl' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    enum: ['body', 'cookie'],
    default: 'body',
    description:
      "Where the refresh token goes: in the answer's body (API clients), or in the httpOnly cookie `hm_refresh` for the auth routes and not in the body (the web app)",
  })
  @IsOptional()
  @IsIn(['body', 'cookie'], { message: "must be 'body' or 'cookie'" })
  refreshTokenIn?: 'body' | 'cookie';
}

/** A single-use token from an e-mailed link, and the password its holder chooses. */
export class ChoosePasswordDto {
  @ApiProperty({ example: 'q3Jx…', description: 'The token from the invite or password-reset link' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @ApiProperty({ example: 'a long passphrase of your own', minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  @MaxLength(200)
  password: string;
}

export class SessionTokensDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;

  @ApiPropertyOptional({
    example: 'Zk3v…',
    description:
      'Exchange it at POST /api/auth/refresh for a new access token (and the next refresh token) until the sign-in ends. Each refresh token works once. Absent when it went into the `hm_refresh` cookie instead.',
  })
  refreshToken?: string;

  @ApiProperty({
    example: '2026-12-03T19:00:00.000Z',
    description: 'When the sign-in ends (SESSION_HOURS after the login); sign in again after that',
  })
  refreshExpiresAt: Date;
}

export class RefreshDto {
  @ApiPropertyOptional({
    example: 'Zk3v…',
    description:
      'The refresh token from the login or the last refresh; without it, the one in the `hm_refresh` cookie (the next one then goes there too)',
  })
  @IsOptional()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'j.bakker@example.nl' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
}

export class MessageDto {
  @ApiProperty({
    example:
      'If an account exists for this address, we sent it a link to choose a new password. The link works once, for one hour.',
  })
  message: string;
}

export class MeDto {
  @ApiProperty({ example: '6f1c…' }) id: string;
  @ApiProperty({ example: 'coordinator@example.nl' }) email: string;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
  @ApiProperty({ enum: UserRole, example: UserRole.RegionalCoordinator }) role: UserRole;
  @ApiProperty({ example: null, nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ example: ['0b9d…'], type: [String] }) regionIds: string[];
}
