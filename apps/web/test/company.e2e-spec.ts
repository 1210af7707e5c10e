import { linkIn, pathOf, waitForMail } from '../../../test/support/mailbox';
import { BEFORE_TERM, TERMS } from '../../../test/support/proposal-terms';
import { TestContext } from '../../../test/support/test-context';
import type { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { BrowserWorld, seriousAccessibilityProblems, startWorldWithWorker } from './support/browser';

const HEADER =
  'employee_ref;first_name;last_name;skills;levels;windows;released_days_per_week;released_hours_per_week;available_from;home_city;home_latitude;home_longitude;max_travel_km;contract_hours_per_week;vog_issued_on;qualification;qualification_since';
const ROW_1 =
  'E-1001;Sanne;de Vries;elektrotechniek:MBO3;MBO3;ma 08:30-16:30;1;6;2026-09-01;Amersfoort;52.1561;5.3878;40;36;2026-06-14;none;';
const ROW_2 =
  'E-1002;Femke;Bakker;werktuigbouwkunde:MBO4;MBO4;do 08:30-16:30;1;8;2026-09-01;Hengelo;52.2658;6.7931;50;32;2026-07-02;pdg_in_progress;2025-09-01';
/** Line 4 of the file: a day of the month that does not exist, and PDG in progress without the date it started. */
const bad = (availableFrom: string, qualification = 'pdg_in_progress;') =>
  `E-1003;Daan;Visser;ict:MBO4;MBO4;2 13:00-17:00;1;4;${availableFrom};Eindhoven;51.4416;5.4697;25;36;;${qualification}`;
const csv = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

/**
 * A company's HR person in the browser, against the real API, worker, database, Redis and SMTP:
 * signs in from the invite e-mail, imports staff from a CSV file with a bad line (the error shows
 * at that line and column; fixed and uploaded again) and sees their VOG and PDG status; invites a
 * staff member, whose invite e-mail signs them in to their own pages.
 */
describe('web app: the company, from the invite to the staff list (browser)', () => {
  let world: BrowserWorld;
  let smtp: SmtpTestServer;
  let close: () => Promise<void>;

  // The real clock: the sign-in cookie expires 10 hours after the product's now, as the browser counts.
  beforeAll(async () => {
    ({ world, smtp, close } = await startWorldWithWorker());
  });

  // Under load the worker may take a while to finish its jobs in flight before it closes.
  afterAll(() => close?.(), 120_000);

  it('signs in from the invite e-mail, imports a CSV with a bad line, fixes it and sees the staff with their compliance', async () => {
    const { ctx } = world;
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const admin = await ctx.newAdmin();
    const email = `hr-${company.id.slice(0, 8)}@example.test`;
    await ctx.http
      .post('/api/users/invites')
      .set(admin.auth)
      .send({ email, name: 'Hanna de Haan', role: 'company_admin', organisationId: company.id })
      .expect(202);

    // The invite's link opens the page to choose a password; it signs in and leads to the app.
    const invite = linkIn(
      await waitForMail(smtp, email, /uitnodiging/i),
      ctx.config.http.publicUrl,
      '/invite',
    );
    const page = await world.newPage();
    await page.goto(world.url(pathOf(invite)));
    await page.getByLabel(/Kies een wachtwoord/).fill('een-lang-wachtwoord-2026');
    await page.getByRole('button', { name: /Wachtwoord opslaan/ }).click();
    await page.getByRole('link', { name: 'Naar HybridMatch' }).click();
    await page.getByRole('heading', { name: 'Medewerkers' }).waitFor();
    await page.getByText('Nog geen medewerkers.').waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents(),
    ).toEqual(['Medewerkers', 'Voorstellen', 'Plaatsingen en kosten', 'Accounts', 'Berichten']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The page to add one staff member by hand (scanned, not submitted).
    await page.getByRole('link', { name: 'Medewerker toevoegen' }).click();
    await page.getByRole('heading', { name: 'Medewerker toevoegen' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Medewerkers', exact: true }).click();
    await page.getByText('Nog geen medewerkers.').waitFor();

    // A file with a bad line: nothing is imported, and the errors show in Dutch at line 4, in the columns
    // available_from (the date's format) and qualification_since (a rule the API checks itself).
    await page.getByRole('link', { name: 'CSV importeren' }).click();
    await page.getByRole('heading', { name: 'Medewerkers importeren' }).waitFor();
    const file = page.locator('input[type="file"]');
    await file.setInputFiles({
      name: 'personeel.csv',
      mimeType: 'text/csv',
      buffer: csv(ROW_1, ROW_2, bad('01-03-2026')),
    });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('Het bestand heeft fouten; er is niets geïmporteerd.').waitFor();
    await page.getByText('1 van 3 regels heeft een fout').waitFor();
    const line4 = page.getByRole('row', { name: 'Regel 4' });
    expect(await line4.getByRole('cell').allTextContents()).toEqual([
      'E-1003',
      'Daan',
      'Visser',
      '01-03-2026moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2026-09-01',
      '(leeg)is verplicht bij PDG in opleiding: de datum waarop de PDG-opleiding begon',
      '',
    ]);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual([
      'Regel',
      'employee_ref',
      'first_name',
      'last_name',
      'available_from',
      'qualification_since',
      'Overige fouten',
    ]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The fixed file imports all three.
    await file.setInputFiles({
      name: 'personeel.csv',
      mimeType: 'text/csv',
      buffer: csv(ROW_1, ROW_2, bad('2026-03-02', 'none;')),
    });
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('3 nieuw, 0 bijgewerkt, 0 uitgenodigd (gelezen als utf-8).').waitFor();
    expect(await page.getByRole('row', { name: 'Regel 4' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Naar de medewerkers' }).click();

    // The staff list: the VOG's last start day, the PDG deadline, the hours.
    await page.getByText('3 medewerkers').waitFor();
    const femke = page.getByRole('row').filter({ hasText: 'Femke Bakker' });
    await femke.getByText('PDG uiterlijk 31 augustus 2027').waitFor();
    await femke.getByText('Start mogelijk t/m 2 januari 2027').waitFor();
    await femke.getByText('8 uur per week, 1 dag').waitFor();
    await page.getByRole('row').filter({ hasText: 'Daan Visser' }).getByText('Geen VOG').waitFor();

    // Sorted by the API: missing VOG first, then the oldest; then by the hours released.
    const names = () => page.getByRole('table').getByRole('link').allTextContents();
    const sortBy = async (option: string, sort: string) => {
      const sorted = page.waitForResponse(
        (response) => response.url().includes('/api/teachers?') && response.url().includes(`sort=${sort}`),
      );
      await page.getByRole('combobox', { name: 'Sorteren op' }).click();
      await page.getByRole('option', { name: option }).click();
      await sorted;
    };
    await sortBy('VOG: ontbrekend en oudste eerst', 'vog');
    await page.getByRole('row').nth(1).filter({ hasText: 'Daan Visser' }).waitFor();
    expect(await names()).toEqual(['Daan Visser', 'Sanne de Vries', 'Femke Bakker']);
    await sortBy('Vrijgemaakte uren: meeste eerst', '-releasedHours');
    await page.getByRole('row').nth(1).filter({ hasText: 'Femke Bakker' }).waitFor();
    expect(await names()).toEqual(['Femke Bakker', 'Sanne de Vries', 'Daan Visser']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await world.screenshot(page, 'company-staff');

    // A name opens the profile, where a refused change shows its reason at the field.
    await page.getByRole('link', { name: 'Femke Bakker' }).click();
    await page.getByRole('heading', { name: 'Femke Bakker' }).waitFor();
    await page.getByLabel('Maximale reisafstand (km)').fill('900');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Niet alle velden zijn goed ingevuld.').waitFor();
    expect(await page.getByLabel('Maximale reisafstand (km)').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it('invites a staff member to the app, linked to their profile; the invite e-mail signs them in to their own pages', async () => {
    const { ctx } = world;
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const hr = await ctx.newCompanyAdmin(company.id);
    const staff = await ctx.newTeacher(company.id);
    const name = `${staff.firstName} ${staff.lastName}`;
    const email = `docent-${company.id.slice(0, 8)}@example.test`;

    const page = await world.newPage();
    await page.goto(world.url('/app/'));
    await world.signIn(page, hr.user.email);
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Iemand uitnodigen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Naam').fill(name);
    await dialog.getByLabel('E-mailadres').fill(email);
    await dialog.getByRole('combobox', { name: 'Medewerker' }).click();
    await page.getByRole('option', { name }).click();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await page.getByText(`De uitnodiging is verstuurd naar ${email}.`).waitFor();

    // The invite's link: a password, then the app opens on the teacher's own home page.
    const invite = linkIn(
      await waitForMail(smtp, email, /uitnodiging/i),
      ctx.config.http.publicUrl,
      '/invite',
    );
    const phone = await world.newPage('phone');
    await phone.goto(world.url(pathOf(invite)));
    await phone.getByLabel(/Kies een wachtwoord/).fill('een-lang-wachtwoord-2026');
    await phone.getByRole('button', { name: /Wachtwoord opslaan/ }).click();
    await phone.getByRole('link', { name: 'Naar HybridMatch' }).click();
    await phone.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
    const profile = (await ctx.http.get(`/api/teachers/${staff.id}`).set(hr.auth).expect(200)).body;
    expect(profile.userId).toEqual(expect.any(String));
    expect(world.pageProblems).toEqual([]);
  });

  it('adds a staff member through the form: a missing field is named at the field, then the profile and the list show them', async () => {
    const { ctx } = world;
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const hr = await ctx.newCompanyAdmin(company.id);
    const page = await world.newPage();
    await page.goto(world.url('/app/'));
    await world.signIn(page, hr.user.email);
    await page.getByRole('link', { name: 'Medewerker toevoegen' }).click();
    await page.getByRole('heading', { name: 'Medewerker toevoegen' }).waitFor();

    await page.getByLabel('Personeelsnummer').fill('E-2001');
    await page.getByLabel('Voornaam').fill('Joost');
    await page.getByLabel('Achternaam').fill('Smit');
    await page.getByRole('combobox', { name: 'Vak 1' }).fill('Elektro');
    await page.getByRole('option', { name: 'Elektrotechniek (elektrotechniek)' }).click();
    // The levels list opens from the keyboard (its input sits under the chosen levels' pills).
    await page.getByRole('combobox', { name: /^Niveaus die de medewerker lesgeeft/ }).press('ArrowDown');
    await page.getByRole('option', { name: 'MBO3', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Beschikbaar vanaf').fill('2026-09-01');
    await page.getByLabel('Breedtegraad woonplaats').fill('52.0907');
    await page.getByLabel('Lengtegraad woonplaats').fill('5.1214');
    await page.getByLabel('VOG afgegeven op').fill('2026-08-01');
    await page.getByRole('button', { name: 'Beschikbaar moment toevoegen' }).click();
    await page.getByLabel('Van 1').fill('09:00');
    await page.getByLabel('Tot 1').fill('16:00');

    // No home town: the API's reason shows at that field, and nothing is added.
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await page.getByText('Niet alle velden zijn goed ingevuld.').waitFor();
    expect(await page.getByLabel(/^Woonplaats/).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByLabel(/^Woonplaats/).fill('Utrecht');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await page.getByRole('heading', { name: 'Joost Smit' }).waitFor();
    expect(await page.getByLabel('Personeelsnummer').inputValue()).toBe('E-2001');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // Two saves in a row on the profile: the second answers to the version the first one made.
    for (const city of ['Amersfoort', 'Utrecht']) {
      await page.getByLabel(/^Woonplaats/).fill(city);
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await page.getByText('Opgeslagen.').waitFor();
    }
    await page.getByRole('link', { name: 'Medewerkers', exact: true }).click();
    await page.getByText('1 medewerker').waitFor();
    await page.getByRole('row').filter({ hasText: 'Joost Smit' }).getByText('E-2001').waitFor();

    const { items } = (await ctx.http.get('/api/teachers').set(hr.auth).expect(200)).body;
    expect(items).toEqual([
      expect.objectContaining({
        employeeRef: 'E-2001',
        firstName: 'Joost',
        lastName: 'Smit',
        skills: [{ subjectCode: 'elektrotechniek', level: 'MBO3' }],
        levels: ['MBO3'],
        windows: [{ weekday: 1, start: '09:00', end: '16:00' }],
        homeCity: 'Utrecht',
        availableFrom: '2026-09-01',
      }),
    ]);
    expect(world.pageProblems).toEqual([]);
  });
});

/** The company accepts a proposal in the browser and sees where its staff teach, with the costs. */
describe('web app: the company, proposals and costs (browser)', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start(await TestContext.create({ HM_NOW: BEFORE_TERM }));
  });

  // Under load the worker may take a while to finish its jobs in flight before it closes.
  afterAll(() => world?.close(), 120_000);

  it('accepts a proposal for the company and shows where the staff teach, with the cost per placement and in total', async () => {
    const { ctx } = world;
    const w = await ctx.newProposalWorld();
    const name = `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName}`;
    await ctx.http
      .post(`/api/organisations/${w.company.id}/rate-card`)
      .set(w.companyAdmin.auth)
      .send({ role: 'guest_teacher', hourlyRateCents: 9500, validFrom: '2026-01-01' })
      .expect(201);

    const page = await world.newPage();
    await page.goto(world.url('/app/company-proposals'));
    await world.signIn(page, w.companyAdmin.user.email);
    await page.getByRole('heading', { name: 'Voorstellen' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Bedrijf: nog niet').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await row.getByRole('button', { name: `Accepteren: ${name}` }).click();
    // Answered for the company; the teacher and the school still answer for themselves.
    await row.getByText('Bedrijf: geaccepteerd').waitFor();
    expect(await row.getByRole('button', { name: `Accepteren: ${name}` }).count()).toBe(0);

    // Teacher and school accept, the coordinator approves: the placement and its cost.
    for (const party of [w.teacher, w.schoolAdmin])
      await ctx.http
        .post(`/api/proposals/${w.proposal.id}/answer`)
        .set(party.auth)
        .send({ decision: 'accept' })
        .expect(200);
    const { hourlyRateCents: _card, ...terms } = TERMS;
    await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send(terms)
      .expect(200);
    const listed = (await ctx.http.get('/api/placements').set(w.companyAdmin.auth).expect(200)).body;
    const [placement] = listed.items;
    const euros = (cents: number) =>
      `€ ${(cents / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}`;

    await page.getByRole('link', { name: 'Plaatsingen en kosten' }).click();
    await page.getByRole('heading', { name: 'Waar mijn mensen lesgeven' }).waitFor();
    await page.getByRole('link', { name }).waitFor();
    const placed = page.getByRole('row').filter({ hasText: w.school.name });
    await placed.getByText('€ 95,00').waitFor();
    await placed.getByText(euros(placement.cost.totalCents)).waitFor();
    // The total is the API's, over every placement of the company (not added up in the browser).
    expect(listed.cost).toEqual(placement.cost);
    await page
      .getByText(`Totaal ${euros(listed.cost.totalCents)} voor ${listed.cost.hours} uur les in 1 plaatsing`)
      .waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await world.screenshot(page, 'company-placements');
    // One employee's placements and their total.
    await page.getByRole('button', { name: `Alleen ${name}` }).click();
    await page
      .getByText(
        `Totaal ${name}: ${euros(listed.cost.totalCents)} voor ${listed.cost.hours} uur les in 1 plaatsing`,
      )
      .waitFor();
    await page.getByRole('button', { name: 'Alle medewerkers tonen' }).click();
    await page.getByRole('button', { name: `Alleen ${name}` }).waitFor();
    expect(world.pageProblems).toEqual([]);
  });
});
