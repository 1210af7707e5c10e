import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AccessTokenVerifier } from './access-token.verifier';
import { AccountMailService } from './account-mail.service';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Only routes that opt in with ThrottlerGuard are limited. Password guesses (login, reset
    // requests) share the tight `login` limit; single-use links (invites, resets, refresh) carry
    // 256-bit tokens nobody can guess, so they get their own, wider `link` limit: an office
    // activating its invites together is not an attacker.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'login', ttl: 60_000, limit: config.auth.loginRateLimitPerMinute },
        { name: 'link', ttl: 60_000, limit: config.auth.linkRateLimitPerMinute },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    AccountMailService,
    AccessTokenVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountMailService, SessionService, AccessTokenVerifier],
})
export class AuthModule {}
