import { randomBytes } from 'node:crypto';
import { hashToken } from '../src/auth/password';
import { toUserDto } from '../src/users/user.service';
import type { UserDto } from '../src/users/user.dto';
import { Notification, NotificationKind, TeacherProfile, User } from '../../../libs/database/src';
import { OrganisationKind, UserRole } from '../../../libs/domain/src';
import { outboxLink } from '../../../test/support/mailbox';
import { Run } from '../../../test/support/same-answers';
import { TestContext, TestUser } from '../../../test/support/test-context';

describe('users and invites (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  const newEmail = () => `Invitee-${randomBytes(4).toString('hex')}@Example.NL`;
  const invite = (inviter: TestUser, body: Record<string, unknown>) =>
    ctx.http
      .post('/api/users/invites')
      .set(inviter.auth)
      .send({ email: newEmail(), name: 'Jeroen Bakker', ...body });

  /** The account an invite answer (the same for every address) stands for, as GET /api/users shows it. */
  const invited = async (response: { body: { email: string } }) =>
    toUserDto(
      await ctx.db
        .getRepository(User)
        .findOneOrFail({ where: { email: response.body.email }, relations: { regions: true } }),
    );

  async function world() {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const otherCompany = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const otherSchool = await ctx.newSchool(region.id, OrganisationKind.HboSchool);
    return { region, company, otherCompany, school, otherSchool };
  }

  describe('the platform admin', () => {
    it('invites every role into a place of the right kind, with a one-time link', async () => {
      const { region, company, school } = await world();
      const admin = await ctx.newAdmin();

      const response = await invite(admin, {
        role: UserRole.RegionalCoordinator,
        regionIds: [region.id],
      }).expect(202);
      const user = await invited(response);
      expect(user).toMatchObject({
        role: 'regional_coordinator',
        regionIds: [region.id],
        organisationId: null,
        invitePending: true,
      });
      expect(response.body.email).toBe(user.email);
      expect(user.email).toBe(user.email.toLowerCase());
      // The link goes to the person by e-mail (the outbox), never back to the inviter.
      expect(response.body).not.toHaveProperty('inviteUrl');
      const link = await outboxLink(
        ctx.db,
        user.id,
        NotificationKind.Invite,
        ctx.config.http.publicUrl,
        '/invite',
      );
      expect(link.href).toMatch(
        new RegExp(`^${ctx.config.http.publicUrl}/invite\\?token=[A-Za-z0-9_-]{40,}$`),
      );
      const expiresInDays = (Date.parse(response.body.expiresAt) - Date.now()) / 86_400_000;
      expect(Date.parse(response.body.expiresAt)).toBe(user.inviteExpiresAt?.getTime());
      expect(expiresInDays).toBeGreaterThan(6.9);
      expect(expiresInDays).toBeLessThanOrEqual(7);

      const stored = await ctx.db.getRepository(User).findOneOrFail({
        where: { id: user.id },
        select: { id: true, inviteTokenHash: true, passwordHash: true },
      });
      const token = link.searchParams.get('token');
      expect(stored.inviteTokenHash).toBe(hashToken(token!));
      expect(stored.passwordHash).toBeNull();

      await invite(admin, { role: UserRole.PlatformAdmin }).expect(202);
      await invite(admin, { role: UserRole.CompanyAdmin, organisationId: company.id }).expect(202);
      await invite(admin, { role: UserRole.HybridTeacher, organisationId: company.id }).expect(202);
      await invite(admin, { role: UserRole.SchoolAdmin, organisationId: school.id }).expect(202);
    });

    it.each([
      [
        'a coordinator without regions',
        () => ({ role: UserRole.RegionalCoordinator, regionIds: [] }),
        'regionIds',
        'coordinatorNeedsRegion',
      ],
      [
        'a coordinator in an unknown region',
        () => ({ role: UserRole.RegionalCoordinator, regionIds: ['00000000-0000-4000-8000-000000000000'] }),
        'regionIds',
        'unknownRegion',
      ],
      [
        'a company admin without organisation',
        () => ({ role: UserRole.CompanyAdmin }),
        'organisationId',
        'organisationRequired',
      ],
    ])('refuses %s with a 400 naming the field and the reason’s code', async (_case, body, field, code) => {
      const admin = await ctx.newAdmin();
      const response = await invite(admin, body()).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field, code })]);
    });

    it('refuses an organisation of the wrong kind for the role', async () => {
      const { company, school } = await world();
      const admin = await ctx.newAdmin();
      const schoolAsCompany = await invite(admin, {
        role: UserRole.HybridTeacher,
        organisationId: school.id,
      }).expect(400);
      expect(schoolAsCompany.body.errors).toEqual([
        expect.objectContaining({ field: 'organisationId', code: 'notACompany' }),
      ]);
      const companyAsSchool = await invite(admin, {
        role: UserRole.SchoolAdmin,
        organisationId: company.id,
      }).expect(400);
      expect(companyAsSchool.body.errors).toEqual([
        expect.objectContaining({ field: 'organisationId', code: 'notASchool' }),
      ]);
    });
  });

  describe('a company admin', () => {
    it('invites company admins and hybrid teachers into their own company', async () => {
      const { company } = await world();
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      const colleague = await invite(companyAdmin, { role: UserRole.CompanyAdmin }).expect(202);
      expect(await invited(colleague)).toMatchObject({ role: 'company_admin', organisationId: company.id });
      await invite(companyAdmin, { role: UserRole.HybridTeacher, organisationId: company.id }).expect(202);
    });

    it('links a new teacher login to an existing teacher profile of their company', async () => {
      const { company, otherCompany } = await world();
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      const profile = await ctx.newTeacher(company.id);

      const response = await invite(companyAdmin, {
        role: UserRole.HybridTeacher,
        teacherProfileId: profile.id,
      }).expect(202);
      const linked = await ctx.db.getRepository(TeacherProfile).findOneByOrFail({ id: profile.id });
      expect(linked.userId).toBe((await invited(response)).id);

      const again = await invite(companyAdmin, {
        role: UserRole.HybridTeacher,
        teacherProfileId: profile.id,
      }).expect(409);
      expect(again.body.code).toBe('TEACHER_HAS_LOGIN');
      const foreign = await ctx.newTeacher(otherCompany.id);
      const notOurs = await invite(companyAdmin, {
        role: UserRole.HybridTeacher,
        teacherProfileId: foreign.id,
      }).expect(400);
      expect(notOurs.body.errors).toEqual([
        expect.objectContaining({ field: 'teacherProfileId', code: 'profileOfOtherCompany' }),
      ]);
    });

    it('may not invite other roles or into another company', async () => {
      const { otherCompany, company } = await world();
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      await invite(companyAdmin, { role: UserRole.SchoolAdmin }).expect(403);
      await invite(companyAdmin, { role: UserRole.PlatformAdmin }).expect(403);
      await invite(companyAdmin, { role: UserRole.RegionalCoordinator }).expect(403);
      await invite(companyAdmin, { role: UserRole.HybridTeacher, organisationId: otherCompany.id }).expect(
        403,
      );
    });
  });

  describe('a school admin', () => {
    it('invites school admins into their own school only', async () => {
      const { school, otherSchool } = await world();
      const schoolAdmin = await ctx.newSchoolAdmin(school.id);
      const response = await invite(schoolAdmin, { role: UserRole.SchoolAdmin }).expect(202);
      expect(await invited(response)).toMatchObject({ role: 'school_admin', organisationId: school.id });
      await invite(schoolAdmin, { role: UserRole.SchoolAdmin, organisationId: otherSchool.id }).expect(403);
      await invite(schoolAdmin, { role: UserRole.HybridTeacher }).expect(403);
      await invite(schoolAdmin, { role: UserRole.CompanyAdmin }).expect(403);
    });
  });

  it('refuses invites from coordinators and hybrid teachers', async () => {
    const { region, company } = await world();
    const coordinator = await ctx.newCoordinator(region.id);
    const teacher = await ctx.newTeacherUser(company.id);
    await invite(coordinator, { role: UserRole.CompanyAdmin, organisationId: company.id }).expect(403);
    await invite(teacher, { role: UserRole.HybridTeacher }).expect(403);
  });

  it('answers 409 for an address the inviter can see already in use (platform admin; own organisation), whatever its case', async () => {
    const { company } = await world();
    const admin = await ctx.newAdmin();
    const email = newEmail();
    await invite(admin, { role: UserRole.CompanyAdmin, organisationId: company.id, email }).expect(202);
    const duplicate = await invite(admin, {
      role: UserRole.HybridTeacher,
      organisationId: company.id,
      email: email.toUpperCase(),
    }).expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'EMAIL_TAKEN',
      detail: expect.stringContaining(email.toLowerCase()),
    });
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    await invite(companyAdmin, { role: UserRole.HybridTeacher, email }).expect(409);
  });

  it('issue 9, item 12: another organisation’s address answers like a new one; its owner is told, once a day', async () => {
    const { company, otherCompany, school } = await world();
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const elsewhere = [
      await ctx.newCompanyAdmin(otherCompany.id),
      await ctx.newSchoolAdmin(school.id),
      await ctx.newCoordinator((await ctx.newRegion()).id),
    ];
    const fresh = await invite(companyAdmin, { role: UserRole.HybridTeacher }).expect(202);
    const shape = (response: { body: Record<string, unknown>; headers: Record<string, string> }) => ({
      keys: Object.keys(response.body).sort(),
      contentType: response.headers['content-type'],
    });
    const users = ctx.db.getRepository(User);
    for (const owner of elsewhere) {
      const email = owner.user.email.toUpperCase();
      const usersBefore = await users.count();
      const response = await invite(companyAdmin, { role: UserRole.HybridTeacher, email }).expect(202);
      expect(shape(response)).toEqual(shape(fresh));
      expect(response.body.email).toBe(email.toLowerCase());
      expect(JSON.stringify(response.body)).not.toMatch(/already|exist|taken/i);
      // Nothing created, nothing changed about the existing account.
      expect(await users.count()).toBe(usersBefore);
      const account = await users.findOneOrFail({
        where: { id: owner.user.id },
        select: { id: true, organisationId: true, inviteTokenHash: true, inviteExpiresAt: true },
      });
      expect(account).toMatchObject({
        organisationId: owner.user.organisationId,
        inviteTokenHash: null,
        inviteExpiresAt: null,
      });
      // Invited again: as for any address the organisation has invited (see the comparison below).
      const again = await invite(companyAdmin, { role: UserRole.CompanyAdmin, email }).expect(409);
      expect(again.body.code).toBe('EMAIL_TAKEN');
      const told = await ctx.db
        .getRepository(Notification)
        .findBy({ recipientUserId: owner.user.id, kind: NotificationKind.AddressInUse });
      expect(told).toHaveLength(1);
      expect(told[0].bodyText).toContain(company.name);
      // The owner's in-app list does not show it (an account e-mail).
      const inApp = await ctx.http.get('/api/notifications').set(owner.auth).expect(200);
      expect(inApp.body.items).toEqual([]);
    }
    // The inviter sees every address invited as pending, none of the accounts elsewhere.
    const listed = await ctx.http
      .get('/api/users')
      .query({ pageSize: 200 })
      .set(companyAdmin.auth)
      .expect(200);
    expect(listed.body.items.map((user: { email: string }) => user.email).sort()).toEqual(
      [companyAdmin.user.email, fresh.body.email, ...elsewhere.map((owner) => owner.user.email)].sort(),
    );
    const accountIds = elsewhere.map((owner) => owner.user.id);
    expect(listed.body.items.filter((user: { id: string }) => accountIds.includes(user.id))).toEqual([]);
    // The platform admin sees the truth: the accounts where they are, no invite in the company.
    const admin = await ctx.newAdmin();
    await invite(admin, {
      role: UserRole.HybridTeacher,
      organisationId: company.id,
      email: elsewhere[0].user.email,
    }).expect(409);
    const all = await ctx.http
      .get('/api/users')
      .query({ pageSize: 200, role: UserRole.HybridTeacher })
      .set(admin.auth);
    const invitedInCompany = (all.body.items as UserDto[]).filter(
      (user) => user.organisationId === company.id,
    );
    expect(invitedInCompany.map((user) => user.email)).toEqual([fresh.body.email]);
  });

  describe('issue 9, item 12: to the inviter, an address with an account elsewhere is a new address', () => {
    /**
     * The same steps for a new address and for one with an account in another organisation, as
     * the inviting company admin sees them (status and body; ids, addresses and instants aside).
     */
    async function asTheInviterSeesIt(email: string, regionId: string) {
      const run = new Run([email]);
      const companyId = (await ctx.newCompany(regionId)).id;
      const companyAdmin = await ctx.newCompanyAdmin(companyId);
      const profile = await ctx.newTeacher(companyId, {
        email: email.toLowerCase(),
        employeeRef: 'E-00012',
        lastName: 'Jansen',
      });
      const users = (query: Record<string, string> = {}) =>
        ctx.http
          .get('/api/users')
          .query({ pageSize: 200, ...query })
          .set(companyAdmin.auth);
      const listed = async (step: string) => {
        const page = await users();
        const mine = (page.body.items as UserDto[]).filter((user) => user.email === email.toLowerCase());
        run.record(step, { status: page.status, body: mine });
        return mine[0]?.id ?? profile.id;
      };
      const act = async (step: string, id: string, action: string) =>
        run.record(step, await ctx.http.post(`/api/users/${id}/${action}`).set(companyAdmin.auth));

      run.record(
        'invite',
        await invite(companyAdmin, { role: UserRole.HybridTeacher, email, teacherProfileId: profile.id }),
      );
      run.record('invite again', await invite(companyAdmin, { role: UserRole.CompanyAdmin, email }));
      run.record(
        'invite again for the profile',
        await invite(companyAdmin, { role: UserRole.HybridTeacher, teacherProfileId: profile.id }),
      );
      const id = await listed('list');
      run.record(
        'list of teachers',
        await users({ role: UserRole.HybridTeacher }).then((page) => ({
          status: page.status,
          body: (page.body.items as UserDto[]).filter((user) => user.id === id),
        })),
      );
      run.record('teacher read', await ctx.http.get(`/api/teachers/${profile.id}`).set(companyAdmin.auth));
      await act('resend', id, 'invite/resend');
      await act('reissue', id, 'invite/reissue');
      await act('deactivate', id, 'deactivate');
      await listed('list after deactivating');
      await act('reactivate', id, 'reactivate');
      /** Then the invite expires (whichever kind of record it is) and is resent and reissued. */
      const afterExpiry = async () => {
        const expired = new Run([email]);
        for (const table of ['app_user', 'pending_invite'])
          await ctx.db.query(
            `UPDATE ${table} SET invite_expires_at = now() - interval '1 minute' WHERE email = $1 AND organisation_id = $2`,
            [email.toLowerCase(), companyId],
          );
        const page = await users();
        const mine = (page.body.items as UserDto[]).filter((user) => user.email === email.toLowerCase());
        expired.record('list after expiry', { status: page.status, body: mine });
        for (const [step, action] of [
          ['resend after expiry', 'invite/resend'],
          ['reissue after expiry', 'invite/reissue'],
          ['resend after reissue', 'invite/resend'],
        ])
          expired.record(step, await ctx.http.post(`/api/users/${id}/${action}`).set(companyAdmin.auth));
        return expired.steps;
      };
      return { steps: run.steps, afterExpiry };
    }

    it('answers invite, invite again, list, teacher read, resend, reissue, deactivate and expiry alike', async () => {
      const { region, otherCompany } = await world();
      const owner = await ctx.newCompanyAdmin(otherCompany.id);

      const fresh = await asTheInviterSeesIt(newEmail(), region.id);
      const taken = await asTheInviterSeesIt(owner.user.email.toUpperCase(), region.id);
      expect(taken.steps).toEqual(fresh.steps);
      const freshExpired = await fresh.afterExpiry();
      expect(await taken.afterExpiry()).toEqual(freshExpired);

      const statuses = [...fresh.steps, ...freshExpired].map(({ step, status }) => `${step}: ${status}`);
      expect(statuses).toEqual([
        'invite: 202',
        'invite again: 409',
        'invite again for the profile: 409',
        'list: 200',
        'list of teachers: 200',
        'teacher read: 200',
        'resend: 200',
        'reissue: 200',
        'deactivate: 200',
        'list after deactivating: 200',
        'reactivate: 200',
        'list after expiry: 200',
        'resend after expiry: 409',
        'reissue after expiry: 200',
        'resend after reissue: 200',
      ]);
      // Listed as pending, expired, then valid 7 days again.
      expect(fresh.steps.find(({ step }) => step === 'list')?.body).toEqual([
        expect.objectContaining({ invitePending: true, active: true, role: UserRole.HybridTeacher }),
      ]);
      // The owner was told (once a day), never sent a link; their account is as it was.
      const mail = await ctx.db.getRepository(Notification).findBy({ recipientUserId: owner.user.id });
      expect(mail.map((row) => row.kind)).toEqual([NotificationKind.AddressInUse]);
      const account = await ctx.db.getRepository(User).findOneOrFail({
        where: { id: owner.user.id },
        select: { id: true, organisationId: true, inviteExpiresAt: true, deactivatedAt: true },
      });
      expect(account).toMatchObject({
        organisationId: otherCompany.id,
        inviteExpiresAt: null,
        deactivatedAt: null,
      });
    });

    it('is not the platform admin’s view: they see the account, and no invite of that id', async () => {
      const { company, otherCompany } = await world();
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      const owner = await ctx.newCompanyAdmin(otherCompany.id);
      await invite(companyAdmin, { role: UserRole.HybridTeacher, email: owner.user.email }).expect(202);
      const listed = await ctx.http.get('/api/users').set(companyAdmin.auth).expect(200);
      const pending = (listed.body.items as UserDto[]).find((user) => user.email === owner.user.email);
      expect(pending).toMatchObject({ organisationId: company.id, invitePending: true, active: true });

      const admin = await ctx.newAdmin();
      const all = await ctx.http
        .get('/api/users')
        .query({ pageSize: 200, role: UserRole.HybridTeacher })
        .set(admin.auth)
        .expect(200);
      expect((all.body.items as UserDto[]).map((user) => user.id)).not.toContain(pending?.id);
      await ctx.http.post(`/api/users/${pending?.id}/invite/resend`).set(admin.auth).expect(404);
      // Another company's admin does not see it either.
      const outsider = await ctx.newCompanyAdmin(otherCompany.id);
      await ctx.http.post(`/api/users/${pending?.id}/deactivate`).set(outsider.auth).expect(404);
    });
  });

  it('lists the users each role may see', async () => {
    const { region, company, school } = await world();
    const elsewhere = await ctx.newCompany((await ctx.newRegion()).id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const teacher = await ctx.newTeacherUser(company.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const outsider = await ctx.newCompanyAdmin(elsewhere.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const ids = (response: { body: { items: { id: string }[] } }) =>
      response.body.items.map((item) => item.id).sort();

    const ofCompany = await ctx.http.get('/api/users').set(companyAdmin.auth).expect(200);
    expect(ids(ofCompany)).toEqual([companyAdmin.user.id, teacher.user.id].sort());
    const teachersOnly = await ctx.http
      .get('/api/users')
      .query({ role: 'hybrid_teacher' })
      .set(companyAdmin.auth)
      .expect(200);
    expect(ids(teachersOnly)).toEqual([teacher.user.id]);
    const ofRegion = await ctx.http.get('/api/users').set(coordinator.auth).expect(200);
    expect(ids(ofRegion)).toEqual([companyAdmin.user.id, teacher.user.id, schoolAdmin.user.id].sort());
    expect(ids(ofRegion)).not.toContain(outsider.user.id);
    await ctx.http.get('/api/users').set(teacher.auth).expect(403);

    const all = await ctx.http
      .get('/api/users')
      .query({ pageSize: 200 })
      .set((await ctx.newAdmin()).auth)
      .expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(5);
  });
});
