import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { QueueHealthIndicator } from './queue.health';

/**
 * Liveness (the process answers: restart it when not) and readiness (its PostgreSQL and queue
 * store answer: send it traffic only then) are separate, so an orchestrator never restarts a
 * healthy process because a shared service is away.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queues: QueueHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiProblems()
  @ApiOperation({ summary: 'Liveness: the process answers; checks nothing else' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiProblems(503)
  @ApiOperation({
    summary:
      'Readiness: checks PostgreSQL and the queue store (Redis, or the queues on PostgreSQL); 503 when one is down',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2000 }),
      () => this.queues.check(),
    ]);
  }

  @Get()
  @Public()
  @HealthCheck()
  @ApiProblems(503)
  @ApiOperation({ summary: 'Readiness, as /health/ready (kept for existing probes)' })
  check(): Promise<HealthCheckResult> {
    return this.ready();
  }
}
