import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, Permission } from '@hybridmatch/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Allow } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { QueueDashboardTickets } from './queue-dashboard-ticket';

@ApiTags('notifications')
@Controller('queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly tickets: QueueDashboardTickets) {}

  @Post('session')
  @HttpCode(204)
  @Allow(Permission.QueueDashboard)
  @ApiNoContentResponse({
    description:
      'Set-Cookie `hm_queues`: a ticket for the queue dashboard (httpOnly, SameSite=Strict, Path=/admin/queues, as long as an access token)',
  })
  @ApiOperation({
    summary:
      'Let this browser open the queue dashboard at /admin/queues: a short-lived ticket in a cookie only the dashboard receives (platform admin)',
  })
  @ApiProblems(401, 403)
  async open(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.tickets.open(actor, request, reply);
  }
}
