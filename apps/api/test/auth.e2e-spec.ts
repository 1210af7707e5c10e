import { randomBytes } from 'node:crypto';
import { NotificationKind, User } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { outboxLink } from '../../../test/support/mailbox';
import { TEST_PASSWORD, TestContext } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';

describe('authentication (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  const login = (email: string, password: string) =>
    ctx.http.post('/api/auth/login').send({ email, password });

  /** Invites a company admin as the platform admin and returns the token from the invite e-mail's link. */
  async function inviteCompanyAdmin(): Promise<{ email: string; token: string; userId: string }> {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const admin = await ctx.newAdmin();
    const email = `nieuw-${randomBytes(4).toString('hex')}@example.test`;
    const response = await ctx.http
      .post('/api/users/invites')
      .set(admin.auth)
      .send({ email, name: 'Nieuwe Beheerder', role: UserRole.CompanyAdmin, organisationId: company.id })
      .expect(202);
    const userId = (await ctx.db.getRepository(User).findOneByOrFail({ email: response.body.email })).id;
    const link = await outboxLink(
      ctx.db,
      userId,
      NotificationKind.Invite,
      ctx.config.http.publicUrl,
      '/invite',
    );
    return { email, token: link.searchParams.get('token')!, userId };
  }

  it('logs in with a password and returns a token that works on /api/auth/me', async () => {
    const coordinator = await ctx.newCoordinator((await ctx.newRegion()).id);
    const response = await login(coordinator.user.email.toUpperCase(), TEST_PASSWORD).expect(200);
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: ctx.config.auth.jwtTtlSeconds,
      accessToken: expect.any(String),
    });

    const me = await ctx.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${response.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({
      id: coordinator.user.id,
      role: 'regional_coordinator',
      regionIds: coordinator.user.regions!.map((region) => region.id),
    });
  });

  it('issue 9, item 11: the tokens of a deleted account stop (401, also on /api/auth/me)', async () => {
    const admin = await ctx.newAdmin();
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    await ctx.http.get('/api/auth/me').set(admin.auth).expect(200);
    // Deleted outside the API (in the database): the API hears of it through the database's
    // announcement (sign-in-states.e2e-spec), within moments rather than before the next request.
    await ctx.db.getRepository(User).delete({ id: admin.user.id });
    await waitFor(
      'the deleted account to be refused',
      async () => (await ctx.http.get('/api/auth/me').set(admin.auth)).status === 401,
      5_000,
    );
    for (const response of [
      await ctx.http.get('/api/auth/me').set(admin.auth),
      await ctx.http
        .post('/api/users/invites')
        .set(admin.auth)
        .send({
          email: `na-verwijderen-${randomBytes(4).toString('hex')}@example.test`,
          name: 'Nieuwe Beheerder',
          role: UserRole.CompanyAdmin,
          organisationId: company.id,
        }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        code: 'UNAUTHENTICATED',
        detail: expect.stringMatching(/no longer exists/),
      });
    }
  });

  it('answers a wrong password with 401 in the problem shape', async () => {
    const admin = await ctx.newAdmin();
    const response = await login(admin.user.email, 'not-the-password').expect(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      correlationId: expect.any(String),
      detail: expect.any(String),
    });
  });

  it('refuses a request without a token, and a tampered token, with 401', async () => {
    const admin = await ctx.newAdmin();
    await ctx.http.get('/api/auth/me').expect(401);
    const [header, payload, signature] = admin.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...claims, role: UserRole.PlatformAdmin, sub: 'someone-else' }),
    ).toString('base64url');
    const tampered = await ctx.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${header}.${forgedPayload}.${signature}` })
      .expect(401);
    expect(tampered.body.code).toBe('UNAUTHENTICATED');
  });

  it('lets an invited person choose a password and then log in with it', async () => {
    const { email, token, userId } = await inviteCompanyAdmin();
    const password = 'een eigen lange wachtzin';

    const accepted = await ctx.http.post('/api/auth/accept-invite').send({ token, password }).expect(200);
    const me = await ctx.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${accepted.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ id: userId, email, role: 'company_admin' });

    await login(email, password).expect(200);
  });

  it('answers 404 for an invite token that was already used or has expired', async () => {
    const used = await inviteCompanyAdmin();
    await ctx.http
      .post('/api/auth/accept-invite')
      .send({ token: used.token, password: 'een eigen lange wachtzin' })
      .expect(200);
    const again = await ctx.http
      .post('/api/auth/accept-invite')
      .send({ token: used.token, password: 'nog een andere wachtzin' })
      .expect(404);
    expect(again.body.code).toBe('NOT_FOUND');

    const expired = await inviteCompanyAdmin();
    await ctx.db
      .getRepository(User)
      .update(expired.userId, { inviteExpiresAt: new Date(Date.now() - 60_000) });
    await ctx.http
      .post('/api/auth/accept-invite')
      .send({ token: expired.token, password: 'een eigen lange wachtzin' })
      .expect(404);
    await login(expired.email, 'een eigen lange wachtzin').expect(401);
  });

  describe('with a login limit of 3 per minute', () => {
    let limited: TestContext;

    beforeAll(async () => {
      limited = await TestContext.create({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    });

    afterAll(async () => {
      await limited.close();
    });

    it('answers the 4th attempt within the minute with 429 RATE_LIMITED', async () => {
      const admin = await limited.newAdmin();
      const attempt = () =>
        limited.http.post('/api/auth/login').send({ email: admin.user.email, password: 'wrong-password' });
      await attempt().expect(401);
      await attempt().expect(401);
      await attempt().expect(401);
      const blocked = await attempt().expect(429);
      expect(blocked.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      // Even the right password is refused until the minute is over.
      await limited.http
        .post('/api/auth/login')
        .send({ email: admin.user.email, password: TEST_PASSWORD })
        .expect(429);
    });
  });
});
