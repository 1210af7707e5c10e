import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserRole } from '@hybridmatch/domain';
import { Actor, Page } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { InviteDto, InviteUserDto, ListUsersQueryDto, UserDto, UserPageDto } from './user.dto';
import { UserService } from './user.service';

@ApiTags('users')
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Roles(UserRole.PlatformAdmin, UserRole.RegionalCoordinator, UserRole.CompanyAdmin, UserRole.SchoolAdmin)
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
  @Roles(UserRole.PlatformAdmin, UserRole.CompanyAdmin, UserRole.SchoolAdmin)
  @ApiCreatedResponse({ type: InviteDto })
  @ApiOperation({
    summary:
      'Invite a person: creates the user and returns a single-use invite link, valid 7 days (platform admin: anyone; ' +
      'company admin: company admins and hybrid teachers of their company; school admin: school admins of their school). ' +
      'The link is returned to the caller to pass on; e-mailing invites comes with the notifications feature.',
  })
  @ApiProblems(400, 401, 403, 409)
  invite(@CurrentActor() actor: Actor, @Body() body: InviteUserDto): Promise<InviteDto> {
    return this.users.invite(actor, body);
  }
}
