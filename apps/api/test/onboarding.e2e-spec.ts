import { TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Notification, NotificationKind, RefreshToken, User } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { TEST_PASSWORD, TestContext, TestUser } from '../../../test/support/test-context';
import {
  formAction,
  hiddenFields,
  linkIn,
  mailsTo,
  pathOf,
  waitForMail,
} from '../../../test/support/mailbox';
import { mailingWorld, startTestWorker } from '../../../test/support/notification-fixtures';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { waitFor } from '../../../test/support/wait-for';

const INVITE_SUBJECT = /uitnodiging/i;
const RESET_SUBJECT = /nieuw wachtwoord/i;
const NEW_PASSWORD = 'a brand new passphrase';

/**
 * Onboarding over HTTP as people do it: invites, resends, reissues and resets arrive at a real
 * SMTP server through the outbox and the worker; the test follows the e-mail's link (GET shows
 * the page, POST of its form sets the password). Sign-ins refresh, rotate and end; deactivation
 * stops a token at once. The login limit is the production default (10 a minute).
 */
describe('onboarding: invites, password reset, sign-ins (e2e)', () => {
  const world = mailingWorld();
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  beforeAll(() => ({ smtp, ctx } = world));

  const base = () => ctx.config.http.publicUrl;
  const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (address: string, password: string) =>
    ctx.http.post('/api/auth/login').send({ email: address, password });

  async function companyWithAdmin(on = ctx): Promise<{ companyId: string; admin: TestUser }> {
    const company = await on.newCompany((await on.newRegion()).id);
    return { companyId: company.id, admin: await on.newCompanyAdmin(company.id) };
  }

  async function invite(
    admin: TestUser,
    address: string,
    organisationId?: string,
    on = ctx,
  ): Promise<string> {
    const response = await on.http
      .post('/api/users/invites')
      .set(admin.auth)
      .send({ email: address, name: 'Nieuwe Docent', role: UserRole.HybridTeacher, organisationId })
      .expect(202);
    expect(response.body).not.toHaveProperty('inviteUrl');
    return (await on.db.getRepository(User).findOneByOrFail({ email: address.toLowerCase() })).id;
  }

  /** Opens the link like a browser: the page shows a form; submitting it with a password sets it. */
  async function followPasswordLink(link: URL, status: number, password = NEW_PASSWORD) {
    const page = await ctx.http.get(pathOf(link)).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    return ctx.http
      .post(formAction(page.text))
      .type('form')
      .send({ ...hiddenFields(page.text), password })
      .expect(status);
  }

  describe('invites', () => {
    it('e-mails the invite; its link sets the password once, and the person can log in', async () => {
      const { companyId, admin } = await companyWithAdmin();
      const address = email('docent');
      await invite(admin, address);

      const mail = await waitForMail(smtp, address, INVITE_SUBJECT);
      expect(mail.text).toContain('Hallo Nieuwe Docent');
      const link = linkIn(mail, base(), '/invite');
      const done = await followPasswordLink(link, 200);
      expect(done.text).toContain('Your password is set');

      const signedIn = await login(address, NEW_PASSWORD).expect(200);
      const me = await ctx.http.get('/api/auth/me').set(bearer(signedIn.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({
        email: address,
        role: UserRole.HybridTeacher,
        organisationId: companyId,
      });

      const again = await followPasswordLink(link, 404, 'someone else entirely');
      expect(again.text).toContain('unknown, already used or expired');
      await login(address, 'someone else entirely').expect(401);
    });

    it('resends the same link, and a reissue kills the old link', async () => {
      const { admin } = await companyWithAdmin();
      const address = email('kwijt');
      const userId = await invite(admin, address);
      const first = linkIn(await waitForMail(smtp, address, INVITE_SUBJECT), base(), '/invite');

      await ctx.http.post(`/api/users/${userId}/invite/resend`).set(admin.auth).expect(200);
      const resent = linkIn(await waitForMail(smtp, address, INVITE_SUBJECT, 2), base(), '/invite');
      expect(resent.href).toBe(first.href);

      const reissued = await ctx.http.post(`/api/users/${userId}/invite/reissue`).set(admin.auth).expect(200);
      expect(reissued.body).toMatchObject({ id: userId, invitePending: true });
      const fresh = linkIn(await waitForMail(smtp, address, INVITE_SUBJECT, 3), base(), '/invite');
      expect(fresh.href).not.toBe(first.href);

      await followPasswordLink(first, 404);
      await followPasswordLink(fresh, 200);
      await login(address, NEW_PASSWORD).expect(200);

      // Active now: nothing to resend or reissue.
      const resend = await ctx.http.post(`/api/users/${userId}/invite/resend`).set(admin.auth).expect(409);
      expect(resend.body.detail).toMatch(/already chosen a password/);
      await ctx.http.post(`/api/users/${userId}/invite/reissue`).set(admin.auth).expect(409);
    });

    it('an expired invite cannot be resent, only reissued', async () => {
      const { admin } = await companyWithAdmin();
      const address = email('laat');
      const userId = await invite(admin, address);
      await ctx.db.getRepository(User).update(userId, { inviteExpiresAt: new Date(Date.now() - 1000) });
      const refused = await ctx.http.post(`/api/users/${userId}/invite/resend`).set(admin.auth).expect(409);
      expect(refused.body.detail).toMatch(/expired; reissue/);
      await ctx.http.post(`/api/users/${userId}/invite/reissue`).set(admin.auth).expect(200);
    });

    it("only the person's organisation manages their invite", async () => {
      const { admin } = await companyWithAdmin();
      const other = await companyWithAdmin();
      const userId = await invite(admin, email('eigen'));
      await ctx.http.post(`/api/users/${userId}/invite/reissue`).set(other.admin.auth).expect(404);
      const coordinator = await ctx.newCoordinator((await ctx.newRegion()).id);
      await ctx.http.post(`/api/users/${userId}/invite/reissue`).set(coordinator.auth).expect(403);
    });
  });

  describe('an office activating its invites', () => {
    // Its own API and worker with the production login limit (10 a minute per client), so the
    // limit this test exhausts does not touch the other tests.
    let office: TestContext;
    let officeWorker: TestingModule;

    beforeAll(async () => {
      office = await TestContext.create({ SMTP_URL: smtp.url, LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
      officeWorker = await startTestWorker(office.config);
    });

    afterAll(async () => {
      await officeWorker?.close();
      await office?.close();
    });

    it('fourteen people of one office activate their invites: more than the login limit, not counted against it', async () => {
      const { admin } = await companyWithAdmin(office);
      const addresses = Array.from({ length: 14 }, (_, index) => email(`kantoor${index}`));
      for (const address of addresses) await invite(admin, address, undefined, office);
      for (const address of addresses) {
        const link = linkIn(await waitForMail(smtp, address, INVITE_SUBJECT), base(), '/invite');
        const token = link.searchParams.get('token');
        await office.http.post('/api/auth/accept-invite').send({ token, password: NEW_PASSWORD }).expect(200);
      }
      // The login limit itself still holds: the eleventh wrong password in a minute is refused.
      const statuses = [];
      for (let attempt = 0; attempt < 11; attempt++)
        statuses.push(
          (
            await office.http
              .post('/api/auth/login')
              .send({ email: addresses[0], password: 'not the password' })
          ).status,
        );
      expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
    }, 240_000);
  });

  describe('password reset', () => {
    it('answers the same for a known and an unknown address, and mails only the known one', async () => {
      const { user } = await ctx.newSchoolAdmin((await ctx.newSchool((await ctx.newRegion()).id)).id);
      const unknown = email('niemand');
      const known = await ctx.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const other = await ctx.http.post('/api/auth/password-reset').send({ email: unknown }).expect(202);
      expect(known.body).toEqual(other.body);
      await waitForMail(smtp, user.email, RESET_SUBJECT);
      expect(mailsTo(smtp, unknown)).toEqual([]);
      expect(await ctx.db.getRepository(User).countBy({ email: unknown })).toBe(0);
    });

    it('the link sets a new password once and ends every other sign-in; the old password stops working', async () => {
      const { user } = await ctx.newCompanyAdmin((await companyWithAdmin()).companyId);
      const before = await login(user.email, TEST_PASSWORD).expect(200);

      await ctx.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const link = linkIn(await waitForMail(smtp, user.email, RESET_SUBJECT), base(), '/reset-password');
      await followPasswordLink(link, 200);

      await login(user.email, TEST_PASSWORD).expect(401);
      await login(user.email, NEW_PASSWORD).expect(200);
      await ctx.http.get('/api/auth/me').set(bearer(before.body.accessToken)).expect(401);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: before.body.refreshToken }).expect(401);
      const reused = await followPasswordLink(link, 404, 'yet another passphrase');
      expect(reused.text).toContain('already used or expired');
    });

    it('an expired reset link is refused with a clear page', async () => {
      const { user } = await ctx.newAdmin();
      await ctx.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const link = linkIn(await waitForMail(smtp, user.email, RESET_SUBJECT), base(), '/reset-password');
      await ctx.db
        .getRepository(User)
        .update(user.id, { passwordResetExpiresAt: new Date(Date.now() - 1000) });
      const expired = await followPasswordLink(link, 404);
      expect(expired.text).toContain('expired');
      await login(user.email, TEST_PASSWORD).expect(200);
    });

    it('keeps the link out of the in-app notification list', async () => {
      const { user } = await ctx.newAdmin();
      await ctx.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      await waitForMail(smtp, user.email, RESET_SUBJECT);
      const signedIn = await login(user.email, TEST_PASSWORD).expect(200);
      const list = await ctx.http
        .get('/api/notifications')
        .set(bearer(signedIn.body.accessToken))
        .expect(200);
      expect(list.body).toMatchObject({ total: 0, unread: 0 });
      expect(
        await ctx.db
          .getRepository(Notification)
          .countBy({ recipientUserId: user.id, kind: NotificationKind.PasswordReset }),
      ).toBe(1);
    });
  });

  describe('sign-ins', () => {
    it('refresh rotates the token; a reused refresh token ends that sign-in', async () => {
      const { user } = await ctx.newAdmin();
      const first = await login(user.email, TEST_PASSWORD).expect(200);
      const hours = (Date.parse(first.body.refreshExpiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(ctx.config.auth.sessionHours - 0.1);
      expect(hours).toBeLessThanOrEqual(ctx.config.auth.sessionHours);

      const second = await ctx.http
        .post('/api/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
      expect(second.body.refreshExpiresAt).toBe(first.body.refreshExpiresAt);
      await ctx.http.get('/api/auth/me').set(bearer(second.body.accessToken)).expect(200);

      const replay = await ctx.http
        .post('/api/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(401);
      expect(replay.body.detail).toMatch(/already used/);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    });

    it('a sign-in ends after its working day; logout ends it at once', async () => {
      const { user } = await ctx.newAdmin();
      const ended = await login(user.email, TEST_PASSWORD).expect(200);
      await ctx.db
        .getRepository(RefreshToken)
        .update({ userId: user.id }, { expiresAt: new Date(Date.now() - 1000) });
      const late = await ctx.http
        .post('/api/auth/refresh')
        .send({ refreshToken: ended.body.refreshToken })
        .expect(401);
      expect(late.body.detail).toMatch(/working day/);

      const other = await login(user.email, TEST_PASSWORD).expect(200);
      await ctx.http.post('/api/auth/logout').send({ refreshToken: other.body.refreshToken }).expect(204);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
    });

    it('sign out everywhere: every access token and refresh token of the account stops at once', async () => {
      const { user } = await ctx.newAdmin();
      const laptop = await login(user.email, TEST_PASSWORD).expect(200);
      const phone = await login(user.email, TEST_PASSWORD).expect(200);
      await ctx.http.post('/api/auth/sign-out-everywhere').set(bearer(phone.body.accessToken)).expect(204);

      for (const session of [laptop, phone]) {
        const refused = await ctx.http.get('/api/auth/me').set(bearer(session.body.accessToken)).expect(401);
        expect(refused.body.detail).toMatch(/sign-in has ended/);
        await ctx.http
          .post('/api/auth/refresh')
          .send({ refreshToken: session.body.refreshToken })
          .expect(401);
      }
      const again = await login(user.email, TEST_PASSWORD).expect(200);
      await ctx.http.get('/api/auth/me').set(bearer(again.body.accessToken)).expect(200);
    });

    it('deactivation stops the tokens at once and refuses login and refresh; reactivation lets them in again', async () => {
      const { companyId, admin } = await companyWithAdmin();
      const teacher = await ctx.newTeacherUser(companyId);
      const session = await login(teacher.user.email, TEST_PASSWORD).expect(200);
      await ctx.http.get('/api/auth/me').set(bearer(session.body.accessToken)).expect(200);

      const deactivated = await ctx.http
        .post(`/api/users/${teacher.user.id}/deactivate`)
        .set(admin.auth)
        .expect(200);
      expect(deactivated.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });

      const refused = await ctx.http.get('/api/auth/me').set(bearer(session.body.accessToken)).expect(401);
      expect(refused.body.detail).toMatch(/deactivated/);
      await ctx.http.get('/api/auth/me').set(teacher.auth).expect(401);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
      expect((await login(teacher.user.email, TEST_PASSWORD).expect(401)).body.detail).toMatch(/deactivated/);
      await ctx.http.post('/api/auth/password-reset').send({ email: teacher.user.email }).expect(202);

      await ctx.http.post(`/api/users/${teacher.user.id}/reactivate`).set(admin.auth).expect(200);
      await login(teacher.user.email, TEST_PASSWORD).expect(200);
      await ctx.http.get('/api/auth/me').set(bearer(session.body.accessToken)).expect(401);
    });

    it('who may deactivate: own organisation only, never oneself', async () => {
      const { companyId, admin } = await companyWithAdmin();
      const teacher = await ctx.newTeacherUser(companyId);
      const other = await companyWithAdmin();
      await ctx.http.post(`/api/users/${teacher.user.id}/deactivate`).set(other.admin.auth).expect(404);
      await ctx.http.post(`/api/users/${teacher.user.id}/deactivate`).set(teacher.auth).expect(403);
      const self = await ctx.http.post(`/api/users/${admin.user.id}/deactivate`).set(admin.auth).expect(409);
      expect(self.body.detail).toMatch(/your own account/);
    });
  });

  describe('staff import with invites', () => {
    it('an import of 1,000 staff with invites sends 1,000 invitations, once; importing again sends none', async () => {
      const { companyId, admin } = await companyWithAdmin();
      const tag = randomBytes(3).toString('hex');
      const header = [
        'employee_ref',
        'first_name',
        'last_name',
        'email',
        'skills',
        'levels',
        'windows',
        'released_days_per_week',
        'released_hours_per_week',
        'available_from',
        'home_city',
        'home_latitude',
        'home_longitude',
        'max_travel_km',
        'contract_hours_per_week',
        'invite',
      ];
      const addressOf = (index: number) => `staf${index}-${tag}@example.test`;
      const rows = Array.from({ length: 1000 }, (_, index) =>
        [
          `E-${index}`,
          'Sanne',
          `Jansen ${index}`,
          addressOf(index),
          'elektrotechniek:MBO3',
          'MBO3',
          'ma 08:30-16:30',
          '1',
          '6',
          '2027-02-01',
          'Utrecht',
          '52.09',
          '5.12',
          '40',
          '36',
          'ja',
        ].join(';'),
      );
      const csv = [header.join(';'), ...rows].join('\n') + '\n';
      const upload = () =>
        ctx.http.post('/api/teachers/import').set(admin.auth).set('content-type', 'text/csv').send(csv);

      expect((await upload().expect(200)).body).toEqual({
        created: 1000,
        updated: 0,
        total: 1000,
        invited: 1000,
        encoding: 'utf-8',
      });
      expect((await upload().expect(200)).body).toEqual({
        created: 0,
        updated: 1000,
        total: 1000,
        invited: 0,
        encoding: 'utf-8',
      });

      const ours = (address: string) => address.endsWith(`-${tag}@example.test`);
      await waitFor(
        '1,000 invitations at the SMTP server',
        () => smtp.received.filter((mail) => mail.envelopeTo.some(ours)).length >= 1000,
        240_000,
      );
      const outbox = ctx.db.getRepository(Notification);
      await waitFor(
        'every invite marked sent',
        async () =>
          (
            await outbox.query(
              `SELECT count(*)::int AS pending FROM notification n JOIN app_user u ON u.id = n.recipient_user_id
            WHERE u.organisation_id = $1 AND n.delivery_status <> 'sent'`,
              [companyId],
            )
          )[0].pending === 0,
      );
      const received = smtp.received.filter((mail) => mail.envelopeTo.some(ours));
      expect(received).toHaveLength(1000);
      expect(new Set(received.map((mail) => mail.envelopeTo[0]))).toEqual(
        new Set(Array.from({ length: 1000 }, (_, index) => addressOf(index))),
      );
      // Each person can use their own link.
      const link = linkIn(mailsTo(smtp, addressOf(999))[0], base(), '/invite');
      await followPasswordLink(link, 200);
      const staffLogin = await login(addressOf(999), NEW_PASSWORD).expect(200);
      const profile = await ctx.http
        .get('/api/teachers')
        .set(bearer(staffLogin.body.accessToken))
        .expect(200);
      expect(profile.body.items).toHaveLength(1);
      expect(profile.body.items[0]).toMatchObject({ employeeRef: 'E-999', email: addressOf(999) });
    }, 300_000);

    it('refuses invite = yes without an e-mail address, naming the line and column', async () => {
      const { admin } = await companyWithAdmin();
      const csv =
        'employee_ref;first_name;last_name;skills;levels;windows;released_days_per_week;released_hours_per_week;available_from;home_city;home_latitude;home_longitude;max_travel_km;contract_hours_per_week;invite\n' +
        'E-1;Sanne;Jansen;elektrotechniek:MBO3;MBO3;ma 08:30-16:30;1;6;2027-02-01;Utrecht;52.09;5.12;40;36;ja\n';
      const refused = await ctx.http
        .post('/api/teachers/import')
        .set(admin.auth)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(422);
      expect(refused.body.errors).toEqual([
        {
          line: 2,
          column: 'email',
          field: 'email',
          reason: 'is required to invite this person (invite: yes)',
          code: 'emailRequiredForInvite',
        },
      ]);
    });
  });
});
