import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProposalParty } from '@hybridmatch/domain';
import { ConflictError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** The parties that answer a proposal from its e-mail: the school answers in the product. */
export type LinkParty = ProposalParty.Teacher | ProposalParty.Company;

/**
 * What an answer link stands for: one party's answer to one proposal, for one recipient (a user,
 * or a teacher profile without a login), until the proposal's deadline.
 */
export interface AnswerLinkClaims {
  proposalId: string;
  party: LinkParty;
  recipient: { userId: string } | { teacherId: string };
  expiresAt: Date;
}

interface Payload {
  p: string;
  a: LinkParty;
  u?: string;
  t?: string;
  e: number;
}

const PARTIES: readonly string[] = [ProposalParty.Teacher, ProposalParty.Company];

/** The HMAC key of answer links, derived from the app's secret so that it signs nothing else. */
export function answerLinkKey(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('hybridmatch answer links v1').digest();
}

/**
 * `<payload>.<signature>`, both base64url: the payload names the proposal, the party, the
 * recipient and the deadline; the signature (HMAC-SHA256) makes it unforgeable. The link is
 * single use without any stored token: it works only while that party's answer is pending.
 */
export function signAnswerLink(key: Buffer, claims: AnswerLinkClaims): string {
  const payload: Payload = {
    p: claims.proposalId,
    a: claims.party,
    ...('userId' in claims.recipient ? { u: claims.recipient.userId } : { t: claims.recipient.teacherId }),
    e: Math.floor(claims.expiresAt.getTime() / 1000),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${signature(key, body).toString('base64url')}`;
}

/** The claims of a genuine link (its deadline not yet checked); ANSWER_LINK_INVALID otherwise. */
export function readAnswerLink(key: Buffer, token: string): AnswerLinkClaims {
  const [body, sent, extra] = token.split('.');
  if (!body || !sent || extra !== undefined) throw invalidLink();
  const expected = signature(key, body);
  const given = Buffer.from(sent, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidLink();
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    throw invalidLink();
  }
  const { p, a, u, t, e } = payload;
  if (typeof p !== 'string' || typeof a !== 'string' || !PARTIES.includes(a) || typeof e !== 'number')
    throw invalidLink();
  if ((typeof u === 'string') === (typeof t === 'string')) throw invalidLink();
  return {
    proposalId: p,
    party: a,
    recipient: typeof u === 'string' ? { userId: u } : { teacherId: t as string },
    expiresAt: new Date(e * 1000),
  };
}

function signature(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

const invalidLink = () =>
  new ConflictError(
    ErrorCode.AnswerLinkInvalid,
    'This answer link is incomplete or altered; open the link from the e-mail again.',
  );
