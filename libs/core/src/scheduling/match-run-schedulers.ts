import { Queue } from 'bullmq';
import { parseExpression } from 'cron-parser';
import { MatchRunSchedule } from '@hybridmatch/database';
import { messageOf } from '@hybridmatch/domain';
import { JobPayloads } from '@hybridmatch/queue';

/** Every match-run job scheduler's id starts with this; the rest is the region id. */
export const MATCH_SCHEDULER_PREFIX = 'match-schedule-';

export const matchSchedulerId = (regionId: string) => `${MATCH_SCHEDULER_PREFIX}${regionId}`;

const CRON_FIELDS = 'minute hour day-of-month month day-of-week';

/**
 * Why a cron pattern cannot be a match-run schedule, or undefined when it can: it must have 5
 * fields, parse (with cron-parser, as BullMQ does), and fire at most once an hour, which means one
 * value in the minute field.
 */
export function cronProblem(pattern: string, timezone: string): string | undefined {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5)
    return `must have 5 fields (${CRON_FIELDS}), e.g. "0 6 * * 1" for Mondays at 06:00`;
  let minutes: readonly number[];
  try {
    minutes = parseExpression(pattern, { tz: timezone }).fields.minute;
  } catch (error) {
    return `is not a valid cron pattern (${CRON_FIELDS}): ${messageOf(error)}`;
  }
  if (minutes.length > 1)
    return 'runs more often than once an hour; give one minute, e.g. "0" in "0 6 * * 1"';
  return undefined;
}

/** When the pattern fires next (the pattern is known to be valid). */
export const nextRunOf = (schedule: Pick<MatchRunSchedule, 'cron' | 'timezone'>): Date =>
  parseExpression(schedule.cron, { tz: schedule.timezone }).next().toDate();

/**
 * Makes the region's BullMQ job scheduler match its schedule row: upserted (pattern and time zone)
 * when the schedule exists and is enabled, removed otherwise. Each firing adds a
 * `scheduled-match-run` job on the matching queue.
 */
export async function applyMatchScheduler(
  queue: Queue,
  regionId: string,
  schedule: MatchRunSchedule | null,
): Promise<void> {
  const id = matchSchedulerId(regionId);
  if (!schedule?.enabled) {
    await queue.removeJobScheduler(id);
    return;
  }
  const data: JobPayloads['scheduled-match-run'] = { regionId };
  await queue.upsertJobScheduler(
    id,
    { pattern: schedule.cron, tz: schedule.timezone },
    { name: 'scheduled-match-run', data },
  );
}
