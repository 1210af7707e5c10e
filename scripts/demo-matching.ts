import { INestApplication } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import {
  MatchRun,
  MatchRunStatus,
  Notification,
  NotificationDeliveryStatus,
  Proposal,
  User,
} from '@hybridmatch/database';
import { ProposalStatus, UserRole } from '@hybridmatch/domain';
import {
  Actor,
  AnswerDecision,
  AnswerLinkService,
  DomainError,
  NotificationTextService,
  ProposalService,
} from '@hybridmatch/core';
import { MatchRunService } from '../apps/api/src/match-runs/match-run.service';

/** Shares of the demo's automatic answers: most proposals are answered, some declined, most approved. */
const ANSWERED_SHARE = 0.8;
const DECLINED_SHARE = 0.06;
const APPROVED_SHARE = 0.75;
const WAIT_LIMIT_MS = 5 * 60_000;
const EMAIL_WAIT_MS = 20_000;

export interface DemoMatchingSummary {
  runs: number;
  proposals: number;
  answered: number;
  declined: number;
  cascadeOffers: number;
  approved: number;
  refused: number;
  requestsFilled: number;
  hoursPerWeek: number;
  emailsSent: number;
  emailsWaiting: number;
  emailsFailed: number;
}

/**
 * The demo's matching step, through the same services the HTTP routes call: a coordinator starts
 * a match run for every region (the worker runs them), then companies, teachers and schools answer
 * a share of the proposals, a few decline (the cascade offers their blocks to the next candidate),
 * and the coordinators approve most of what all three accepted.
 */
