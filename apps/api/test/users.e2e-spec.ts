import { randomBytes } from 'node:crypto';
import { hashToken } from '../src/auth/password';
import { toUserDto } from '../src/users/user.service';
import { Notification, NotificationKind, TeacherProfile, User } from '../../../libs/database/src';
import { OrganisationKind, UserRole } from '../../../libs/domain/src';
import { outboxLink } from '../../../test/support/mailbox';
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
      ],
      [
        'a coordinator in an unknown region',
        () => ({ role: UserRole.RegionalCoordinator, regionIds: ['00000000-0000-4000-8000-000000000000'] }),
        'regionIds',
      ],
      ['a company admin without organisation', () => ({ role: UserRole.CompanyAdmin }), 'organisationId'],
    ])('refuses %s with a 400 naming the field', async (_case, body, field) => {
      const admin = await ctx.newAdmin();
      const response = await invite(admin, body()).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    it('refuses an organisation of the wrong kind for the role', async () => {
      const { company, school } = await world();
      const admin = await ctx.newAdmin();
      const schoolAsCompany = await invite(admin, {
        role: UserRole.HybridTeacher,
        organisationId: school.id,
      }).expect(400);
      expect(schoolAsCompany.body.errors).toEqual([expect.objectContaining({ field: 'organisationId' })]);
      const companyAsSchool = await invite(admin, {
        role: UserRole.SchoolAdmin,
        organisationId: company.id,
      }).expect(400);
      expect(companyAsSchool.body.errors).toEqual([expect.objectContaining({ field: 'organisationId' })]);
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
      expect(notOurs.body.errors).toEqual([expect.objectContaining({ field: 'teacherProfileId' })]);
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
      // Asking again the same day does not flood the owner's mailbox.
      await invite(companyAdmin, { role: UserRole.CompanyAdmin, email }).expect(202);
      const told = await ctx.db
        .getRepository(Notification)
        .findBy({ recipientUserId: owner.user.id, kind: NotificationKind.AddressInUse });
      expect(told).toHaveLength(1);
      expect(told[0].bodyText).toContain(company.name);
      // The owner's in-app list does not show it (an account e-mail).
      const inApp = await ctx.http.get('/api/notifications').set(owner.auth).expect(200);
      expect(inApp.body.items).toEqual([]);
    }
    // The inviter sees nobody new in their organisation for those addresses.
    const listed = await ctx.http
      .get('/api/users')
      .query({ pageSize: 200 })
      .set(companyAdmin.auth)
      .expect(200);
    expect(listed.body.items.map((user: { email: string }) => user.email).sort()).toEqual(
      [companyAdmin.user.email, fresh.body.email].sort(),
    );
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
