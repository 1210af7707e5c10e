import { createHmac } from 'node:crypto';
import { ProposalParty } from '@hybridmatch/domain';
import { ErrorCode } from '../errors/error-code';
import { answerLinkKey, readAnswerLink, signAnswerLink } from './answer-links';

describe('answer links', () => {
  const key = answerLinkKey('a secret of at least thirty-two characters');
  const claims = {
    proposalId: '5e6f7081-92a3-4b4c-8d5e-6f708192a3b4',
    party: ProposalParty.Teacher as const,
    recipient: { teacherId: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091' },
    expiresAt: new Date('2026-12-10T16:00:00Z'),
  };
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as { code: ErrorCode }).code;
    }
    return 'no error';
  };

  it('reads back what it signed, for a teacher profile and for a user', () => {
    expect(readAnswerLink(key, signAnswerLink(key, claims))).toEqual(claims);
    const company = { ...claims, party: ProposalParty.Company as const, recipient: { userId: 'u-1' } };
    expect(readAnswerLink(key, signAnswerLink(key, company))).toEqual(company);
  });

  it('refuses altered payloads, other keys and malformed tokens', () => {
    const token = signAnswerLink(key, claims);
    const [body, signature] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const altered = `${Buffer.from(JSON.stringify({ ...payload, e: (payload.e as number) + 86400 })).toString('base64url')}.${signature}`;
    for (const bad of [
      altered,
      signAnswerLink(answerLinkKey('another secret of at least thirty-two chars'), claims),
      `${body}.`,
      `${body}.${signature}.extra`,
      'not a token',
      '',
    ])
      expect(codeOf(() => readAnswerLink(key, bad))).toBe(ErrorCode.AnswerLinkInvalid);
  });

  it('refuses correctly signed payloads that are not links (the school, both or no recipient)', () => {
    const signed = (payload: object) => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    };
    const base = { p: claims.proposalId, e: 1_800_000_000 };
    expect(readAnswerLink(key, signed({ ...base, a: 'teacher', t: 't-1' })).party).toBe('teacher');
    for (const payload of [
      { ...base, a: 'school', u: 'u-1' },
      { ...base, a: 'teacher', u: 'u-1', t: 't-1' },
      { ...base, a: 'teacher' },
      { ...base, a: 'teacher', t: 't-1', e: 'soon' },
    ])
      expect(codeOf(() => readAnswerLink(key, signed(payload)))).toBe(ErrorCode.AnswerLinkInvalid);
  });
});
