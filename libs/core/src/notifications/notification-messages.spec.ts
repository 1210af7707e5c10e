import {
  COMPLIANCE_NOTIFICATION_KINDS,
  EMAIL_ONLY_NOTIFICATION_KINDS,
  NotificationKind,
  ProposalNotificationKind,
  SCHEDULE_NOTIFICATION_KINDS,
} from '@hybridmatch/database';
import { ProposalParty } from '@hybridmatch/domain';
import { composeProposalMessage, formatDeadline, ProposalFacts } from './notification-messages';

const PROPOSAL_KINDS = Object.values(NotificationKind).filter(
  (kind): kind is ProposalNotificationKind =>
    !EMAIL_ONLY_NOTIFICATION_KINDS.includes(kind) &&
    !SCHEDULE_NOTIFICATION_KINDS.includes(kind) &&
    !COMPLIANCE_NOTIFICATION_KINDS.includes(kind),
);

const FACTS: ProposalFacts = {
  link: 'https://hybridmatch.example/proposals/5e6f7081',
  teacherName: 'Sanne Jansen',
  companyName: 'Stork Techniek',
  schoolName: 'ROC Midden Nederland',
  requestTitle: 'Praktijkles elektrotechniek',
  minutesPerWeek: 270,
  expiresAt: new Date('2026-09-08T10:00:00Z'),
};

describe('composeProposalMessage', () => {
  it.each(PROPOSAL_KINDS)(
    '%s: Dutch first, English below, with the link, under 200 characters of subject',
    (kind) => {
      const { subject, bodyText } = composeProposalMessage(kind, FACTS);
      expect(subject.length).toBeLessThanOrEqual(200);
      expect(subject).toContain(' / ');
      const [dutch, english] = bodyText.split('--- English ---');
      expect(dutch).toContain('Hallo,');
      expect(dutch).toContain(`Bekijk het voorstel: ${FACTS.link}`);
      expect(english).toContain('Hello,');
      expect(english).toContain(`View the proposal: ${FACTS.link}`);
    },
  );

  it('says what to do and by when, in Amsterdam time', () => {
    const { subject, bodyText } = composeProposalMessage(NotificationKind.ProposalNew, FACTS);
    expect(subject).toBe('Nieuw voorstel: Praktijkles elektrotechniek / New proposal');
    expect(bodyText).toContain(
      'Sanne Jansen (Stork Techniek) voor "Praktijkles elektrotechniek" bij ROC Midden Nederland, 4,5 uur per week.',
    );
    expect(bodyText).toContain('accepteer het voorstel of sla het af vóór dinsdag 8 september 2026 om 12:00');
    expect(bodyText).toContain(
      'for "Praktijkles elektrotechniek" at ROC Midden Nederland, 4.5 hours a week.',
    );
    expect(bodyText).toContain(
      'accept or decline the proposal before Tuesday, 8 September 2026 at 12:00 (Amsterdam time)',
    );
  });

  it('expiring soon: tells the parties who have not answered what to do and by when', () => {
    const { subject, bodyText } = composeProposalMessage(NotificationKind.ExpiringSoon, {
      ...FACTS,
      expiresAt: new Date('2026-12-04T16:00:00Z'),
    });
    expect(subject).toBe('Voorstel verloopt bijna: Praktijkles elektrotechniek / Proposal expires soon');
    expect(bodyText).toContain('Het voorstel verloopt bijna: Sanne Jansen (Stork Techniek)');
    expect(bodyText).toContain(
      'Wat moet u doen: accepteer het voorstel of sla het af vóór vrijdag 4 december 2026 om 17:00. Daarna verloopt het voorstel.',
    );
    expect(bodyText).toContain(
      'What to do: accept or decline the proposal before Friday, 4 December 2026 at 17:00 (Amsterdam time). After that it expires.',
    );
  });

  it('names who declined and why', () => {
    const { subject, bodyText } = composeProposalMessage(NotificationKind.Declined, {
      ...FACTS,
      decliningParty: ProposalParty.Teacher,
      reason: 'Geen tijd.',
    });
    expect(subject).toBe(
      'Voorstel afgeslagen door de docent: Praktijkles elektrotechniek / Proposal declined by the teacher',
    );
    expect(bodyText).toContain('Reden: Geen tijd.');
    expect(bodyText).toContain('Reason: Geen tijd.');
  });

  it('cuts a subject that would be too long', () => {
    const { subject } = composeProposalMessage(NotificationKind.Approved, {
      ...FACTS,
      requestTitle: 'x'.repeat(200),
    });
    expect(subject).toHaveLength(200);
    expect(subject.endsWith('…')).toBe(true);
  });
});

describe('formatDeadline', () => {
  it('gives weekday, date and time in Amsterdam winter time (UTC+1)', () => {
    expect(formatDeadline(new Date('2026-12-04T16:00:00Z'), 'nl')).toBe('vrijdag 4 december 2026 om 17:00');
    expect(formatDeadline(new Date('2026-12-04T16:00:00Z'), 'en')).toBe(
      'Friday, 4 December 2026 at 17:00 (Amsterdam time)',
    );
  });

  it('gives Amsterdam summer time (UTC+2)', () => {
    expect(formatDeadline(new Date('2026-07-01T07:30:00Z'), 'nl')).toBe('woensdag 1 juli 2026 om 09:30');
  });

  it('puts an instant late in the UTC evening on the next Amsterdam day', () => {
    expect(formatDeadline(new Date('2026-03-28T23:30:00Z'), 'nl')).toBe('zondag 29 maart 2026 om 00:30');
    expect(formatDeadline(new Date('2026-10-24T22:30:00Z'), 'en')).toBe(
      'Sunday, 25 October 2026 at 00:30 (Amsterdam time)',
    );
  });
});
