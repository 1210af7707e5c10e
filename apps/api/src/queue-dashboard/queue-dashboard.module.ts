import { createBullBoard } from '@bull-board/api';
import type { UIConfig } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { QUEUES } from '@hybridmatch/queue';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { AuthModule } from '../auth/auth.module';
import { platformAdminOnly } from './queue-dashboard-access';
import { QueueDashboardController } from './queue-dashboard.controller';
import { adaptDashboard } from './queue-dashboard-page';
import { QUEUE_DASHBOARD_PATH, QueueDashboardTickets } from './queue-dashboard-ticket';

/**
 * What we set of the board's own page (docs/NOTIFICATIONS.md, "The queue dashboard"): a title that
 * says whose queues these are, no link to bull-board's documentation site (one fewer unlabelled
 * icon button), and in the light theme darker text colours that reach WCAG AA contrast: the muted
 * text of the keyboard hints (`kbd`: 5.7:1 on their grey, where the board's #5f6b76 gives 4.4:1),
 * the selected queue's name in the sidebar (5.6:1, where its #0f6f64 gives 4.2:1) and the red of
 * failures and of destructive menu items such as "Obliterate" (6.5:1 on white, #ef4444 gives 3.8:1).
 * The rest of our repairs need the page itself: queue-dashboard-page.ts.
 */
const DASHBOARD_UI: UIConfig = {
  boardTitle: 'HybridMatch wachtrijen',
  hideDocsLink: true,
  theme: {
    light: {
      'muted-foreground': '#4f5a64',
      'sidebar-state-selected-foreground': '#0a5a51',
      'status-failed': '#b91c1c',
    },
  },
};

/**
 * Bull Board for platform admins: every queue's waiting, delayed, failed and completed jobs, with
 * retry and removal. Mounted as an encapsulated Fastify plugin whose `onRequest` hook admits only
 * a platform admin's bearer token or dashboard ticket (see `platformAdminOnly`); the web app gets
 * the ticket from QueueDashboardController. In the same plugin `adaptDashboard` repairs the page
 * (no Google Fonts, accessible names) and gives it a CSP without inline scripts.
 */
@Module({
  imports: [AuthModule],
  controllers: [QueueDashboardController],
  providers: [QueueDashboardTickets],
})
export class QueueDashboardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  onModuleInit(): void {
    const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(QUEUES).map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      serverAdapter,
      options: { uiConfig: DASHBOARD_UI },
    });
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(
      async (dashboard) => {
        dashboard.addHook('onRequest', platformAdminOnly(this.tokens));
        adaptDashboard(dashboard);
        await dashboard.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }
}
