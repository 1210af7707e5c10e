import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ALL_ROLES, Allow, Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { PageQueryDto } from '../common/pagination';
import {
  FailedNotificationPageDto,
  NotificationDto,
  NotificationPageDto,
  ResendNotificationsDto,
  ResendResultDto,
} from './notification.dto';
import { NotificationService } from './notification.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Your own notifications, unread first' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<NotificationPageDto> {
    return this.notifications.listOwn(actor, query);
  }

  @Get('failed')
  @Allow(Permission.NotificationFailuresRead)
  @ApiOperation({
    summary:
      'Notifications whose email failed (platform admin: all; coordinator: their regions). `nextAttemptAt` says when it is sent again automatically.',
  })
  @ApiOkResponse({ type: FailedNotificationPageDto })
  @ApiProblems(400, 401, 403)
  listFailed(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<FailedNotificationPageDto> {
    return this.notifications.listFailed(actor, query);
  }

  @Post('resend')
  @HttpCode(200)
  @Allow(Permission.NotificationResend)
  @ApiOperation({
    summary:
      'Send failed emails again, by ids or by filter (platform admin: all; coordinator: their regions). Same Message-ID, a fresh round of automatic retries.',
  })
  @ApiOkResponse({ type: ResendResultDto })
  @ApiProblems(400, 401, 403)
  resend(@CurrentActor() actor: Actor, @Body() body: ResendNotificationsDto): Promise<ResendResultDto> {
    return this.notifications.resend(actor, body);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Mark one of your notifications as read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(400, 401, 404)
  markRead(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }
}
