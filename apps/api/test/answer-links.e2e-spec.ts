import { randomBytes } from 'node:crypto';
import {
  Notification,
  NotificationKind,
  Proposal,
  ProposalEvent,
  ProposalEventAction,
} from '../../../libs/database/src';
import { ProposalAnswer, ProposalParty, ProposalStatus } from '../../../libs/domain/src';
import { NotificationTextService } from '../../../libs/core/src';
import { TestContext } from '../../../test/support/test-context';
import { formsOn, linksIn, pathOf, waitForMail } from '../../../test/support/mailbox';
import { mailingWorld } from '../../../test/support/notification-fixtures';

const PROPOSAL_SUBJECT = /nieuw voorstel/i;

/**
 * Answering a proposal from its e-mail without a login: the e-mail arrives at a real SMTP server
 * through the outbox and the worker; the test follows its accept or decline link as a person
 * would (GET shows what is answered and records nothing; the page's first form records it).
 */
describe('answering a proposal from the e-mail (e2e)', () => {
  const world = mailingWorld();
  let ctx: TestContext;
  beforeAll(() => (ctx = world.ctx));

  const address = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;
  const proposalOf = (id: string) => ctx.db.getRepository(Proposal).findOneByOrFail({ id });

  /** A proposal to a teacher without a login (reached at the profile's address). */
  async function proposalToTeacherWithoutLogin() {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const teacherEmail = address('docent');
    const teacher = await ctx.newTeacher(company.id, { email: teacherEmail });
    const request = await ctx.newRequest(school);
    const proposal = await ctx.newProposal(request, teacher);
    return { company, school, companyAdmin, schoolAdmin, teacher, teacherEmail, request, proposal };
  }

  /** The accept or decline link in an e-mail's text. */
  function answerLink(text: string, decision: 'accept' | 'decline'): URL {
    const links = linksIn({ text } as never, `${ctx.config.http.publicUrl}/answer`).filter(
      (link) => link.searchParams.get('decision') === decision,
    );
    expect(links).toHaveLength(1);
    return links[0];
  }

  async function outboxText(proposalId: string, recipient: { userId?: string; teacherId?: string }) {
    const row = await ctx.db.getRepository(Notification).findOneOrFail({
      where: {
        proposalId,
        kind: NotificationKind.ProposalNew,
        ...(recipient.userId
          ? { recipientUserId: recipient.userId }
          : { recipientTeacherId: recipient.teacherId }),
      },
    });
    return ctx.app.get(NotificationTextService).bodyOf(row);
  }

  it('lets a teacher without a login accept from the e-mail, once', async () => {
    const w = await proposalToTeacherWithoutLogin();
    const mail = await waitForMail(world.smtp, w.teacherEmail, PROPOSAL_SUBJECT);
    const link = answerLink(mail.text, 'accept');

    // Opening the link shows what is answered and records nothing.
    const shown = await ctx.http.get(pathOf(link)).expect(200);
    expect(shown.headers['content-type']).toMatch(/text\/html/);
    expect(shown.text).toContain(w.school.name);
    expect(shown.text).toContain(w.school.locations?.[0]?.city ?? 'missing city');
    expect(shown.text).toContain(w.request.title);
    expect(shown.text).toContain('dinsdag / Tuesday 09:00–12:00');
    expect((await proposalOf(w.proposal.id)).teacherAnswer).toBe(ProposalAnswer.Pending);

    // The e-mail's "view the proposal" link opens the web app on that proposal (after sign-in);
    // the page itself carries nothing of the proposal.
    const [view] = linksIn(mail, `${ctx.config.http.publicUrl}/app/proposals/`);
    const viewed = await ctx.http.get(pathOf(view)).expect(200);
    expect(viewed.text).toContain('<div id="root"></div>');
    expect(viewed.text).not.toContain(w.school.name);

    const [accept] = formsOn(shown.text);
    expect(accept.fields.decision).toBe('accept');
    const done = await ctx.http.post(accept.action).type('form').send(accept.fields).expect(200);
    expect(done.text).toContain('is vastgelegd');
    expect(await proposalOf(w.proposal.id)).toMatchObject({
      teacherAnswer: ProposalAnswer.Accepted,
      companyAnswer: ProposalAnswer.Pending,
      status: ProposalStatus.Proposed,
    });
    const events = await ctx.db
      .getRepository(ProposalEvent)
      .findBy({ proposalId: w.proposal.id, party: ProposalParty.Teacher });
    expect(events).toEqual([expect.objectContaining({ action: 'accept', actorUserId: null })]);

    // The same link again: refused with a clear page, nothing changes.
    const { version } = await proposalOf(w.proposal.id);
    const reopened = await ctx.http.get(pathOf(link)).expect(409);
    expect(reopened.text).toContain('al gebruikt');
    const again = await ctx.http.post(accept.action).type('form').send(accept.fields).expect(409);
    expect(again.text).toContain('al gebruikt');
    // The decline link of the same e-mail is dead too: the teacher's answer is given.
    await ctx.http.get(pathOf(answerLink(mail.text, 'decline'))).expect(409);
    expect(await proposalOf(w.proposal.id)).toMatchObject({
      version,
      teacherAnswer: ProposalAnswer.Accepted,
    });
  });

  it('a rule-book refusal of the answer reads as its own sentences, Dutch and English, and changes nothing', async () => {
    const w = await proposalToTeacherWithoutLogin();
    // A VOG older than six months at the start: accepting is refused (RULES_BROKEN).
    await ctx.db.query(`UPDATE teacher_profile SET vog_issued_on = '2025-06-01' WHERE id = $1`, [
      w.teacher.id,
    ]);
    const mail = await waitForMail(world.smtp, w.teacherEmail, PROPOSAL_SUBJECT);
    const [accept] = formsOn((await ctx.http.get(pathOf(answerLink(mail.text, 'accept'))).expect(200)).text);
    const refused = await ctx.http.post(accept.action).type('form').send(accept.fields).expect(409);
    expect(refused.text).toContain('Dit voorstel kan niet worden geaccepteerd: De VOG van 2025-06-01');
    expect(refused.text).toContain('This proposal cannot be accepted: The VOG issued 2025-06-01');
    expect(refused.text).not.toContain('NL:');
    expect((await proposalOf(w.proposal.id)).teacherAnswer).toBe(ProposalAnswer.Pending);
  });

  it('lets a teacher without a login decline with a reason', async () => {
    const w = await proposalToTeacherWithoutLogin();
    const mail = await waitForMail(world.smtp, w.teacherEmail, PROPOSAL_SUBJECT);
    const shown = await ctx.http.get(pathOf(answerLink(mail.text, 'decline'))).expect(200);
    const [decline] = formsOn(shown.text);
    expect(decline.fields.decision).toBe('decline');
    await ctx.http
      .post(decline.action)
      .type('form')
      .send({ ...decline.fields, reason: 'Dinsdag werk ik op een project.' })
      .expect(200);
    expect(await proposalOf(w.proposal.id)).toMatchObject({
      teacherAnswer: ProposalAnswer.Declined,
      status: ProposalStatus.Declined,
    });
    const [event] = await ctx.db
      .getRepository(ProposalEvent)
      .findBy({ proposalId: w.proposal.id, action: ProposalEventAction.Decline });
    expect(event).toMatchObject({ party: 'teacher', reason: 'Dinsdag werk ik op een project.' });
  });

  it('lets a company contact accept for the company, while still an active admin of it', async () => {
    const w = await proposalToTeacherWithoutLogin();
    const text = await outboxText(w.proposal.id, { userId: w.companyAdmin.user.id });
    const shown = await ctx.http.get(pathOf(answerLink(text, 'accept'))).expect(200);
    expect(shown.text).toContain('het bedrijf / the company');
    const [accept] = formsOn(shown.text);
    await ctx.http.post(accept.action).type('form').send(accept.fields).expect(200);
    expect((await proposalOf(w.proposal.id)).companyAnswer).toBe(ProposalAnswer.Accepted);
    const [event] = await ctx.db
      .getRepository(ProposalEvent)
      .findBy({ proposalId: w.proposal.id, party: ProposalParty.Company });
    expect(event).toMatchObject({
      action: 'accept',
      actorUserId: w.companyAdmin.user.id,
      actorRole: 'company_admin',
    });

    // A deactivated contact's link stops working.
    const other = await proposalToTeacherWithoutLogin();
    const otherText = await outboxText(other.proposal.id, { userId: other.companyAdmin.user.id });
    const admin = await ctx.newAdmin();
    await ctx.http.post(`/api/users/${other.companyAdmin.user.id}/deactivate`).set(admin.auth).expect(200);
    const refused = await ctx.http.get(pathOf(answerLink(otherText, 'accept'))).expect(400);
    expect(refused.text).toContain('niet (meer) voor u bedoeld');
    expect((await proposalOf(other.proposal.id)).companyAnswer).toBe(ProposalAnswer.Pending);
  });

  it('gives the school and nobody else answer links', async () => {
    const w = await proposalToTeacherWithoutLogin();
    expect(await outboxText(w.proposal.id, { userId: w.schoolAdmin.user.id })).not.toContain('/answer?');
    expect(await outboxText(w.proposal.id, { teacherId: w.teacher.id })).toContain('/answer?token=');
  });

  it('refuses expired, altered and incomplete links with a clear page and changes nothing', async () => {
    const w = await proposalToTeacherWithoutLogin();
    const link = answerLink(await outboxText(w.proposal.id, { teacherId: w.teacher.id }), 'accept');

    // Altered: the payload names the company instead of the teacher; the signature no longer fits.
    const token = link.searchParams.get('token') ?? '';
    const [body, signature] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, a: 'company' })).toString('base64url')}.${signature}`;
    const altered = await ctx.http.get(`/answer?token=${forged}&decision=accept`).expect(400);
    expect(altered.text).toContain('gewijzigd');
    await ctx.http.post('/answer').type('form').send({ token: forged, decision: 'accept' }).expect(400);
    await ctx.http.get('/answer?decision=accept').expect(400);

    // Expired: past the proposal's deadline.
    await ctx.db.getRepository(Proposal).update(w.proposal.id, { expiresAt: new Date(Date.now() - 60_000) });
    const expired = await ctx.http.get(pathOf(link)).expect(410);
    expect(expired.text).toContain('termijn van het voorstel is verstreken');
    await ctx.http.post('/answer').type('form').send({ token, decision: 'accept' }).expect(410);
    expect(await proposalOf(w.proposal.id)).toMatchObject({
      teacherAnswer: ProposalAnswer.Pending,
      companyAnswer: ProposalAnswer.Pending,
    });
  });
});
