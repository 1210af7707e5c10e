import { INestApplication } from '@nestjs/common';
import { ProgressService } from '@hybridmatch/core';
import { UserRole } from '@hybridmatch/domain';

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
