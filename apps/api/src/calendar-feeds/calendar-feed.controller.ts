import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CalendarFeedService, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow, Public } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { UuidParam } from '../common/id-param';
import { CalendarFeedDto, CreateCalendarFeedDto } from './calendar-feed.dto';

@ApiTags('calendar feeds')
@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Post('calendar-feeds')
  @Allow(Permission.CalendarFeedManage)
  @ApiOperation({
    summary:
      "Make or renew a private iCalendar feed (a teacher's own, a school admin's school); the previous URL stops working",
  })
  @ApiCreatedResponse({ type: CalendarFeedDto })
  @ApiProblems(400, 401, 403, 404)
  create(@CurrentActor() actor: Actor, @Body() body: CreateCalendarFeedDto): Promise<CalendarFeedDto> {
    return this.feeds.create(actor, body);
  }

  @Delete('calendar-feeds/:id')
  @HttpCode(204)
  @Allow(Permission.CalendarFeedManage)
  @ApiOperation({ summary: 'Revoke a calendar feed: its URL answers 404 from now on' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  revoke(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    return this.feeds.revoke(actor, id);
  }

  @Get('calendar/:file')
  @Public()
  @ApiOperation({
    summary:
      'A private calendar feed (`<token>.ics`): the lessons as iCalendar, for Google Calendar, Outlook or Apple Calendar',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545)' })
  @ApiProblems(404)
  async feed(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const body = await this.feeds.render(file.replace(/\.ics$/, ''));
    await reply
      .status(200)
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
}
