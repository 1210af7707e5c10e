import { randomBytes } from 'node:crypto';
import { hashToken } from '../src/auth/password';
import { NotificationKind, TeacherProfile, User } from '../../../libs/database/src';
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
      }).expect(201);
      expect(response.body.user).toMatchObject({
        role: 'regional_coordinator',
        regionIds: [region.id],
        organisationId: null,
        invitePending: true,
      });
      expect(response.body.user.email).toBe(response.body.user.email.toLowerCase());
      // The link goes to the person by e-mail (the outbox), never back to the inviter.
      expect(response.body).not.toHaveProperty('inviteUrl');
      const link = await outboxLink(
        ctx.db,
        response.body.user.id,
        NotificationKind.Invite,
        ctx.config.http.publicUrl,
        '/invite',
      );
      expect(link.href).toMatch(
        new RegExp(`^${ctx.config.http.publicUrl}/invite\\?token=[A-Za-z0-9_-]{40,}$`),
      );
      const expiresInDays = (Date.parse(response.body.user.inviteExpiresAt) - Date.now()) / 86_400_000;
      expect(expiresInDays).toBeGreaterThan(6.9);
      expect(expiresInDays).toBeLessThanOrEqual(7);

      const stored = await ctx.db.getRepository(User).findOneOrFail({
        where: { id: response.body.user.id },
        select: { id: true, inviteTokenHash: true, passwordHash: true },
      });
      const token = link.searchParams.get('token');
      expect(stored.inviteTokenHash).toBe(hashToken(token!));
      expect(stored.passwordHash).toBeNull();

      await invite(admin, { role: UserRole.PlatformAdmin }).expect(201);
      await invite(admin, { role: UserRole.CompanyAdmin, organisationId: company.id }).expect(201);
      await invite(admin, { role: UserRole.HybridTeacher, organisationId: company.id }).expect(201);
      await invite(admin, { role: UserRole.SchoolAdmin, organisationId: school.id }).expect(201);
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
      const colleague = await invite(companyAdmin, { role: UserRole.CompanyAdmin }).expect(201);
      expect(colleague.body.user).toMatchObject({ role: 'company_admin', organisationId: company.id });
      await invite(companyAdmin, { role: UserRole.HybridTeacher, organisationId: company.id }).expect(201);
    });

    it('links a new teacher login to an existing teacher profile of their company', async () => {
      const { company, otherCompany } = await world();
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      const profile = await ctx.newTeacher(company.id);

      const response = await invite(companyAdmin, {
        role: UserRole.HybridTeacher,
        teacherProfileId: profile.id,
      }).expect(201);
      const linked = await ctx.db.getRepository(TeacherProfile).findOneByOrFail({ id: profile.id });
      expect(linked.userId).toBe(response.body.user.id);

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
      const response = await invite(schoolAdmin, { role: UserRole.SchoolAdmin }).expect(201);
      expect(response.body.user).toMatchObject({ role: 'school_admin', organisationId: school.id });
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

  it('answers 409 for an e-mail address that is already in use, whatever its case', async () => {
    const { company } = await world();
    const admin = await ctx.newAdmin();
    const email = newEmail();
    await invite(admin, { role: UserRole.CompanyAdmin, organisationId: company.id, email }).expect(201);
    const duplicate = await invite(admin, {
      role: UserRole.HybridTeacher,
      organisationId: company.id,
      email: email.toUpperCase(),
    }).expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'EMAIL_TAKEN',
      detail: expect.stringContaining(email.toLowerCase()),
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
