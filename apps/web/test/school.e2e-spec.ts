import type { Page } from 'playwright-core';
import { ALL_ACCEPTED, BEFORE_TERM, TERMS } from '../../../test/support/proposal-terms';
import { Proposal } from '../../../libs/database/src';
import { waitFor } from '../../../test/support/wait-for';
import { type BrowserWorld, seriousAccessibilityProblems, startWorldWithWorker } from './support/browser';

/**
 * The school's, the teacher's and the coordinator's own pages in the browser, against the real
 * API, worker, database and Redis: the school posts a request on the week grid (the API's field
 * errors shown against the fields), answers the match run's proposal with the teacher's card and
 * checks the VOG, sees the placement, then moves and cancels lessons; the teacher edits their
 * availability on a phone; the coordinator's flags and holiday pages. Every page is scanned with axe.
 */
describe('web app: school, teacher availability and coordinator pages (browser)', () => {
  let world: BrowserWorld;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ world, close } = await startWorldWithWorker(BEFORE_TERM));
  });

  afterAll(async () => {
    await close?.();
  });

  /** A desk browser at BEFORE_TERM (the app's "this week"), signed in; `prepare` runs before the app loads. */
  async function signedIn(
    email: string,
    viewport: 'desk' | 'phone' = 'desk',
    prepare?: (page: Page) => Promise<unknown>,
  ): Promise<Page> {
    const page = await world.newPage(viewport);
    await page.clock.setFixedTime(new Date(BEFORE_TERM));
    await prepare?.(page);
    await page.goto(world.url('/app/'));
    await world.signIn(page, email);
    return page;
  }

  /** A Mantine select: open it by its label (a required field's name ends in " *"), pick the option. */
  const choose = async (page: Page, label: string, option: string) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  /**
   * A proposal world approved into a placement whose first lesson is moved to `day` (by default
   * the week before "now", BEFORE_TERM: Tuesday 18 August), 09:00–12:00 Amsterdam; on the default
   * day it is over (an outcome and feedback may be given on it). Lessons otherwise start after "now".
   */
  async function placementWithFirstLessonOn(day = '2026-08-18') {
    const { ctx } = world;
    const w = await ctx.newProposalWorld();
    await ctx.db.getRepository(Proposal).update(w.proposal.id, ALL_ACCEPTED);
    const approval = await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send(TERMS)
      .expect(200);
    await ctx.db.query(
      `UPDATE lesson SET date = $2, starts_at = ($2::date + time '07:00') AT TIME ZONE 'UTC', ends_at = ($2::date + time '10:00') AT TIME ZONE 'UTC'
        WHERE id = (SELECT id FROM lesson WHERE placement_id = $1 ORDER BY starts_at LIMIT 1)`,
      [approval.body.placement.id, day],
    );
    return w;
  }

  it('the school posts a request on the week grid, answers the proposal with the VOG checked, sees the placement, then moves and cancels lessons', async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const teacher = await ctx.newTeacherUser(company.id);
    const title = `Praktijkles PLC ${company.id.slice(0, 6)}`;

    // The requests page is the school's home; a new request, with the period the wrong way round.
    const desk = await signedIn(schoolAdmin.user.email);
    await desk.getByRole('heading', { name: 'Aanvragen' }).waitFor();
    await desk.getByText('U heeft nog geen aanvragen geplaatst.').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await desk.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    await desk.getByLabel('Titel').fill(title);
    await desk.getByRole('combobox', { name: 'Vak' }).fill('Elektro');
    await desk.getByRole('option', { name: 'Elektrotechniek', exact: true }).click();
    await choose(desk, 'Locatie', 'Hoofdlocatie, Utrecht');
    await desk.getByLabel('Eerste dag').fill('2026-09-01');
    await desk.getByLabel('Laatste dag').fill('2026-08-01');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    // Without lesson blocks the API refuses the body; the reason shows with the blocks, in Dutch
    // (the API's field error carries a code, arrayMinSize, that the app says in its own words).
    const blocks = desk.getByRole('group', { name: 'Lesblokken per week' });
    await desk.getByRole('button', { name: 'Aanvraag plaatsen' }).click();
    await blocks.getByText('moet er minstens één bevatten').waitFor();
    expect(await desk.getByText('must contain at least one lesson block').count()).toBe(0);

    // Dragging down Tuesday from 09:00 to 12:00 makes one block of three hours.
    const cell = (name: string) => desk.getByRole('button', { name, exact: true });
    await cell('dinsdag 09:00–09:30').hover();
    await desk.mouse.down();
    await cell('dinsdag 11:30–12:00').hover();
    await desk.mouse.up();
    const first = desk.getByRole('group', { name: 'Blok 1' });
    expect(await first.getByLabel('Begin').inputValue()).toBe('09:00');
    expect(await first.getByLabel('Einde').inputValue()).toBe('12:00');
    await blocks.getByText('3 klokuur per week').waitFor();
    expect(await cell('dinsdag 10:00–10:30').getAttribute('aria-pressed')).toBe('true');
    // By keyboard: Enter takes a half hour; next to the block it lengthens it.
    await cell('dinsdag 11:30–12:00').focus();
    await desk.keyboard.press('ArrowDown');
    await desk.keyboard.press('Enter');
    expect(await first.getByLabel('Einde').inputValue()).toBe('12:30');
    await desk.keyboard.press('Enter');
    expect(await first.getByLabel('Einde').inputValue()).toBe('12:00');

    // The period rule is the service's: its field error shows under "Laatste dag".
    await desk.getByRole('button', { name: 'Aanvraag plaatsen' }).click();
    await desk.getByText('moet op of na de eerste dag liggen').first().waitFor();
    expect(await desk.getByLabel('Laatste dag').getAttribute('aria-invalid')).toBe('true');
    await desk.getByLabel('Laatste dag').fill('2027-01-31');
    await desk.getByRole('button', { name: 'Aanvraag plaatsen' }).click();
    await desk.getByRole('link', { name: title }).waitFor();
    await desk.getByText('dinsdag 09:00–12:00').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await world.screenshot(desk, 'school-requests');

    // Matching (through the API) proposes the teacher; the company and the teacher accept.
    const run = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId: region.id })
      .expect(202);
    await waitFor('the match run', async () => {
      const { body } = await ctx.http.get(`/api/match-runs/${run.body.id}`).set(coordinator.auth);
      return body.status === 'succeeded' || body.status === 'failed' ? body.status : false;
    }).then((status) => expect(status).toBe('succeeded'));
    const [proposal] = (await ctx.http.get('/api/proposals').set(schoolAdmin.auth).expect(200)).body.items;
    for (const party of [companyAdmin, teacher])
      await ctx.http
        .post(`/api/proposals/${proposal.id}/answer`)
        .set(party.auth)
        .send({ decision: 'accept' })
        .expect(200);

    // The school opens it from its proposals: the teacher's card, then accepts and checks the VOG.
    await desk.getByRole('link', { name: 'Voorstellen' }).click();
    await desk.getByRole('heading', { name: 'Voorstellen' }).waitFor();
    const teacherLink = desk.getByRole('link', {
      name: `${teacher.teacher.firstName} ${teacher.teacher.lastName}`,
    });
    await teacherLink.waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await teacherLink.click();
    await desk.getByRole('heading', { name: title }).waitFor();
    await desk.getByText('Geen bevoegdheid').waitFor();
    await desk.getByText(/km \(hemelsbreed\)/).waitFor();
    await desk.getByText('Nog niet gecontroleerd door het bedrijf').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await desk.getByRole('button', { name: 'Accepteren' }).click();
    await desk.getByText('Wacht op goedkeuring').waitFor();
    await desk.getByLabel('Afgiftedatum op de VOG').fill('2026-08-01');
    await desk.getByRole('button', { name: 'Controle vastleggen' }).click();
    await desk.getByRole('heading', { name: 'Eerdere controles' }).waitFor();
    await desk.getByText(/Controle door de school: Gecontroleerd, in orde/).waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    // The coordinator approves (API); the placement's lessons appear in the school's calendar.
    await ctx.http
      .post(`/api/proposals/${proposal.id}/approve`)
      .set(coordinator.auth)
      .send(TERMS)
      .expect(200);
    // The placement on the school's placements page: teacher, lessons, supervisor, the agreed rate and cost.
    await desk.getByRole('link', { name: 'Plaatsingen' }).click();
    const placed = desk.getByRole('article', { name: title });
    await placed
      .getByText(`${teacher.teacher.firstName} ${teacher.teacher.lastName} · `, { exact: false })
      .waitFor();
    await placed.getByText('dinsdag 09:00–12:00').waitFor();
    await placed.getByText(TERMS.supervisorName).waitFor();
    await placed.getByText(/95,00 per uur/).waitFor();
    await placed.getByText(/^\d+ lessen, \d+ uur: /).waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await world.screenshot(desk, 'school-placements');
    await desk.getByRole('link', { name: 'Lessen' }).click();
    await desk.getByText('Geen lessen in deze week.').waitFor();
    await desk.getByRole('button', { name: 'Volgende week' }).click();
    await desk.getByRole('button', { name: 'Volgende week' }).click();
    await desk.getByText('Week van 7 september 2026').waitFor();

    // Move Tuesday's lesson to Wednesday afternoon.
    await desk.getByRole('button', { name: 'Les van dinsdag 8 september 09:00 verplaatsen' }).click();
    const move = desk.getByRole('dialog');
    await move.getByLabel('Nieuwe datum').fill('2026-09-09');
    await move.getByLabel('Begin').fill('13:00');
    await move.getByLabel('Einde').fill('16:00');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await move.getByRole('button', { name: 'Verplaatsen' }).click();
    await desk.getByRole('button', { name: 'Les van woensdag 9 september 13:00 verplaatsen' }).waitFor();

    // Cancel the next week's lesson with a reason.
    await desk.getByRole('button', { name: 'Volgende week' }).click();
    await desk.getByRole('button', { name: 'Les van dinsdag 15 september 09:00 annuleren' }).click();
    const cancel = desk.getByRole('dialog');
    await cancel.getByLabel('Reden').fill('Examenweek: geen praktijkles');
    await cancel.getByRole('button', { name: 'Les annuleren' }).click();
    await desk.getByText('Examenweek: geen praktijkles').waitFor();
    await desk.getByText('Geannuleerd').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    const lessons = (
      await ctx.http.get('/api/lessons').query({ to: '2026-09-20' }).set(schoolAdmin.auth).expect(200)
    ).body.items;
    expect(
      lessons.map((lesson: { startsAt: string; status: string }) => [lesson.startsAt, lesson.status]),
    ).toEqual([
      ['2026-09-09T11:00:00.000Z', 'scheduled'],
      ['2026-09-15T07:00:00.000Z', 'cancelled'],
    ]);
    expect(world.pageProblems).toEqual([]);
    // A whole school year's flow in one browser: longer than one step's default on a busy machine.
  }, 150_000);

  it('the teacher adds an availability window on a phone; the feedback page lists no lesson yet', async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const teacher = await ctx.newTeacherUser(company.id);

    const phone = await signedIn(teacher.user.email, 'phone');
    await phone.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    await phone.getByRole('button', { name: 'Menu openen' }).click();
    await phone.getByRole('link', { name: 'Beschikbaarheid' }).click();
    const tuesday = phone.getByRole('group', { name: 'Tijdvak 1' });
    expect(await tuesday.getByLabel('Begin').inputValue()).toBe('08:00');
    expect(await tuesday.getByLabel('Einde').inputValue()).toBe('17:00');
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    // An end before the start: the API's reason shows with the window.
    await phone.getByRole('button', { name: 'Toevoegen' }).click();
    const added = phone.getByRole('group', { name: 'Tijdvak 2' });
    await added.getByLabel('Einde').fill('08:30');
    await phone.getByRole('button', { name: 'Opslaan' }).click();
    await added.getByText('moet later zijn dan het begin').waitFor();
    await added.getByLabel('Einde').fill('15:30');
    await phone.getByRole('button', { name: 'Opslaan' }).click();
    await phone.getByText('Opgeslagen.').waitFor();
    const saved = await ctx.http.get(`/api/teachers/${teacher.teacher.id}`).set(teacher.auth).expect(200);
    expect(saved.body.windows).toEqual([
      { weekday: 2, start: '08:00', end: '17:00' },
      { weekday: 3, start: '09:00', end: '15:30' },
    ]);
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    await phone.getByRole('button', { name: 'Menu openen' }).click();
    await phone.getByRole('link', { name: 'Feedback' }).click();
    await phone.getByText('Geen lessen in de afgelopen zes weken.').waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it('a rule-book refusal reads in the reader’s language: Dutch, and English after switching', async () => {
    const { ctx } = world;
    const w = await ctx.newProposalWorld();
    // A VOG older than six months at the start: the rule book refuses accepting (RULES_BROKEN).
    await ctx.db.query(`UPDATE teacher_profile SET vog_issued_on = '2025-06-01' WHERE id = $1`, [
      w.teacher.teacher.id,
    ]);
    const desk = await signedIn(w.schoolAdmin.user.email);
    await desk.getByRole('link', { name: 'Voorstellen' }).click();
    await desk
      .getByRole('link', { name: `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName}` })
      .click();
    await desk.getByRole('button', { name: 'Accepteren' }).click();
    const alert = desk.getByRole('alert');
    await alert.getByText(/^Dit voorstel kan niet worden geaccepteerd: De VOG van 2025-06-01 /).waitFor();
    await alert
      .getByText(/sla het voorstel af zodat de volgende matchronde een andere docent kan vinden\.$/)
      .waitFor();
    // Each broken rule is its own sentence (its code is not shown as a field name).
    expect(await alert.textContent()).not.toMatch(/This proposal|NL:|VOG: /);
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    await desk.getByRole('button', { name: 'English' }).click();
    await alert.getByText(/^This proposal cannot be accepted: The VOG issued 2025-06-01 /).waitFor();
    expect(await alert.textContent()).not.toMatch(/Dit voorstel|NL:/);
    expect(world.pageProblems).toEqual([]);
  });

  it('the school closes one request and withdraws another with a reason', async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const toClose = await ctx.newRequest(school);
    const toWithdraw = await ctx.newRequest(school);

    const desk = await signedIn(schoolAdmin.user.email);
    await desk.getByRole('link', { name: toClose.title }).click();
    await desk.getByRole('button', { name: 'Aanvraag sluiten' }).click();
    const closing = desk.getByRole('dialog', { name: 'Aanvraag sluiten' });
    await closing
      .getByText(`Voor "${toClose.title}" worden dan geen docenten meer gezocht.`, { exact: false })
      .waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await closing.getByRole('button', { name: 'Aanvraag sluiten' }).click();
    await desk.getByRole('heading', { name: 'Aanvragen' }).waitFor();
    await desk
      .getByRole('row', { name: new RegExp(toClose.title) })
      .getByText('Gesloten')
      .waitFor();

    // Withdrawing needs a reason: the API's field error shows at the field.
    await desk.getByRole('link', { name: toWithdraw.title }).click();
    await desk.getByRole('button', { name: 'Aanvraag intrekken' }).click();
    const withdrawing = desk.getByRole('dialog', { name: 'Aanvraag intrekken' });
    await withdrawing.getByRole('button', { name: 'Aanvraag intrekken' }).click();
    await withdrawing.getByText('is te kort').waitFor();
    expect(await withdrawing.getByLabel('Reden van intrekken').getAttribute('aria-invalid')).toBe('true');
    await withdrawing.getByLabel('Reden van intrekken').fill('De klas is samengevoegd met een andere groep.');
    await withdrawing.getByRole('button', { name: 'Aanvraag intrekken' }).click();
    await desk
      .getByRole('row', { name: new RegExp(toWithdraw.title) })
      .getByText('Ingetrokken')
      .waitFor();

    // Opened again, it says it was withdrawn and why; nothing left to close.
    await desk.getByRole('link', { name: toWithdraw.title }).click();
    await desk.getByText('Deze aanvraag is ingetrokken.').waitFor();
    await desk.getByText('De klas is samengevoegd met een andere groep.').waitFor();
    expect(await desk.getByRole('button', { name: 'Aanvraag sluiten' }).count()).toBe(0);
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    const statuses = await Promise.all(
      [toClose, toWithdraw].map(
        async (request) =>
          (await ctx.http.get(`/api/teaching-requests/${request.id}`).set(schoolAdmin.auth).expect(200)).body,
      ),
    );
    expect(statuses.map((request) => [request.status, request.statusReason])).toEqual([
      ['closed', null],
      ['cancelled', 'De klas is samengevoegd met een andere groep.'],
    ]);
    expect(world.pageProblems).toEqual([]);
  });

  it('the school changes a request it posted: the form holds it as posted, the change shows in the list', async () => {
    const { ctx } = world;
    const school = await ctx.newSchool((await ctx.newRegion()).id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const request = await ctx.newRequest(school);
    const title = `${request.title} voor BOL-3`;

    const desk = await signedIn(schoolAdmin.user.email);
    await desk.getByRole('link', { name: request.title }).click();
    await desk.getByRole('heading', { name: 'Aanvraag wijzigen' }).waitFor();
    const block = desk.getByRole('group', { name: 'Blok 1' });
    expect(await desk.getByLabel('Titel').inputValue()).toBe(request.title);
    expect(await desk.getByLabel('Laatste dag').inputValue()).toBe('2027-01-31');
    expect(await block.getByLabel('Einde').inputValue()).toBe('12:00');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    await desk.getByLabel('Titel').fill(title);
    await block.getByLabel('Einde').fill('12:30');
    await desk.getByLabel('Laatste dag').fill('2027-03-31');
    await desk.getByRole('button', { name: 'Opslaan' }).click();
    await desk.getByRole('heading', { name: 'Aanvragen' }).waitFor();
    const row = desk.getByRole('row').filter({ hasText: title });
    await row.getByText('dinsdag 09:00–12:30').waitFor();
    await row.getByText(/31 maart 2027/).waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    const saved = (
      await ctx.http.get(`/api/teaching-requests/${request.id}`).set(schoolAdmin.auth).expect(200)
    ).body;
    expect(saved).toMatchObject({ title, periodEnd: '2027-03-31', status: 'open' });
    expect(saved.blocks).toEqual([expect.objectContaining({ weekday: 2, start: '09:00', end: '12:30' })]);
    expect(world.pageProblems).toEqual([]);
  });

  it('the school reports that the teacher did not show up for last week’s lesson', async () => {
    const { ctx } = world;
    const w = await placementWithFirstLessonOn();

    const desk = await signedIn(w.schoolAdmin.user.email);
    await desk.getByRole('link', { name: 'Lessen' }).click();
    await desk.getByRole('button', { name: 'Vorige week' }).click();
    const row = desk.getByRole('row', { name: /dinsdag 18 augustus/ });
    await row.getByText('Gepland').waitFor();
    const outcome = row.getByRole('button', { name: 'Les van dinsdag 18 augustus 09:00: gegeven?' });
    await outcome.click();
    await desk.getByRole('menu').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await desk.getByRole('menuitem', { name: 'Niet gegeven (docent niet verschenen)' }).click();
    await row.getByText('Niet gegeven', { exact: true }).waitFor();
    expect(await outcome.count()).toBe(0);
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    const lessons = (
      await ctx.http
        .get('/api/lessons')
        .query({ from: '2026-08-17', to: '2026-08-23' })
        .set(w.schoolAdmin.auth)
        .expect(200)
    ).body.items;
    expect(lessons.map((lesson: { status: string }) => lesson.status)).toEqual(['not_given']);
    expect(world.pageProblems).toEqual([]);
  });

  it('a lesson another tab already cancelled: cancelling it again shows the API’s reason in Dutch, not a general sentence', async () => {
    const { ctx } = world;
    const w = await placementWithFirstLessonOn('2026-08-25');

    const desk = await signedIn(w.schoolAdmin.user.email);
    await desk.getByRole('link', { name: 'Lessen' }).click();
    const cancelButton = desk.getByRole('button', { name: 'Les van dinsdag 25 augustus 09:00 annuleren' });
    await cancelButton.waitFor();
    // Meanwhile another tab (the API, as the same school) cancels it; this page still offers to.
    const [lesson] = (
      await ctx.http
        .get('/api/lessons')
        .query({ from: '2026-08-25', to: '2026-08-25' })
        .set(w.schoolAdmin.auth)
        .expect(200)
    ).body.items;
    await ctx.http
      .post(`/api/lessons/${lesson.id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Studiedag' })
      .expect(200);

    await cancelButton.click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByLabel('Reden').fill('Examenweek');
    await dialog.getByRole('button', { name: 'Les annuleren' }).click();
    await dialog
      .getByRole('alert')
      .getByText('Deze les is geannuleerd; hij kan niet meer worden geannuleerd.', { exact: true })
      .waitFor();
    expect(await desk.getByText(/Dat kan niet \(meer\) in de huidige stand/).count()).toBe(0);
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it('the teacher answers in the app: a proposal the school declined meanwhile says so in Dutch; another is declined with a reason', async () => {
    const { ctx } = world;
    const w = await ctx.newProposalWorld();
    const other = await ctx.newRequest(w.school, { title: `Tweede praktijkles ${w.school.id.slice(0, 8)}` });
    const second = await ctx.newProposal(other, w.teacher.teacher);

    const phone = await signedIn(w.teacher.user.email, 'phone');
    await phone.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    await phone.getByRole('button', { name: 'Menu openen' }).click();
    await phone.getByRole('link', { name: 'Mijn voorstellen' }).click();
    const first = phone.getByRole('article').filter({ hasText: w.request.title });
    const stale = phone.getByRole('article').filter({ hasText: other.title });
    await stale.getByRole('button', { name: 'Accepteren' }).waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    // Meanwhile the school declines the second proposal; the page still offers to accept it.
    await ctx.http
      .post(`/api/proposals/${second.id}/answer`)
      .set(w.schoolAdmin.auth)
      .send({ decision: 'decline' })
      .expect(200);
    await stale.getByRole('button', { name: 'Accepteren' }).click();
    await stale
      .getByRole('alert')
      .getByText(
        'Dit voorstel is afgeslagen door de school; het kan niet meer door de docent worden geaccepteerd.',
        {
          exact: true,
        },
      )
      .waitFor();

    // The first is declined with a reason: it reads "Afgeslagen", the word of its status everywhere.
    await first.getByRole('button', { name: 'Afslaan' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Voorstel afslaan' });
    await dialog.getByLabel(/^Reden/).fill('Op dinsdag sta ik al voor een andere klas.');
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await dialog.getByRole('button', { name: 'Afslaan' }).click();
    await first.getByText('Afgeslagen', { exact: true }).waitFor();
    await stale.getByText('Afgeslagen', { exact: true }).waitFor();
    expect(await first.getByRole('button', { name: 'Afslaan' }).count()).toBe(0);
    const { body } = await ctx.http.get(`/api/proposals/${w.proposal.id}`).set(w.teacher.auth).expect(200);
    expect(body).toMatchObject({ status: 'declined', answers: { teacher: 'declined' } });
    expect(world.pageProblems).toEqual([]);
  });

  it('the teacher pages through their lessons four weeks at a time, by keyboard', async () => {
    const w = await placementWithFirstLessonOn();
    const lessonOn = (page: Page, day: string) => page.getByRole('heading', { name: new RegExp(`^${day},`) });

    const phone = await signedIn(w.teacher.user.email, 'phone');
    await phone.getByText('24 augustus 2026 tot en met 20 september 2026').waitFor();
    await lessonOn(phone, 'dinsdag 15 september').waitFor();
    expect(await phone.getByRole('button', { name: 'Vorige vier weken' }).isDisabled()).toBe(true);
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    const next = phone.getByRole('button', { name: 'Volgende vier weken' });
    await next.focus();
    await phone.keyboard.press('Enter');
    await phone.getByText('21 september 2026 tot en met 18 oktober 2026').waitFor();
    await lessonOn(phone, 'dinsdag 22 september').waitFor();
    await lessonOn(phone, 'dinsdag 13 oktober').waitFor();
    expect(await lessonOn(phone, 'dinsdag 15 september').count()).toBe(0);
    await phone.keyboard.press('Enter');
    await phone.getByText('19 oktober 2026 tot en met 15 november 2026').waitFor();
    await lessonOn(phone, 'dinsdag 3 november').waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    // Back a period, then to today, from the keyboard too.
    await phone.getByRole('button', { name: 'Vorige vier weken' }).focus();
    await phone.keyboard.press('Enter');
    await lessonOn(phone, 'dinsdag 22 september').waitFor();
    await phone.getByRole('button', { name: 'Vanaf vandaag' }).focus();
    await phone.keyboard.press('Enter');
    await phone.getByText('24 augustus 2026 tot en met 20 september 2026').waitFor();
    await lessonOn(phone, 'dinsdag 15 september').waitFor();
    expect(world.pageProblems).toEqual([]);
  });

  it('lists longer than a page: the teacher’s proposals and messages and the coordinator’s match runs show the rest on page 2', async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const teacher = await ctx.newTeacherUser((await ctx.newCompany(region.id)).id);
    // A page holds 25. The teacher gets 26 proposals (each with its message), the region 26 finished runs.
    const titles: string[] = [];
    for (let n = 1; n <= 26; n++) {
      const request = await ctx.newRequest(school, { title: `Praktijkles ${n} ${school.id.slice(0, 8)}` });
      await ctx.newProposal(request, teacher.teacher);
      titles.push(request.title);
    }
    const runs: Array<{ id: string }> = await ctx.db.query(
      `INSERT INTO match_run (region_id, status, requested_by_user_id, queued_at, started_at, finished_at, error)
       SELECT $1, 'failed', $2, at, at, at + interval '1 minute', 'stopped'
         FROM generate_series(1, 26) AS n, LATERAL (SELECT now() - n * interval '1 day' AS at) AS times
       RETURNING id`,
      [region.id, coordinator.user.id],
    );

    /** A list's rows on page 1, then on page 2 (its pager's next button): 25 and the one left. */
    const bothPages = async (page: Page, rows: () => Promise<string[]>) => {
      const shown = (count: number) =>
        waitFor(`${count} rows`, async () => {
          const texts = await rows();
          return texts.length === count ? texts : false;
        });
      const first = await shown(25);
      await page.getByRole('button', { name: 'Volgende pagina' }).click();
      const second = await waitFor('page 2', async () => {
        const texts = await rows();
        return texts.length === 1 && !first.includes(texts[0]) ? texts : false;
      });
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      return [...first, ...second].sort();
    };

    const desk = await signedIn(teacher.user.email);
    await desk.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    await desk.getByRole('link', { name: 'Mijn voorstellen' }).click();
    const headings = () => desk.getByRole('article').getByRole('heading').allTextContents();
    expect(await bothPages(desk, headings)).toEqual([...titles].sort());
    await desk.getByRole('link', { name: 'Berichten', exact: true }).click();
    expect(await bothPages(desk, headings)).toEqual(
      titles.map((title) => `Nieuw voorstel: ${title} / New proposal`).sort(),
    );

    const coordinatorDesk = await signedIn(coordinator.user.email);
    await coordinatorDesk.getByRole('link', { name: 'Matchen' }).click();
    const runLinks = () =>
      coordinatorDesk
        .getByRole('table')
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(await bothPages(coordinatorDesk, runLinks)).toEqual(
      runs.map((run) => `/app/match-runs/${run.id}`).sort(),
    );
    expect(world.pageProblems).toEqual([]);
  });

  it('after a lesson the teacher and the school each give feedback (once), and each reads back what they gave and got', async () => {
    const w = await placementWithFirstLessonOn();
    const lesson = 'dinsdag 18 augustus, 09:00–12:00';

    // The teacher gives feedback from their feedback page; then it shows as theirs, the button gone.
    const phone = await signedIn(w.teacher.user.email, 'phone');
    await phone.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    await phone.getByRole('button', { name: 'Menu openen' }).click();
    await phone.getByRole('link', { name: 'Feedback' }).click();
    const teachersLesson = phone.getByRole('article', { name: lesson });
    await teachersLesson.getByRole('button', { name: 'Feedback geven' }).click();
    await phone
      .getByRole('dialog')
      .getByLabel('Eén zin over de les')
      .fill('Goede groep, werkplaats op orde.');
    await phone.getByRole('dialog').getByRole('button', { name: 'Feedback versturen' }).click();
    await teachersLesson.getByText('Door u gegeven').waitFor();
    await teachersLesson.getByText('Goede groep, werkplaats op orde.').waitFor();
    await teachersLesson.getByText('4 van 5').waitFor();
    expect(await teachersLesson.getByRole('button', { name: 'Feedback geven' }).count()).toBe(0);
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    // The school gives its feedback from the lesson calendar (last week).
    const desk = await signedIn(w.schoolAdmin.user.email);
    await desk.getByRole('link', { name: 'Lessen' }).click();
    await desk.getByRole('button', { name: 'Vorige week' }).click();
    // The teacher's feedback already shows in the lesson's row, beside the button.
    const row = desk.getByRole('row', { name: /dinsdag 18 augustus/ });
    await row.getByText('Van de docent').waitFor();
    await row.getByText('Goede groep, werkplaats op orde.').waitFor();
    await row.getByRole('button', { name: 'Feedback geven' }).click();
    const dialog = desk.getByRole('dialog');
    // Five stars by keyboard (the rating's radios sit under its stars).
    const five = dialog.getByRole('radio', { name: '5', exact: true });
    await five.focus();
    await desk.keyboard.press('Enter');
    expect(await five.isChecked()).toBe(true);
    await dialog.getByLabel('Eén zin over de les').fill('Studenten waren enthousiast.');
    await dialog.getByRole('button', { name: 'Feedback versturen' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Given once: the school's own feedback shows in the row and the button is gone (a second would be refused).
    await row.getByText('Door u gegeven').waitFor();
    await row.getByText('Studenten waren enthousiast.').waitFor();
    await row.getByText('5 van 5').waitFor();
    expect(await row.getByRole('button', { name: 'Feedback geven' }).count()).toBe(0);
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    // On its placements page the school reads both: its own and the teacher's.
    await desk.getByRole('link', { name: 'Plaatsingen' }).click();
    const placed = desk.getByRole('article', { name: w.request.title });
    await placed.getByRole('button', { name: 'Feedback bekijken' }).click();
    const given = placed.getByText(/^Door u gegeven · dinsdag 18 augustus 09:00/).locator('xpath=../..');
    await given.getByText('Studenten waren enthousiast.').waitFor();
    await given.getByText('5 van 5').waitFor();
    const got = placed.getByText(/^Van de docent · dinsdag 18 augustus 09:00/).locator('xpath=../..');
    await got.getByText('Goede groep, werkplaats op orde.').waitFor();
    await got.getByText('4 van 5').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    // The teacher, signed in again, reads what the school gave beside their own.
    const later = await signedIn(w.teacher.user.email, 'phone');
    await later.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    await later.getByRole('button', { name: 'Menu openen' }).click();
    await later.getByRole('link', { name: 'Feedback' }).click();
    const answered = later.getByRole('article', { name: lesson });
    await answered.getByText('Van de school').waitFor();
    await answered.getByText('Studenten waren enthousiast.').waitFor();
    await answered.getByText('5 van 5').waitFor();
    await answered.getByText('Goede groep, werkplaats op orde.').waitFor();
    expect(await seriousAccessibilityProblems(later)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it("the coordinator's pages: flags that need attention, the region's school holidays changed in place, a failed match run in plain words", async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);

    // The dashboard (the coordinator's home): the shortage signals load on their own, and say so
    // while they do (their answer is held back until the loading state has been seen).
    let releaseShortages = () => {};
    const shortagesHeld = new Promise<void>((resolve) => (releaseShortages = resolve));
    const desk = await signedIn(coordinator.user.email, 'desk', (page) =>
      page.route('**/api/shortage-signals', async (route) => {
        await shortagesHeld;
        await route.continue();
      }),
    );
    const shortages = desk.getByRole('region', { name: 'Tekortsignalen' });
    await shortages.getByRole('status', { name: 'Laden…' }).waitFor();
    await desk.getByText('0 van 1.000 hybride docenten geplaatst').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    releaseShortages();
    await shortages.getByText('Nog geen tekortsignalen: die volgen na een matchronde.').waitFor();
    expect(await shortages.getByRole('status').count()).toBe(0);

    await desk.getByRole('link', { name: 'Aandacht nodig' }).click();
    await desk.getByText('Niets vraagt nu om aandacht.').waitFor();
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);

    await desk.getByRole('link', { name: 'Schoolvakanties' }).click();
    const autumnEnd = desk.getByLabel('Laatste vrije dag Herfstvakantie');
    expect(await autumnEnd.inputValue()).toBe('2026-10-25');
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    await autumnEnd.fill('2026-10-26');
    await desk.getByRole('button', { name: 'Herfstvakantie opslaan' }).click();
    await waitFor('the changed holiday', async () => {
      const { body } = await ctx.http
        .get('/api/school-holidays')
        .query({ schoolYear: '2026-2027', holidayRegion: 'midden' })
        .set(coordinator.auth);
      return body.find((holiday: { kind: string }) => holiday.kind === 'autumn')?.endDate === '2026-10-26';
    });

    // A run that failed: the coordinator reads a plain sentence, never the raw cause.
    const run = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId: region.id })
      .expect(202);
    await ctx.db.query(
      `UPDATE match_run SET status = 'failed', error = 'QueryFailedError: deadlock detected', finished_at = now() WHERE id = $1`,
      [run.body.id],
    );
    await desk.goto(world.url(`/app/match-runs/${run.body.id}`));
    const failed = desk.getByRole('alert');
    await failed.getByText('De matchronde is mislukt').waitFor();
    await failed.getByText(/^De matchronde kon niet worden afgerond\. Start hem opnieuw/).waitFor();
    expect(await desk.getByText(/QueryFailedError/).count()).toBe(0);
    expect(await seriousAccessibilityProblems(desk)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });
});
