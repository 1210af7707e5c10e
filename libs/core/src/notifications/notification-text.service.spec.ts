import { loadConfig } from '@hybridmatch/config';
import { NotificationKind, ProposalMessageFacts } from '@hybridmatch/database';
import { ProposalParty } from '@hybridmatch/domain';
import { answerLinkKey, readAnswerLink } from '../proposals/answer-links';
import { composeProposalMessage, proposalSubject } from './notification-messages';
import { NotificationTextService } from './notification-text.service';

const config = loadConfig({
  JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
  PUBLIC_URL: 'https://hybridmatch.example',
});
const texts = new NotificationTextService(config);
const PROPOSAL_ID = '5e6f7081-0000-4000-8000-000000000001';
const RECIPIENT_USER = '5e6f7081-0000-4000-8000-000000000002';
const FACTS: ProposalMessageFacts = {
  teacherName: 'Sanne Jansen',
  companyName: 'Stork Techniek',
  schoolName: 'ROC Midden Nederland',
  requestTitle: 'Praktijkles elektrotechniek',
  minutesPerWeek: 270,
  expiresAt: '2026-09-08T10:00:00.000Z',
};
const row = (facts: ProposalMessageFacts) => ({
  kind: NotificationKind.ProposalNew,
  proposalId: PROPOSAL_ID,
  recipientUserId: RECIPIENT_USER,
  recipientTeacherId: null,
  bodyText: null,
  facts,
});

describe('NotificationTextService', () => {
  it('returns a stored text as it is', () => {
    expect(texts.bodyOf({ ...row(FACTS), bodyText: 'Hallo,\n\nTot morgen.', facts: null })).toBe(
      'Hallo,\n\nTot morgen.',
    );
  });

  it('writes a proposal message from its facts: the text of the same facts, with the proposal link under PUBLIC_URL', () => {
    const link = `https://hybridmatch.example/app/proposals/${PROPOSAL_ID}`;
    const expected = composeProposalMessage(NotificationKind.ProposalNew, {
      ...FACTS,
      expiresAt: new Date(FACTS.expiresAt),
      link,
      answerLinks: null,
    });
    expect(texts.bodyOf(row(FACTS))).toBe(expected.bodyText);
    expect(texts.bodyOf(row(FACTS))).toContain(`Bekijk het voorstel: ${link}`);
    expect(
      proposalSubject(NotificationKind.ProposalNew, { ...FACTS, expiresAt: new Date(FACTS.expiresAt) }),
    ).toBe(expected.subject);
  });

  it("adds the recipient's signed answer links when the facts name the answering party, the same every time", () => {
    const body = texts.bodyOf(row({ ...FACTS, answerParty: ProposalParty.Teacher }));
    expect(texts.bodyOf(row({ ...FACTS, answerParty: ProposalParty.Teacher }))).toBe(body);
    const tokens = [...body.matchAll(/answer\?token=([^&\s]+)&decision=(accept|decline)/g)];
    expect(tokens.map((match) => match[2])).toEqual(['accept', 'decline', 'accept', 'decline']);
    expect(readAnswerLink(answerLinkKey(config.auth.jwtSecret), tokens[0][1])).toEqual({
      proposalId: PROPOSAL_ID,
      party: ProposalParty.Teacher,
      recipient: { userId: RECIPIENT_USER },
      expiresAt: new Date(FACTS.expiresAt),
    });
    expect(texts.bodyOf(row(FACTS))).not.toContain('token=');
  });

  it("signs a login-less teacher's links for their profile, and a company admin's for the company", () => {
    const key = answerLinkKey(config.auth.jwtSecret);
    const claimsIn = (body: string) => readAnswerLink(key, /answer\?token=([^&\s]+)/.exec(body)![1]);
    const teacherId = '5e6f7081-0000-4000-8000-000000000003';
    const withoutLogin = texts.bodyOf({
      ...row({ ...FACTS, answerParty: ProposalParty.Teacher }),
      recipientUserId: null,
      recipientTeacherId: teacherId,
    });
    expect(claimsIn(withoutLogin)).toMatchObject({ party: ProposalParty.Teacher, recipient: { teacherId } });
    const company = texts.bodyOf(row({ ...FACTS, answerParty: ProposalParty.Company }));
    expect(claimsIn(company)).toMatchObject({
      party: ProposalParty.Company,
      recipient: { userId: RECIPIENT_USER },
    });
  });
});
