import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, loggerParams } from '@hybridmatch/config';
import { Clock } from '@hybridmatch/domain';
import { DatabaseModule } from '@hybridmatch/database';
import { MetricsModule } from '@hybridmatch/metrics';
import { QueueModule } from '@hybridmatch/queue';
import { CoreModule } from '@hybridmatch/core';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import { HealthModule } from './health/health.module';
import { HolidayModule } from './holidays/holiday.module';
import { LessonModule } from './lessons/lesson.module';
import { CalendarFeedModule } from './calendar-feeds/calendar-feed.module';
import { MatchRunModule } from './match-runs/match-run.module';
import { NotificationModule } from './notifications/notification.module';
import { OrganisationModule } from './organisations/organisation.module';
import { OutboxModule } from './outbox/outbox.module';
import { RateCardModule } from './rate-cards/rate-card.module';
import { PagesModule } from './pages/pages.module';
import { ProgressModule } from './progress/progress.module';
import { ProposalModule } from './proposals/proposal.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { RegionModule } from './regions/region.module';
import { RuleFlagModule } from './rule-flags/rule-flag.module';
import { TeacherModule } from './teachers/teacher.module';
import { TeachingRequestModule } from './teaching-requests/teaching-request.module';
import { UserModule } from './users/user.module';

export const API_FEATURE_MODULES = [
  AuthModule,
  RegionModule,
  OrganisationModule,
  HealthModule,
  TeachingRequestModule,
  UserModule,
  TeacherModule,
  ProposalModule,
  RuleFlagModule,
  OutboxModule,
  QueueDashboardModule,
  MatchRunModule,
  NotificationModule,
  HolidayModule,
  PagesModule,
  RateCardModule,
  ProgressModule,
  LessonModule,
  CalendarFeedModule,
];

/** The HTTP application. `ApiModule.forRoot(config, clock)` lets tests pass their own configuration and clock. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, clock?: Clock) {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => loggerParams(appConfig, 'api'),
        }),
        DatabaseModule,
        QueueModule,
        CoreModule,
        MetricsModule,
        ...API_FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
