import { waitForMail } from '../../../test/support/mailbox';
import { FAILED_FOR_GOOD, insertPendingNotification } from '../../../test/support/notification-fixtures';
import { Organisation, Region } from '../../../libs/database/src';
import { QUEUES } from '../../../libs/queue/src';
import type { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { BrowserWorld, seriousAccessibilityProblems, startWorldWithWorker } from './support/browser';

/**
 * The platform admin in the browser, against the real API, worker, database, Redis and SMTP: adds
 * and changes a region, lists the organisations and changes one, invites a company's admin and sends the invite again, and
 * resends a failed e-mail, which then arrives.
 */
describe('web app: the platform admin (browser)', () => {
  let world: BrowserWorld;
  let smtp: SmtpTestServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ world, smtp, close } = await startWorldWithWorker());
  });

  // Under load the worker may take a while to finish its jobs in flight before it closes.
  afterAll(() => close?.(), 120_000);

  it('manages regions, organisations and accounts, and resends a failed e-mail', async () => {
    const { ctx } = world;
    const admin = await ctx.newAdmin();
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const recipient = await ctx.newCompanyAdmin(company.id);
    const failed = await insertPendingNotification(ctx.db, recipient.user.id, FAILED_FOR_GOOD);

    const page = await world.newPage();
    await page.goto(world.url('/app/'));
    await world.signIn(page, admin.user.email);
    await page.getByRole('heading', { name: 'Voortgang' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents(),
    ).toEqual([
      'Dashboard',
      'Goedkeuren',
      'Matchen',
      'Aandacht nodig',
      'Schoolvakanties',
      "Regio's",
      'Organisaties',
      'Accounts',
      'Mislukte e-mails',
      'Berichten',
    ]);

    // A new region, with its holiday region.
    await page.getByRole('link', { name: "Regio's" }).click();
    await page.getByRole('heading', { name: "Regio's" }).waitFor();
    await page.getByLabel('Code').fill('sto-achterhoek');
    await page.getByLabel('Naam').fill('STO Achterhoek');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('row').filter({ hasText: 'sto-achterhoek' }).getByText('Midden').waitFor();
    await page.getByLabel('Code').fill('sto-achterhoek');
    await page.getByLabel('Naam').fill('Achterhoek, nog een keer');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByText('Deze regiocode bestaat al.').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The region renamed and moved to another holiday region; its code stays.
    await page.getByRole('button', { name: 'Wijzigen: STO Achterhoek' }).click();
    const regionDialog = page.getByRole('dialog', { name: 'Regio STO Achterhoek wijzigen' });
    await regionDialog.getByLabel('Naam').fill('STO Oost-Achterhoek');
    await regionDialog.getByRole('combobox', { name: 'Vakantieregio' }).click();
    await page.getByRole('option', { name: 'Zuid' }).click();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await regionDialog.getByRole('button', { name: 'Opslaan' }).click();
    await regionDialog.waitFor({ state: 'detached' });
    const regionRow = page.getByRole('row').filter({ hasText: 'sto-achterhoek' });
    await regionRow.getByText('STO Oost-Achterhoek').waitFor();
    await regionRow.getByText('Zuid').waitFor();
    expect(await ctx.db.getRepository(Region).findOneByOrFail({ code: 'sto-achterhoek' })).toMatchObject({
      name: 'STO Oost-Achterhoek',
      holidayRegion: 'zuid',
    });

    // The organisations, filtered by kind; one renamed, moved to that region and given a KvK number, then cleared.
    await page.getByRole('link', { name: 'Organisaties' }).click();
    await page.getByRole('cell', { name: company.name, exact: true }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: `Wijzigen: ${company.name}` }).click();
    const organisationDialog = page.getByRole('dialog', { name: `${company.name} wijzigen` });
    await organisationDialog.getByLabel('KvK-nummer').fill('1234');
    await organisationDialog.getByRole('button', { name: 'Opslaan' }).click();
    await organisationDialog.getByText('moet 8 cijfers zijn').waitFor();
    await organisationDialog.getByLabel('KvK-nummer').fill('12345678');
    await organisationDialog.getByLabel('Naam').fill(`${company.name} Holding`);
    await organisationDialog.getByRole('combobox', { name: 'Regio' }).click();
    await page.getByRole('option', { name: 'STO Oost-Achterhoek' }).click();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await organisationDialog.getByRole('button', { name: 'Opslaan' }).click();
    await organisationDialog.waitFor({ state: 'detached' });
    await page
      .getByRole('row')
      .filter({ hasText: `${company.name} Holding` })
      .getByText('STO Oost-Achterhoek')
      .waitFor();
    expect(await ctx.db.getRepository(Organisation).findOneByOrFail({ id: company.id })).toMatchObject({
      name: `${company.name} Holding`,
      kvkNumber: '12345678',
    });
    // Emptying the field clears the KvK number.
    await page.getByRole('button', { name: `Wijzigen: ${company.name} Holding` }).click();
    const again = page.getByRole('dialog', { name: `${company.name} Holding wijzigen` });
    await again.getByLabel('KvK-nummer').fill('');
    await again.getByRole('button', { name: 'Opslaan' }).click();
    await again.waitFor({ state: 'detached' });
    expect(await ctx.db.getRepository(Organisation).findOneByOrFail({ id: company.id })).toMatchObject({
      kvkNumber: null,
    });

    // Invite a company's admin; send the invite again.
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Iemand uitnodigen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Naam').fill('Jeroen Bakker');
    await dialog.getByLabel('E-mailadres').fill('j.bakker@example.test');
    await dialog.getByRole('combobox', { name: 'Rol' }).click();
    await page.getByRole('option', { name: 'Bedrijf' }).click();
    await dialog.getByRole('combobox', { name: 'Organisatie' }).click();
    await page.getByRole('option', { name: company.name }).click();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await page.getByText('De uitnodiging is verstuurd naar j.bakker@example.test.').waitFor();
    await waitForMail(smtp, 'j.bakker@example.test', /uitnodiging/i);
    await page.getByRole('button', { name: 'Opnieuw sturen: Jeroen Bakker' }).click();
    await page.getByText('De uitnodiging voor Jeroen Bakker is opnieuw verstuurd.').waitFor();
    await waitForMail(smtp, 'j.bakker@example.test', /uitnodiging/i, 2);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The failed e-mail: chosen and sent again, it arrives.
    await page.getByRole('link', { name: 'Mislukte e-mails' }).click();
    await page.getByRole('heading', { name: 'Mislukte e-mails' }).waitFor();
    // The queue dashboard opens in a new tab, on a ticket cookie the API set for it alone. Every
    // request of that tab is recorded from its start (the context sees the popup's first request).
    const requested: string[] = [];
    page.context().on('request', (request) => requested.push(request.url()));
    const [dashboard] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('link', { name: 'wachtrijdashboard' }).click(),
    ]);
    await dashboard.waitForURL(world.url('/admin/queues'));
    await dashboard.getByText(QUEUES.notifications, { exact: true }).first().waitFor();
    expect((await dashboard.context().cookies()).filter((cookie) => cookie.name === 'hm_queues')).toEqual([
      expect.objectContaining({ path: '/admin/queues', httpOnly: true, sameSite: 'Strict' }),
    ]);
    // Bull Board is a third-party UI; what we repair of it (queue-dashboard-page.ts, its theme in
    // queue-dashboard.module.ts) must hold, so every WCAG 2.2 A/AA rule runs here as on our pages:
    // the overview, a queue's menu open, a queue's job list and a job's page. Its icon-only
    // buttons are named by what they do.
    const header = dashboard.getByRole('banner');
    for (const name of ['Redis details', 'Full screen', 'Settings']) {
      await header.getByRole('button', { name, exact: true }).waitFor();
    }
    await dashboard.getByRole('button', { name: 'Actions for all queues' }).waitFor();
    expect(await seriousAccessibilityProblems(dashboard)).toEqual([]);
    expect(await dashboard.title()).toBe('HybridMatch wachtrijen');
    await dashboard.getByRole('button', { name: `Actions for queue ${QUEUES.notifications}` }).click();
    await dashboard.getByRole('menuitem', { name: 'Obliterate' }).waitFor();
    expect(await seriousAccessibilityProblems(dashboard)).toEqual([]);
    await dashboard.keyboard.press('Escape');
    await dashboard.getByRole('menu').waitFor({ state: 'detached' });
    await dashboard.getByRole('link', { name: QUEUES.notifications, exact: true }).first().click();
    await dashboard.getByRole('button', { name: 'Copy to clipboard' }).first().waitFor();
    await dashboard.getByRole('button', { name: `Actions for queue ${QUEUES.notifications}` }).waitFor();
    expect(await seriousAccessibilityProblems(dashboard)).toEqual([]);
    await dashboard
      .getByRole('link', { name: /^repeat:reconcile-notifications:/ })
      .first()
      .click();
    // Its actions depend on its state (done or waiting for its time); these two it always has.
    await dashboard.getByRole('button', { name: 'Duplicate', exact: true }).waitFor();
    await dashboard.getByRole('button', { name: 'Clean', exact: true }).waitFor();
    expect(await seriousAccessibilityProblems(dashboard)).toEqual([]);
    // The board's template links Google Fonts; we take that out, so the admin's browser asks no
    // one but us for anything (nor does its CSP refuse anything: world.pageProblems below).
    expect(requested.filter((url) => !url.startsWith(world.baseUrl))).toEqual([]);
    await dashboard.close();
    await page.getByRole('checkbox', { name: `Kiezen: ${failed.subject}` }).check();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await world.screenshot(page, 'admin-failed-notifications');
    await page.getByRole('button', { name: 'Opnieuw versturen (1)' }).click();
    await page.getByText('1 e-mail staat klaar om opnieuw te versturen.').waitFor();
    await waitForMail(smtp, recipient.user.email, new RegExp(failed.subject));
    await page.getByText('Geen mislukte e-mails.').waitFor();
    expect(world.pageProblems).toEqual([]);
  });
});
