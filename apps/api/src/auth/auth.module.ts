import { Module } from '@nestjs/common';
import { createHash, createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AccessTokenVerifier } from './access-token.verifier';
import { AccountMailService } from './account-mail.service';
import { accountOf } from './rate-limits';
import { RATE_LIMIT_STORAGE, RateLimitStorageModule } from './throttler-storage';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';
import { SignInStates } from './sign-in-states';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A key object made once: given the secret as a string, jsonwebtoken first tries (and fails)
        // to read it as a public key on every verify, which cost ~6-8 % of a read route's CPU.
        const key = createSecretKey(Buffer.from(config.auth.jwtSecret));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
    // Only routes that opt in with ThrottlerGuard are limited. Password guesses (login, reset
    // requests) share the tight `login` limit; single-use links (invites, resets, refresh) carry
    // 256-bit tokens nobody can guess, so they get their own, wider `link` limit: an office
    // activating its invites together is not an attacker.
    // `account` counts login and reset requests per e-mail address, whatever address they come
    // from (password guesses spread over many clients). Counters live in Redis, shared by every
    // API process (in PostgreSQL when the queues run there); clients are told apart by
    // their real address (TRUSTED_PROXIES, api.bootstrap).
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [APP_CONFIG, RATE_LIMIT_STORAGE],
      useFactory: (config: AppConfig, storage: ThrottlerStorage) => ({
        storage,
        throttlers: [
          { name: 'login', ttl: 60_000, limit: config.auth.loginRateLimitPerMinute },
          {
            name: 'account',
            ttl: 3_600_000,
            limit: config.auth.loginAccountRateLimitPerHour,
            getTracker: accountOf,
            generateKey: (_context, account) =>
              `account-${createHash('sha256').update(account).digest('hex')}`,
            skipIf: (context) => accountOf(context.switchToHttp().getRequest()) === '',
          },
          { name: 'link', ttl: 60_000, limit: config.auth.linkRateLimitPerMinute },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    AccountMailService,
    AccessTokenVerifier,
    SignInStates,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountMailService, SessionService, AccessTokenVerifier, SignInStates],
})
export class AuthModule {}
