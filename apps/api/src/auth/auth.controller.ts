import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Actor } from '@hybridmatch/core';
import { ApiProblems } from '../common/api-problems.decorator';
import { AcceptInviteDto, AccessTokenDto, LoginDto, MeDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { ALL_ROLES, Public, Roles } from './roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiOperation({ summary: 'Log in with e-mail and password; returns a short-lived access token' })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    return this.auth.login(body.email, body.password);
  }

  @Post('accept-invite')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiOperation({ summary: 'Choose a password with the token from an invite; returns an access token' })
  @ApiProblems(400, 404, 429)
  acceptInvite(@Body() body: AcceptInviteDto): Promise<AccessTokenDto> {
    return this.auth.acceptInvite(body.token, body.password);
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
