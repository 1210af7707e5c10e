import { linkIn, linksIn, pathOf, waitForMail } from '../../../test/support/mailbox';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { BrowserWorld, seriousAccessibilityProblems, startWorldWithWorker } from './support/browser';

/**
 * The pages that e-mail links open without the app (served by the API itself: the invite, the
 * password reset, the answer to a proposal) and the app's own page for an address it does not
 * know, each scanned with axe-core like every page of the app.
 */
describe('web app: the pages links open without signing in (browser)', () => {
  let world: BrowserWorld;
  let smtp: SmtpTestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ world, smtp, close } = await startWorldWithWorker());
  });
  afterAll(() => close?.(), 120_000);

  it('the invite, forgot-password and reset pages, with a good and a spent link, pass the scan', async () => {
    const { ctx } = world;
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const admin = await ctx.newAdmin();
    const email = `pagina-${company.id.slice(0, 8)}@example.test`;
    await ctx.http
      .post('/api/users/invites')
      .set(admin.auth)
      .send({ email, name: 'Pieter Post', role: 'company_admin', organisationId: company.id })
      .expect(202);
    const invite = linkIn(
      await waitForMail(smtp, email, /uitnodiging/i),
      ctx.config.http.publicUrl,
      '/invite',
    );
    const page = await world.newPage();

    await page.goto(world.url(pathOf(invite)));
    await page.getByLabel(/Kies een wachtwoord/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.goto(world.url('/invite'));
    await page.getByText(/Deze link is onvolledig/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.goto(world.url('/forgot-password'));
    await page.getByLabel(/E-mailadres/).fill(email);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: /Stuur de link/ }).click();
    await page.getByText(/is de link verstuurd/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.goto(world.url('/reset-password'));
    await page.getByText(/Deze link is onvolledig/).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it('the answer page for a decline, and the page after the answer is recorded, pass the scan', async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const school = await ctx.newSchool(region.id);
    const request = await ctx.newRequest(school);
    const teacher = await ctx.newTeacherUser((await ctx.newCompany(region.id)).id);
    await ctx.newProposal(request, teacher.teacher);
    const mail = await waitForMail(smtp, teacher.user.email, /^Nieuw voorstel/);
    const [decline] = linksIn(mail, `${ctx.config.http.publicUrl}/answer`).filter(
      (link) => link.searchParams.get('decision') === 'decline',
    );
    const phone = await world.newPage('phone');

    await phone.goto(world.url(pathOf(decline)));
    await phone.getByText(request.title).first().waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.getByLabel(/Reden/).fill('Die middag sta ik op een bouwplaats.');
    await phone.getByRole('button', { name: /Nee, ik sla dit voorstel af/ }).click();
    await phone.getByText(/is vastgelegd/).waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
  });

  it("the company contact opens the proposal e-mail's link, sees what it answers, accepts for the company and reads the receipt", async () => {
    const { ctx } = world;
    const w = await ctx.newProposalWorld();
    const answers = async () =>
      (await ctx.http.get(`/api/proposals/${w.proposal.id}`).set(w.companyAdmin.auth).expect(200)).body
        .answers;
    const mail = await waitForMail(smtp, w.companyAdmin.user.email, /^Nieuw voorstel/);
    const [accept] = linksIn(mail, `${ctx.config.http.publicUrl}/answer`).filter(
      (link) => link.searchParams.get('decision') === 'accept',
    );
    const page = await world.newPage();

    // Opening the link shows what is answered, for the company, and records nothing yet.
    await page.goto(world.url(pathOf(accept)));
    const shown = page.getByRole('table');
    await shown.getByRole('cell', { name: 'het bedrijf / the company' }).waitFor();
    await shown
      .getByRole('cell', {
        name: `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName} (${w.company.name})`,
      })
      .waitFor();
    await shown.getByRole('cell', { name: w.request.title }).waitFor();
    await shown.getByText(w.school.name).waitFor();
    await shown.getByText('dinsdag / Tuesday 09:00–12:00').waitFor();
    expect((await answers()).company).toBe('pending');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // Confirming records the company's answer; the receipt names the proposal and the school.
    await page.getByRole('button', { name: /Ja, ik accepteer/ }).click();
    await page
      .getByText(`Uw acceptatie van het voorstel "${w.request.title}" bij ${w.school.name} is vastgelegd.`, {
        exact: false,
      })
      .waitFor();
    expect(await answers()).toEqual({ company: 'accepted', teacher: 'pending', school: 'pending' });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The link is spent: opened again it says so and offers nothing to answer.
    await page.goto(world.url(pathOf(accept)));
    await page.getByText(/Deze link is al gebruikt/).waitFor();
    expect(await page.getByRole('button', { name: /Ja, ik accepteer/ }).count()).toBe(0);
    expect(world.pageProblems).toEqual([]);
  });

  it("the app's page for an address it does not know passes the scan", async () => {
    const { ctx } = world;
    const admin = await ctx.newAdmin();
    const page = await world.newPage();
    await page.goto(world.url('/app/'));
    await world.signIn(page, admin.user.email);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
    await page.goto(world.url('/app/bestaat-niet'));
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
    await page.getByText('Deze pagina bestaat niet.').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
