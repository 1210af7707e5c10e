import { linksIn, pathOf, waitForMail } from '../../../test/support/mailbox';
import { BEFORE_TERM, TERMS } from '../../../test/support/proposal-terms';
import type { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { type BrowserWorld, seriousAccessibilityProblems, startWorldWithWorker } from './support/browser';

/**
 * The product's main job in the browser, against the real API, worker, database, Redis and SMTP:
 * the coordinator runs matching and reads why a block stayed unfilled and who else was considered
 * for a proposal, the teacher accepts from the e-mail's link, company and school accept, the
 * coordinator approves in a batch, the dashboard counts the placement, and the teacher sees the
 * lessons with the school's address on a phone.
 * And the coordinator's e-mail link to a proposal, through sign-in, to its page, audit trail and
 * rejection; a proposal that needs attention, from the flag to its withdrawal; a placement cancelled.
 */
describe('web app: matching to placement (browser)', () => {
  let smtp: SmtpTestServer;
  let world: BrowserWorld;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ world, smtp, close } = await startWorldWithWorker(BEFORE_TERM));
  });

  afterAll(async () => {
    await close?.();
  });

  it("runs matching, takes the answers and a batch approval to a placement on the dashboard and in the teacher's week", async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const request = await ctx.newRequest(school);
    // Nobody in the region teaches this subject: its block stays unfilled, with the reason.
    await ctx.newRequest(school, { subjectCode: 'werktuigbouwkunde' });
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const teacher = await ctx.newTeacherUser(company.id);
    // A colleague with the subject whose VOG is too old: considered, and named as an alternative that lost.
    const colleague = await ctx.newTeacher(company.id, { vogIssuedOn: '2025-01-01' });
    await ctx.http
      .post(`/api/organisations/${company.id}/rate-card`)
      .set(companyAdmin.auth)
      .send({ role: 'guest_teacher', hourlyRateCents: 9500, validFrom: '2026-01-01' })
      .expect(201);

    // The coordinator starts matching and watches the run finish.
    const desk = await world.newPage();
    await desk.goto(world.url('/app/'));
    await world.signIn(desk, coordinator.user.email);
    await desk.getByRole('link', { name: 'Matchen' }).click();
    await desk.getByText('Er is nog geen matchronde.').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await desk.getByRole('button', { name: 'Matchen starten' }).click();
    await desk.getByRole('status').filter({ hasText: 'Klaar' }).waitFor();
    await desk.getByRole('heading', { name: '1 lesblok niet gevuld' }).waitFor();
    await desk
      .getByText(/werktuigbouwkunde/i)
      .first()
      .waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await world.screenshot(desk, 'coordinator-match-run');
    // Back on the list, the run just started is there, finished (the list was not left stale).
    await desk.goBack();
    await desk.getByRole('row').filter({ hasText: 'Klaar' }).waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await desk.goForward();
    await desk.getByRole('heading', { name: '1 lesblok niet gevuld' }).waitFor();

    // The teacher accepts from the e-mail's link (no sign-in needed); company and school accept too.
    const mail = await waitForMail(smtp, teacher.user.email, /^Nieuw voorstel/);
    const [accept] = linksIn(mail, `${ctx.config.http.publicUrl}/answer`).filter(
      (link) => link.searchParams.get('decision') === 'accept',
    );
    const phone = await world.newPage('phone');
    await phone.goto(world.url(pathOf(accept)));
    await phone.getByText(request.title).first().waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.getByRole('button', { name: /Ja, ik accepteer/ }).click();
    await phone.getByText(/is vastgelegd/).waitFor();
    const [proposal] = (
      await ctx.http.get('/api/proposals').query({ requestId: request.id }).set(coordinator.auth).expect(200)
    ).body.items;
    for (const party of [companyAdmin, schoolAdmin])
      await ctx.http
        .post(`/api/proposals/${proposal.id}/answer`)
        .set(party.auth)
        .send({ decision: 'accept' })
        .expect(200);

    // The coordinator approves the run's proposals in a batch, naming the school's supervisor.
    await desk.getByRole('link', { name: 'Voorstellen van deze ronde goedkeuren' }).click();
    await desk.getByRole('link', { name: teacher.teacher.firstName, exact: false }).waitFor();
    await desk.getByRole('button', { name: `Uitleg voor ${teacher.teacher.firstName}` }).click();
    await desk.getByText(/lesblok van de aanvraag/).waitFor();
    await desk
      .getByText(
        `${colleague.firstName} ${colleague.lastName} kwam niet in aanmerking: heeft geen geldige VOG bij de start.`,
      )
      .waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await world.screenshot(desk, 'coordinator-approvals');
    // The queue is sorted by the API over all its pages, not within the page shown.
    const sorted = desk.waitForResponse(
      (response) => response.url().includes('/api/proposals?') && response.url().includes('sort=expiresAt'),
    );
    await desk.getByRole('combobox', { name: 'Sorteren op' }).click();
    await desk.getByRole('option', { name: 'Verloopt (eerste eerst)' }).click();
    expect((await sorted).status()).toBe(200);
    await desk.getByRole('link', { name: teacher.teacher.firstName, exact: false }).waitFor();
    await desk.getByRole('checkbox', { name: 'Alles op deze pagina kiezen' }).check();
    await desk.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByLabel('Naam werkplekbegeleider').fill('Marieke de Vries');
    await dialog.getByLabel('E-mail werkplekbegeleider').fill('m.devries@roc.example.nl');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await dialog.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
    await dialog.getByText('1 goedgekeurd, 0 geweigerd.').waitFor();
    await dialog.getByRole('button', { name: 'Klaar' }).click();
    await desk.getByText('Er wacht geen voorstel op goedkeuring.').waitFor();

    // The dashboard counts the placement.
    await desk.getByRole('link', { name: 'Dashboard' }).click();
    await desk.getByText('1 van 1.000 hybride docenten geplaatst').waitFor();
    await world.screenshot(desk, 'coordinator-dashboard');

    // The teacher, on a phone, sees the lessons with the school's address and makes a feed link.
    const teacherPhone = await world.newPage('phone');
    await teacherPhone.clock.setFixedTime(new Date(BEFORE_TERM));
    await teacherPhone.goto(world.url('/app/'));
    await world.signIn(teacherPhone, teacher.user.email);
    await teacherPhone.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    await teacherPhone.getByText('Stationsplein 1, 3511 ED Utrecht').first().waitFor();
    await teacherPhone.getByText(school.name).first().waitFor();
    expect(await seriousAccessibilityProblems(teacherPhone)).toEqual([]);
    await world.screenshot(teacherPhone, 'teacher-week');
    await teacherPhone.getByRole('button', { name: 'Agendalink maken' }).click();
    expect(await teacherPhone.getByLabel('Agendalink').inputValue()).toMatch(/\/api\/calendar\/.+\.ics$/);
    await teacherPhone.getByRole('button', { name: 'Menu openen' }).click();
    await teacherPhone.getByRole('link', { name: 'Mijn voorstellen' }).click();
    await teacherPhone.getByText('Goedgekeurd').first().waitFor();
    expect(await seriousAccessibilityProblems(teacherPhone)).toEqual([]);
    // The teacher's messages: the e-mail with the proposal, readable in the app.
    await teacherPhone.getByRole('button', { name: 'Menu openen' }).click();
    await teacherPhone.getByRole('link', { name: 'Berichten', exact: true }).click();
    await teacherPhone
      .getByRole('heading', { name: /^Nieuw voorstel/ })
      .first()
      .waitFor();
    expect(await seriousAccessibilityProblems(teacherPhone)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  /** A proposal world whose company, teacher and school accepted (through the API): it awaits approval. */
  async function acceptedByAllThree() {
    const w = await world.ctx.newProposalWorld();
    for (const party of [w.companyAdmin, w.teacher, w.schoolAdmin])
      await world.ctx.http
        .post(`/api/proposals/${w.proposal.id}/answer`)
        .set(party.auth)
        .send({ decision: 'accept' })
        .expect(200);
    return w;
  }

  it("the coordinator's e-mail link opens that proposal after sign-in; rejected with a reason, its audit trail says who did what", async () => {
    const { ctx } = world;
    const w = await acceptedByAllThree();

    // "Klaar voor goedkeuring" links to the proposal; a fresh browser signs in first, then lands on it.
    const mail = await waitForMail(smtp, w.coordinator.user.email, /^Klaar voor goedkeuring/);
    const [view] = linksIn(mail, `${ctx.config.http.publicUrl}/app/proposals/`);
    expect(pathOf(view)).toBe(`/app/proposals/${w.proposal.id}`);
    const desk = await world.newPage();
    await desk.goto(world.url(pathOf(view)));
    await desk.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await world.signIn(desk, w.coordinator.user.email);
    await desk.getByRole('heading', { name: w.request.title, level: 1 }).waitFor();
    expect(new URL(desk.url()).pathname).toBe(`/app/proposals/${w.proposal.id}`);
    // The audit trail: the proposal made, then each party's answer.
    for (const entry of [
      'Voorgesteld',
      'Geaccepteerd · Bedrijf',
      'Geaccepteerd · Docent',
      'Geaccepteerd · School',
    ])
      await desk.getByText(entry, { exact: true }).waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    // Rejected with a reason: the status and the trail say so, with the reason.
    await desk.getByRole('button', { name: 'Afwijzen', exact: true }).click();
    const dialog = desk.getByRole('dialog', { name: 'Voorstel afwijzen' });
    // It says what rejecting means, as withdrawing and cancelling do (the two red buttons differ).
    await dialog
      .getByText(/^Bedrijf, docent en school hebben dit voorstel geaccepteerd; met afwijzen/)
      .waitFor();
    await dialog
      .getByLabel('Reden (komt in de historie)')
      .fill('De school kiest liever voor een docent met bevoegdheid.');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await dialog.getByRole('button', { name: 'Afwijzen', exact: true }).click();
    await desk.getByText('Afgewezen door coördinator', { exact: true }).waitFor();
    await desk.getByText('De school kiest liever voor een docent met bevoegdheid.').waitFor();
    await desk.getByText('Afgewezen', { exact: true }).waitFor();
    expect(await desk.getByRole('button', { name: 'Afwijzen', exact: true }).count()).toBe(0);
    const { body } = await ctx.http
      .get(`/api/proposals/${w.proposal.id}`)
      .set(w.coordinator.auth)
      .expect(200);
    expect(body.status).toBe('rejected');
    expect(world.pageProblems).toEqual([]);
  });

  it('a proposal that needs attention: the coordinator reads the broken rule, opens the proposal and withdraws it, and the flag is closed', async () => {
    const { ctx } = world;
    const w = await ctx.newProposalWorld();
    // The company raises the teacher's contract to 47 h a week: with this proposal's hours the
    // working-hours rule breaks, and the proposal is flagged.
    await ctx.http
      .patch(`/api/teachers/${w.teacher.teacher.id}`)
      .set(w.companyAdmin.auth)
      .send({ contractHoursPerWeek: 47 })
      .expect(200);
    const [flag] = (await ctx.http.get('/api/rule-flags').set(w.coordinator.auth).expect(200)).body.items;
    expect(flag).toMatchObject({ proposalId: w.proposal.id, placementId: null });

    const desk = await world.newPage();
    await desk.goto(world.url('/app/'));
    await world.signIn(desk, w.coordinator.user.email);
    await desk.getByRole('link', { name: 'Aandacht nodig' }).click();
    const flagged = desk.getByRole('article').filter({ hasText: w.request.title });
    await flagged.getByText(flag.violations[0].nl, { exact: true }).waitFor();
    await flagged.getByText(/^Gemeld op .* na een wijziging van de docent/).waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    // The flag opens the proposal, still awaiting answers: the coordinator withdraws it with a reason.
    await flagged.getByRole('link', { name: `${flag.teacherName} · ${w.request.title}` }).click();
    await desk.getByRole('heading', { name: w.request.title, level: 1 }).waitFor();
    await desk.getByRole('button', { name: 'Intrekken', exact: true }).click();
    const dialog = desk.getByRole('dialog', { name: 'Voorstel intrekken' });
    await dialog.getByLabel('Reden (komt in de historie)').fill('Het contract laat geen uren meer vrij.');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await dialog.getByRole('button', { name: 'Intrekken', exact: true }).click();
    await desk.getByText('Het contract laat geen uren meer vrij.').waitFor();
    await desk.getByText('Ingetrokken', { exact: true }).first().waitFor();
    expect(await desk.getByRole('button', { name: 'Intrekken', exact: true }).count()).toBe(0);

    // Nothing needs attention any more.
    await desk.getByRole('link', { name: 'Aandacht nodig' }).click();
    await desk.getByText('Niets vraagt nu om aandacht.').waitFor();
    const { body } = await ctx.http
      .get(`/api/proposals/${w.proposal.id}`)
      .set(w.coordinator.auth)
      .expect(200);
    expect(body.status).toBe('withdrawn');
    expect(world.pageProblems).toEqual([]);
  });

  it('the coordinator cancels an approved placement with a reason; the school and the company read the same word for it', async () => {
    const { ctx } = world;
    const w = await acceptedByAllThree();
    await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send(TERMS)
      .expect(200);

    const desk = await world.newPage();
    await desk.goto(world.url(`/app/proposals/${w.proposal.id}`));
    await world.signIn(desk, w.coordinator.user.email);
    await desk.getByRole('heading', { name: w.request.title, level: 1 }).waitFor();
    await desk.getByRole('button', { name: 'Plaatsing annuleren' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Plaatsing annuleren' });
    await dialog.getByLabel('Reden (komt in de historie)').fill('De school sluit de afdeling.');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await dialog.getByRole('button', { name: 'Plaatsing annuleren' }).click();
    await desk.getByText('De school sluit de afdeling.').waitFor();
    await desk.getByText('Geannuleerd', { exact: true }).first().waitFor();
    expect(await desk.getByRole('button', { name: 'Plaatsing annuleren' }).count()).toBe(0);

    // One status, one word: the school's placements page and the company's say "Geannuleerd".
    const school = await world.newPage();
    await school.goto(world.url('/app/school/placements'));
    await world.signIn(school, w.schoolAdmin.user.email);
    await school
      .getByRole('article', { name: w.request.title })
      .getByText('Geannuleerd', { exact: true })
      .waitFor();
    expect(await school.getByText('Beëindigd').count()).toBe(0);
    const company = await world.newPage();
    await company.goto(world.url('/app/placements'));
    await world.signIn(company, w.companyAdmin.user.email);
    await company
      .getByRole('row')
      .filter({ hasText: w.school.name })
      .getByText('Geannuleerd', { exact: true })
      .waitFor();
    const { body } = await ctx.http
      .get(`/api/proposals/${w.proposal.id}`)
      .set(w.coordinator.auth)
      .expect(200);
    expect(body.status).toBe('cancelled');
    expect(world.pageProblems).toEqual([]);
  });
});
