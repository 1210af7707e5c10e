import { NotificationKind } from '@hybridmatch/database';
import { ProposalParty } from '@hybridmatch/domain';
import { composeProposalMessage, ProposalFacts } from './notification-messages';

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
  it.each(Object.values(NotificationKind))('%s: Dutch first, English below, with the link, under 200 characters of subject', (kind) => {
    const { subject, bodyText } = composeProposalMessage(kind, FACTS);
    expect(subject.length).toBeLessThanOrEqual(200);
    expect(subject).toContain(' / ');
    const [dutch, english] = bodyText.split('--- English ---');
    expect(dutch).toContain('Hallo,');
    expect(dutch).toContain(`Bekijk het voorstel: ${FACTS.link}`);
    expect(english).toContain('Hello,');
    expect(english).toContain(`View the proposal: ${FACTS.link}`);
  });

  it('says what to do and by when, in Amsterdam time', () => {
    const { subject, bodyText } = composeProposalMessage(NotificationKind.ProposalNew, FACTS);
    expect(subject).toBe('Nieuw voorstel: Praktijkles elektrotechniek / New proposal');
    expect(bodyText).toContain('Sanne Jansen (Stork Techniek) voor "Praktijkles elektrotechniek" bij ROC Midden Nederland, 4,5 uur per week.');
    expect(bodyText).toContain('accepteer of wijs het voorstel af vóór 8 september 2026 om 12:00');
    expect(bodyText).toContain('for "Praktijkles elektrotechniek" at ROC Midden Nederland, 4.5 hours a week.');
    expect(bodyText).toContain('accept or decline the proposal before 8 September 2026 at 12:00');
  });

  it('names who declined and why', () => {
    const { subject, bodyText } = composeProposalMessage(NotificationKind.Declined, { ...FACTS, decliningParty: ProposalParty.Teacher, reason: 'Geen tijd.' });
    expect(subject).toBe('Voorstel afgewezen door de docent: Praktijkles elektrotechniek / Proposal declined by the teacher');
    expect(bodyText).toContain('Reden: Geen tijd.');
    expect(bodyText).toContain('Reason: Geen tijd.');
  });

  it('cuts a subject that would be too long', () => {
    const { subject } = composeProposalMessage(NotificationKind.Approved, { ...FACTS, requestTitle: 'x'.repeat(200) });
    expect(subject).toHaveLength(200);
    expect(subject.endsWith('…')).toBe(true);
  });
});
