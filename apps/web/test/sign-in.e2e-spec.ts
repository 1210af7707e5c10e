import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TEST_PASSWORD, TestContext } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';
import type { Locator } from 'playwright-core';
import { BrowserWorld, seriousAccessibilityProblems } from './support/browser';

/**
 * A coordinator signs in, sees the region's progress, keeps the sign-in over a reload (the
 * refresh cookie; no token in storage), switches to English and signs out; the same by keyboard
 * alone; the dashboard's error states in both languages.
 */
describe('web app: sign-in and the coordinator dashboard (browser)', () => {
  let world: BrowserWorld;
  beforeAll(async () => {
    world = await BrowserWorld.start(await TestContext.create());
  });
  afterAll(() => world.close());

  it('signs in from a deep link, stays signed in over a reload, speaks English on request, signs out', async () => {
    const { ctx } = world;
    const region = await ctx.newRegion();
    const { user } = await ctx.newCoordinator(region.id);
    await ctx.newRequest(await ctx.newSchool(region.id));
    const page = await world.newPage();

    await page.goto(world.url('/app/dashboard'));
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await world.signIn(page, user.email);

    await page.getByRole('heading', { name: 'Voortgang' }).waitFor();
    await page.getByText('0 van 1.000 hybride docenten geplaatst').first().waitFor();
    await page.getByRole('cell', { name: 'elektrotechniek' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents(),
    ).toEqual(['Dashboard', 'Goedkeuren', 'Matchen', 'Aandacht nodig', 'Schoolvakanties', 'Berichten']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(storage).not.toMatch(/token|eyJ/i);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({
      name: 'hm_refresh',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Voortgang' }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Progress' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Progress' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.context().cookies()).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it('works from the keyboard alone: sign in, skip to the content, open a page from the menu', async () => {
    const { ctx } = world;
    const { user } = await ctx.newCoordinator((await ctx.newRegion()).id);
    const page = await world.newPage();
    const isFocused = (locator: Locator) => locator.evaluate((element) => element.matches(':focus'));
    /** Presses `key` (Tab or Shift+Tab) until `locator` has the focus; fails after 20 presses. */
    const moveTo = async (locator: Locator, key = 'Tab') => {
      for (let presses = 0; presses < 20; presses++) {
        if (await isFocused(locator)) return;
        await page.keyboard.press(key);
      }
      throw new Error(`${key} never reached ${locator.toString()}`);
    };

    await page.goto(world.url('/app/'));
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await moveTo(page.getByLabel('E-mailadres'));
    await page.keyboard.type(user.email);
    await moveTo(page.getByLabel('Wachtwoord'));
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Voortgang' }).waitFor();

    // The first stop is the skip link; it moves the focus to the page's content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await isFocused(skip)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await waitFor('the content to have the focus', () => isFocused(page.locator('#main')));

    // Back from the content into the menu, and a page opened with Enter.
    await moveTo(
      page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Matchen' }),
      'Shift+Tab',
    );
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Matchrondes' }).waitFor();
    await moveTo(page.getByRole('button', { name: 'Matchen starten' }));
    expect(world.pageProblems).toEqual([]);
  });

  it("a page whose data cannot load says why in the reader's language: the API's problem, or no connection", async () => {
    const { ctx } = world;
    const { user } = await ctx.newCoordinator((await ctx.newRegion()).id);
    const page = await world.newPage();
    // The progress answers with a problem+json: a Dutch reader gets the app's sentence for its code,
    // not its English detail.
    const progress = (url: URL) => url.pathname === '/api/progress';
    await page.route(progress, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
          detail: 'The database is not reachable.',
        }),
      }),
    );
    await page.goto(world.url('/app/dashboard'));
    await world.signIn(page, user.email);
    const alert = page.getByRole('alert');
    await alert
      .getByText('De dienst is even niet beschikbaar. Probeer het over een minuut opnieuw.')
      .waitFor();
    expect(await page.getByText('The database is not reachable.').count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await alert.getByText('The service is briefly unavailable. Try again in a minute.').waitFor();

    // The progress answers again, the shortage signals not at all: their section says so.
    await page.unroute(progress);
    await page.route(
      (url) => url.pathname === '/api/shortage-signals',
      (route) => route.abort('connectionrefused'),
    );
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'Voortgang' }).waitFor();
    await page
      .getByRole('region', { name: 'Tekortsignalen' })
      .getByRole('alert')
      .getByText('De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.')
      .waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(world.pageProblems).toEqual([]);
  });

  it('keeps the initial script within 250 kB gzipped (pages load lazily)', () => {
    const dist = join(__dirname, '..', '..', '..', 'dist', 'web');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
    const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);
    expect(initial.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(250 * 1024);
  });
});