export async function runDemoMatching(
  api: INestApplication,
  log: (line: string) => void,
): Promise<DemoMatchingSummary> {
  const db = api.get(DataSource);
  const matchRuns = api.get(MatchRunService);
  const proposals = api.get(ProposalService);
  const links = api.get(AnswerLinkService);
  const random = seededRandom(2026);
  const actors = await loadActors(db);

  log('Matching: starting a match run for every region …');
  const runIds: string[] = [];
  for (const [regionId, coordinator] of actors.coordinatorOfRegion)
    runIds.push((await matchRuns.start(coordinator, { regionId })).id);
  await waitUntil(
    async () =>
      (await db
        .getRepository(MatchRun)
        .countBy(runIds.map((id) => ({ id, status: MatchRunStatus.Succeeded })))) === runIds.length,
    'match runs to succeed',
  );
  const created = await db
    .getRepository(Proposal)
    .find({ where: { status: ProposalStatus.Proposed }, order: { createdAt: 'ASC', id: 'ASC' } });
  log(`Matching: ${runIds.length} runs proposed ${created.length} matches.`);

  let answered = 0;
  let answeredByLink = 0;
  let declined = 0;
  let acceptRefused = 0;
  for (const proposal of created) {
    const roll = random();
    if (roll >= ANSWERED_SHARE) continue;
    const parties = actors.partiesOf(proposal);
    if (!parties) continue;
    if (roll < DECLINED_SHARE) {
      await proposals.answer(parties.school, proposal.id, {
        decision: AnswerDecision.Decline,
        reason: 'Het rooster is gewijzigd; deze les vervalt.',
      });
      declined += 1;
      continue;
    }
    try {
      await proposals.answer(parties.company, proposal.id, { decision: AnswerDecision.Accept });
      if (parties.teacher) {
        await proposals.answer(parties.teacher, proposal.id, { decision: AnswerDecision.Accept });
      } else {
        // A teacher without a login answers with the accept link of their e-mail.
        await links.answer(await answerToken(api, proposal.id, proposal.teacherId), AnswerDecision.Accept);
        answeredByLink += 1;
      }
      await proposals.answer(parties.school, proposal.id, { decision: AnswerDecision.Accept });
      answered += 1;
    } catch (error) {
      // The rule book refuses an acceptance it would not place from today (e.g. a VOG too old by then).
      if (!(error instanceof DomainError)) throw error;
      acceptRefused += 1;
    }
  }
  const cascadeOffers = await db
    .getRepository(Proposal)
    .countBy({ status: ProposalStatus.Proposed, matchRunId: IsNull() });
  log(
    `Answers: ${answered} accepted by company, teacher and school (${answeredByLink} teachers without a login by e-mail link); ${declined} declined (${cascadeOffers} replacement offers made)` +
      (acceptRefused ? `; ${acceptRefused} acceptances refused by the rule book.` : '.'),
  );

  let approved = 0;
  let refused = 0;
  const waiting = await db.getRepository(Proposal).find({
    where: { status: ProposalStatus.AwaitingApproval },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  for (const proposal of waiting) {
    if (random() >= APPROVED_SHARE) continue;
    try {
      // No dates: the placement runs from the first lesson day after today (placementDates).
      await proposals.approve(actors.coordinatorOfRegion.get(proposal.regionId)!, proposal.id, {
        hourlyRateCents: 8500 + Math.floor(random() * 31) * 100,
        supervisorName: actors.schoolAdminName.get(proposal.schoolId) ?? 'Werkplekbegeleider',
        supervisorEmail: actors.schoolAdminEmail.get(proposal.schoolId) ?? 'begeleider@hybridmatch.demo',
      });
      approved += 1;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused += 1; // e.g. the teacher's released hours are already taken by an earlier approval
    }
  }
  log(
    `Approvals: ${approved} placements approved${refused ? `, ${refused} refused (would overbook the teacher)` : ''}.`,
  );

  const [filled]: Array<{ requests: number }> = await db.query(
    `SELECT count(*)::int AS requests FROM teaching_request WHERE status = 'filled'`,
  );
  const [hours]: Array<{ minutes: number }> = await db.query(
    `SELECT coalesce(sum(minutes_per_week), 0)::int AS minutes FROM placement WHERE status = 'active'`,
  );
  const emails = await waitForEmails(db);
  return {
    runs: runIds.length,
    proposals: created.length,
    answered,
    declined,
    cascadeOffers,
    approved,
    refused,
    requestsFilled: filled.requests,
    hoursPerWeek: Math.round((hours.minutes / 60) * 10) / 10,
    ...emails,
  };
}

export function summaryOfMatching(summary: DemoMatchingSummary): string[] {
  return [
    'Matching summary:',
    `  match runs          ${summary.runs} (one per region)`,
    `  proposals           ${summary.proposals} (+${summary.cascadeOffers} replacement offers after declines)`,
    `  answered            ${summary.answered} accepted by all three, ${summary.declined} declined`,
    `  placements          ${summary.approved} approved by the coordinators${summary.refused ? `, ${summary.refused} refused` : ''}`,
    `  requests filled     ${summary.requestsFilled}`,
    `  hours per week      ${summary.hoursPerWeek} clock hours placed`,
    `  e-mails             ${summary.emailsSent} sent, ${summary.emailsWaiting} waiting, ${summary.emailsFailed} failed` +
      (summary.emailsSent === 0 && summary.emailsWaiting
        ? ' (no SMTP server? `docker compose up -d` starts Mailpit on :1025/:8025)'
        : summary.emailsWaiting
          ? ' (the worker keeps sending)'
          : ''),
  ];
}

/** The people who act in the demo, as the actors the services expect (the HTTP guard builds the same). */
async function loadActors(db: DataSource) {
  const users = await db.getRepository(User).find({ relations: { regions: true } });
  const teacherUser = new Map<string, string>(
    (
      await db.query<Array<{ id: string; user_id: string }>>(
        `SELECT id, user_id FROM teacher_profile WHERE user_id IS NOT NULL`,
      )
    ).map((row) => [row.id, row.user_id]),
  );
  const actorOf = (user: User): Actor => ({
    userId: user.id,
    role: user.role,
    organisationId: user.organisationId,
    regionIds: (user.regions ?? []).map((region) => region.id),
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  const firstAdminOf = new Map<string, User>();
  for (const user of users) {
    if (
      (user.role === UserRole.CompanyAdmin || user.role === UserRole.SchoolAdmin) &&
      user.organisationId &&
      !firstAdminOf.has(user.organisationId)
    ) {
      firstAdminOf.set(user.organisationId, user);
    }
  }
  const coordinatorOfRegion = new Map<string, Actor>();
  for (const user of users.filter((candidate) => candidate.role === UserRole.RegionalCoordinator)) {
    for (const region of user.regions ?? [])
      if (!coordinatorOfRegion.has(region.id)) coordinatorOfRegion.set(region.id, actorOf(user));
  }
  const schoolAdmins = [...firstAdminOf.values()].filter((user) => user.role === UserRole.SchoolAdmin);
  return {
    coordinatorOfRegion,
    schoolAdminName: new Map(schoolAdmins.map((user) => [user.organisationId!, user.name])),
    schoolAdminEmail: new Map(schoolAdmins.map((user) => [user.organisationId!, user.email])),
    partiesOf(proposal: Proposal): { company: Actor; teacher: Actor | null; school: Actor } | null {
      const company = firstAdminOf.get(proposal.companyId);
      const school = firstAdminOf.get(proposal.schoolId);
      const teacher = byId.get(teacherUser.get(proposal.teacherId) ?? '');
      // `teacher` null: a teacher without a login (they answer by e-mail link).
      return company && school
        ? { company: actorOf(company), teacher: teacher ? actorOf(teacher) : null, school: actorOf(school) }
        : null;
    },
  };
}

/**
 * The accept link a teacher without a login finds in the newest e-mail about a proposal: the
 * link itself (to print) or its token (to answer with).
 */
export async function teacherAcceptLink(
  api: INestApplication,
  proposalId: string,
  teacherId: string,
): Promise<string> {
  const row = await api
    .get(DataSource)
    .getRepository(Notification)
    .findOne({
      where: { proposalId, recipientTeacherId: teacherId },
      order: { createdAt: 'DESC' },
    });
  const text = row ? api.get(NotificationTextService).bodyOf(row) : '';
  const link = /\S+\/answer\?token=\S+&decision=accept/.exec(text)?.[0];
  if (!link)
    throw new Error(`No answer link in the e-mail of proposal ${proposalId} to teacher ${teacherId}`);
  return link;
}

async function answerToken(api: INestApplication, proposalId: string, teacherId: string): Promise<string> {
  return new URL(await teacherAcceptLink(api, proposalId, teacherId)).searchParams.get('token') ?? '';
}

/**
 * For the closing lines: one open proposal to a teacher without a login, and the accept link in
 * their e-mail (what they would click).
 */
export async function linkOfTeacherWithoutLogin(
  api: INestApplication,
): Promise<{ teacherName: string; requestTitle: string; link: string } | null> {
  const db = api.get(DataSource);
  const [row]: Array<{ proposal_id: string; teacher_id: string; teacher_name: string; title: string }> =
    await db.query(
      `SELECT p.id AS proposal_id, t.id AS teacher_id, t.first_name || ' ' || t.last_name AS teacher_name, r.title
         FROM proposal p
         JOIN teacher_profile t ON t.id = p.teacher_id AND t.user_id IS NULL
         JOIN teaching_request r ON r.id = p.request_id
        WHERE p.status = 'proposed' AND p.teacher_answer = 'pending'
        ORDER BY p.created_at, p.id LIMIT 1`,
    );
  if (!row) return null;
  return {
    teacherName: row.teacher_name,
    requestTitle: row.title,
    link: await teacherAcceptLink(api, row.proposal_id, row.teacher_id),
  };
}

/** Gives the worker a bounded time to deliver the e-mails, then counts them. */
async function waitForEmails(
  db: DataSource,
): Promise<{ emailsSent: number; emailsWaiting: number; emailsFailed: number }> {
  const count = (deliveryStatus: NotificationDeliveryStatus) =>
    db.getRepository(Notification).countBy({ deliveryStatus });
  const deadline = Date.now() + EMAIL_WAIT_MS;
  while (Date.now() < deadline && (await count(NotificationDeliveryStatus.Pending)) > 0) await pause(500);
  return {
    emailsSent: await count(NotificationDeliveryStatus.Sent),
    emailsWaiting: await count(NotificationDeliveryStatus.Pending),
    emailsFailed: await count(NotificationDeliveryStatus.Failed),
  };
}

async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${WAIT_LIMIT_MS / 1000} s`);
    await pause(250);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: a small seeded generator, so the demo answers the same way every time. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
