import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Page, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { InviteDto, InviteUserDto, ListUsersQueryDto, UserDto, UserPageDto } from './user.dto';
import { UserService } from './user.service';

/** Who manages accounts: the platform admin, and company and school admins in their organisation. */

@ApiTags('users')
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Allow(Permission.UserRead)
  @ApiOkResponse({ type: UserPageDto })
  @ApiOperation({
    summary:
      "List users (admin: all; coordinator: users of organisations in their regions; company and school admins: their organisation's users)",
  })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<Page<UserDto>> {
    return this.users.list(actor, query);
  }

  @Post('invites')
  @HttpCode(202)
  @Allow(Permission.UserManage)
  @ApiAcceptedResponse({ type: InviteDto })
  @ApiOperation({
    summary:
      'Invite a person: creates the user and e-mails them a single-use link to choose a password, valid 7 days ' +
      '(platform admin: anyone; company admin: company admins and hybrid teachers of their company; ' +
      'school admin: school admins of their school).',
    description:
      'The invited person appears in GET /api/users as pending; inviting the address again answers 409 EMAIL_TAKEN, as does an address of your own organisation (any, for the platform admin). ' +
      'Everything answers the same whether or not the address already has an account in another organisation (no account enumeration): then no account is created and its owner is told by e-mail instead of getting a link, and the invite is kept as a pending invite of your organisation that is listed, resent, reissued, deactivated and expires as any other.',
  })
  @ApiProblems(400, 401, 403, 409)
  invite(@CurrentActor() actor: Actor, @Body() body: InviteUserDto): Promise<InviteDto> {
    return this.users.invite(actor, body);
  }

  @Post(':id/invite/resend')
  @HttpCode(200)
  @Allow(Permission.UserManage)
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({
    summary: 'E-mail the pending invite again: the same link, valid until it was due to expire',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  resendInvite(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UserDto> {
    return this.users.resendInvite(actor, id);
  }

  @Post(':id/invite/reissue')
  @HttpCode(200)
  @Allow(Permission.UserManage)
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({
    summary: 'E-mail a new invite link, valid 7 days; the previous link stops working (also after expiry)',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  reissueInvite(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UserDto> {
    return this.users.reissueInvite(actor, id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Allow(Permission.UserManage)
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({
    summary:
      'Deactivate an account: its sign-ins end and its access tokens are refused at once (not your own account)',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  deactivate(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UserDto> {
    return this.users.deactivate(actor, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Allow(Permission.UserManage)
  @ApiOkResponse({ type: UserDto })
  @ApiOperation({
    summary: 'Reactivate a deactivated account; the person signs in again with their password',
  })
  @ApiProblems(400, 401, 403, 404)
  reactivate(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UserDto> {
    return this.users.reactivate(actor, id);
  }
}
