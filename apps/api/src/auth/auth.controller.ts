import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK } from '@hybridmatch/config';
import { Clock } from '@hybridmatch/domain';
import { ApiProblems } from '../common/api-problems.decorator';
import { Actor, UnauthenticatedError } from '@hybridmatch/core';
import {
  ChoosePasswordDto,
  LoginDto,
  MeDto,
  MessageDto,
  PasswordResetRequestDto,
  RefreshDto,
  SessionTokensDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { clearQueueDashboardCookie } from '../queue-dashboard/queue-dashboard-ticket';
import { LinkRateLimit, LoginRateLimit } from './rate-limits';
import { clearRefreshCookie, refreshTokenFromCookie, toCookie } from './refresh-cookie';
import { ALL_ROLES, Public, Roles } from './roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @LoginRateLimit()
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiOperation({
    summary: 'Log in with e-mail and password; returns a short-lived access token and a refresh token',
  })
  @ApiProblems(400, 401, 429)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokensDto> {
    const tokens = await this.auth.login(body.email, body.password);
    return body.refreshTokenIn === 'cookie' ? toCookie(request, reply, tokens, this.clock.now()) : tokens;
  }

  @Post('accept-invite')
  @HttpCode(200)
  @Public()
  @LinkRateLimit()
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiOperation({
    summary:
      'Choose a password with the token from an invite e-mail; signs in. Limited per client separately from login',
  })
  @ApiProblems(400, 404, 429)
  acceptInvite(@Body() body: ChoosePasswordDto): Promise<SessionTokensDto> {
    return this.auth.acceptInvite(body.token, body.password);
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public()
  @LoginRateLimit()
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiOperation({
    summary:
      'Ask for a password-reset e-mail; the answer is the same whether or not the address has an account',
  })
  @ApiProblems(400, 429)
  requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<MessageDto> {
    return this.auth.requestPasswordReset(body.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  @Public()
  @LinkRateLimit()
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiOperation({
    summary:
      'Choose a new password with the token from a reset e-mail (works once, for one hour); ends every other sign-in',
  })
  @ApiProblems(400, 404, 429)
  resetPassword(@Body() body: ChoosePasswordDto): Promise<SessionTokensDto> {
    return this.auth.resetPassword(body.token, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @LinkRateLimit()
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiOperation({
    summary:
      'Exchange a refresh token (from the body, or else the `hm_refresh` cookie) for a new access token and the next refresh token, which goes where the old one came from (each works once; a reused one ends the sign-in)',
  })
  @ApiProblems(400, 401, 429)
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokensDto> {
    if (body.refreshToken) return this.auth.refresh(body.refreshToken);
    const fromCookie = refreshTokenFromCookie(request);
    if (!fromCookie) throw new UnauthenticatedError('There is no sign-in to refresh. Sign in.');
    try {
      return toCookie(request, reply, await this.auth.refresh(fromCookie), this.clock.now());
    } catch (error) {
      clearRefreshCookie(reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse({ description: 'The sign-in of this refresh token has ended' })
  @ApiOperation({
    summary:
      "Sign out: ends the sign-in this refresh token (from the body, or else the `hm_refresh` cookie) belongs to, and clears the cookies (`hm_refresh`, the queue dashboard's `hm_queues`)",
  })
  @ApiProblems(400)
  async logout(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = body.refreshToken ?? refreshTokenFromCookie(request);
    clearRefreshCookie(reply);
    clearQueueDashboardCookie(reply);
    if (refreshToken) await this.auth.logout(refreshToken);
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @Roles(...ALL_ROLES)
  @ApiNoContentResponse({ description: 'Every sign-in of yours has ended, this one included' })
  @ApiOperation({
    summary: 'End every sign-in of your account: refresh tokens revoked, access tokens refused at once',
  })
  @ApiProblems(401)
  async signOutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.signOutEverywhere(actor);
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: MeDto })
  @ApiOperation({ summary: 'Who am I' })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }
}
