import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
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
}

export class AcceptInviteDto {
  @ApiProperty({ example: 'q3Jx…', description: 'The token from the invite link' })
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

export class AccessTokenDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs…' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'Seconds until the token expires' }) expiresIn: number;
}

export class MeDto {
  @ApiProperty({ example: '6f1c…' }) id: string;
  @ApiProperty({ example: 'coordinator@example.nl' }) email: string;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
  @ApiProperty({ enum: UserRole, example: UserRole.RegionalCoordinator }) role: UserRole;
  @ApiProperty({ example: null, nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ example: ['0b9d…'], type: [String] }) regionIds: string[];
}
