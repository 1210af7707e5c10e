import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { loadRegionInput, ProgressService } from '@hybridmatch/core';
import { Clock, today, UserRole } from '@hybridmatch/domain';
import { shortageSignals } from '@hybridmatch/matching';

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/**
 * The demo's last word: progress toward the 1,000 as the platform admin sees it (national, then
 * per region with each region's share), from the same service the `/api/progress` route calls.
 */
export async function progressLines(api: INestApplication): Promise<string[]> {
  const report = await api.get(ProgressService).report({
    userId: 'demo',
    role: UserRole.PlatformAdmin,
    organisationId: null,
    regionIds: [],
  });
  const t = report.total;
  const lines = [
    '',
    `Progress toward ${report.target.toLocaleString('en')} hybrid teachers (as of ${report.asOf}):`,
    `  national   ${t.teachersPlaced} placed, ${report.distanceToTarget} to go; ${t.teachersOffered} offered, ${t.teachersProposed} proposed, ${t.teachersActiveThisWeek} teaching this week`,
    `             ${t.hoursPerWeekPlaced} clock hours/week placed, ${t.hoursTaught} hours taught so far; requests ${t.requestsOpen} open, ${t.requestsPartiallyFilled} partly filled, ${t.requestsFilled} filled; ${t.openHoursPerWeek} hours/week still asked for`,
  ];
  for (const region of report.byRegion)
    lines.push(
      `  ${region.name.padEnd(20)} ${String(region.teachersPlaced).padStart(4)} placed of ${String(region.teachersOffered).padStart(4)} offered, ${String(region.hoursPerWeekPlaced).padStart(6)} h/week, ${String(region.openHoursPerWeek).padStart(6)} h/week open`,
    );
  const short = report.demandSupply.filter((d) => d.balanceHoursPerWeek < 0).slice(0, 3);
  if (short.length > 0)
    lines.push(
      `  largest shortages (demand − supply, hours/week): ${short.map((d) => `${d.subjectCode} ${d.level} ${-d.balanceHoursPerWeek}`).join('; ')}`,
    );
  return lines;
}

/**
 * The top three shortage signals per region: which staff profile (subject, level, weekday) would
 * fill the most unfilled clock hours if one more such teacher were released, each found by
 * re-solving the region with that teacher added.
 */
export async function shortageLines(api: INestApplication): Promise<string[]> {
  const db = api.get(DataSource);
  const regions: { id: string; name: string }[] = await db.query(`SELECT id, name FROM region ORDER BY name`);
  const lines = [
    '',
    'Shortage signals (one more teacher of this profile, region re-solved; top three per region):',
  ];
  for (const region of regions) {
    const input = await loadRegionInput(db.manager, region.id, today(api.get<Clock>(CLOCK)));
    const signals = shortageSignals(input.teachers, input.requests, {
      exclude: input.exclude,
      today: input.today,
    });
    const top = signals.profiles.slice(0, 3);
    lines.push(
      `  ${region.name.padEnd(20)} ${
        top.length === 0
          ? 'no extra teacher of one profile would fill an open block'
          : top
              .map(
                (p) => `${p.subjectCode} ${p.level} ${WEEKDAYS[p.weekday]} +${hours(p.minutesGained)} h/week`,
              )
              .join('; ')
      } (${signals.solves} re-solves, ${Math.round(signals.ms)} ms)`,
    );
  }
  return lines;
}
