import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { User } from '@hybridmatch/database';
import { Actor, DomainError, ErrorCode, UnauthenticatedError } from '@hybridmatch/core';
import { AccessTokenClaims } from './access-token';
import { AccessTokenDto, MeDto } from './auth.dto';
import { hashPassword, hashToken, verifyPassword } from './password';

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown, so both paths cost one argon2 verification. */
  private readonly timingDummyHash = hashPassword('not a real password');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<AccessTokenDto> {
    const user = await this.users.findOne({
      where: { email: email.toLowerCase() },
      select: { id: true, role: true, organisationId: true, passwordHash: true },
      relations: { regions: true },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.timingDummyHash), password).catch(
      () => false,
    );
    if (!user?.passwordHash || !valid) {
      throw new UnauthenticatedError('E-mail address or password is wrong.');
    }
    await this.users.update(user.id, { lastLoginAt: new Date() });
    return this.issueToken(user);
  }

  async acceptInvite(token: string, password: string): Promise<AccessTokenDto> {
    const user = await this.users.findOne({
      where: { inviteTokenHash: hashToken(token), inviteExpiresAt: MoreThan(new Date()) },
      relations: { regions: true },
    });
    if (!user)
      throw new DomainError(
        ErrorCode.NotFound,
        'This invite link is unknown, already used or expired; ask for a new invite.',
      );
    await this.users.update(user.id, {
      passwordHash: await hashPassword(password),
      inviteTokenHash: null,
      inviteExpiresAt: null,
    });
    return this.issueToken(user);
  }

  async me(actor: Actor): Promise<MeDto> {
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      organisationId: user.organisationId,
      regionIds: actor.regionIds,
    };
  }

  private async issueToken(
    user: Pick<User, 'id' | 'role' | 'organisationId' | 'regions'>,
  ): Promise<AccessTokenDto> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      org: user.organisationId,
      regions: (user.regions ?? []).map((region) => region.id),
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.auth.jwtTtlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtTtlSeconds };
  }
}
