import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { AxeResults } from 'axe-core';
import type { INestApplicationContext } from '@nestjs/common';
import { type Browser, chromium, type Page } from 'playwright-core';
import { SmtpTestServer } from '../../../../test/support/smtp-test-server';
import { TEST_PASSWORD, TestContext } from '../../../../test/support/test-context';
import { startWorker } from '../../../worker/src/main';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it); no browser download. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Playwright adds --headless and a fresh temporary profile (--user-data-dir) to these. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * One browser test file's world: the real API (TestContext: own database and Redis prefix)
 * listening on a free port, the web app it serves, and Chromium.
 */
export class BrowserWorld {
  /**
   * Console messages that break a page (or a tab it opened): script errors and
   * Content-Security-Policy refusals.
   */
  readonly pageProblems: string[] = [];

  private constructor(
    readonly ctx: TestContext,
    readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async start(ctx: TestContext): Promise<BrowserWorld> {
    await ctx.app.listen(0, '127.0.0.1');
    const { port } = ctx.app.getHttpServer().address() as AddressInfo;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return new BrowserWorld(ctx, browser, `http://127.0.0.1:${port}`);
  }

  /** A new browser profile (no cookies, no stored language) on a phone or a desk. */
  async newPage(viewport: 'desk' | 'phone' = 'desk'): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: viewport === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 800 },
      locale: 'nl-NL',
    });
    // Every page of the profile from its start: this one and any it opens (a link in a new tab).
    context.on('page', (page) => {
      page.on('pageerror', (error) => this.pageProblems.push(error.message));
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) this.pageProblems.push(message.text());
      });
    });
    return context.newPage();
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  async signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }

  /**
   * With HM_SCREENSHOTS=1, saves the page as docs/screenshots/<name>.png (the README shows them);
   * otherwise does nothing, so a test run leaves the checkout as it was.
   */
  async screenshot(page: Page, name: string): Promise<void> {
    if (!process.env.HM_SCREENSHOTS) return;
    const folder = join(__dirname, '..', '..', '..', '..', 'docs', 'screenshots');
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.ctx.close();
  }
}

/**
 * A world whose jobs run (match runs, e-mails): an in-process SMTP server, the API with the
 * product's clock starting at `now` (left out: the real time, which a sign-in cookie's expiry needs
 * when the test follows it), a worker on the same database and Redis prefix, and Chromium.
 */
export async function startWorldWithWorker(now?: string) {
  const smtp = await SmtpTestServer.start();
  const ctx = await TestContext.create({
    ...(now && { HM_NOW: now }),
    SMTP_URL: smtp.url,
    MAIL_FROM: 'HybridMatch <noreply@hybridmatch.test>',
  });
  const worker: INestApplicationContext = await startWorker(ctx.config, { logger: false });
  let world: BrowserWorld;
  try {
    world = await BrowserWorld.start(ctx);
  } catch (error) {
    // No browser (or no port): stop what did start, so jest can end.
    await worker.close();
    await ctx.close();
    await smtp.close();
    throw error;
  }
  return {
    world,
    smtp,
    close: async () => {
      await worker.close();
      await world.close();
      await smtp.close();
    },
  };
}

/**
 * axe-core on the page as it is now: the WCAG 2.2 A/AA rules, none left out (the third-party
 * queue dashboard included); serious and critical findings fail.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate<AxeResults>(
    `axe.run({ runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })`,
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} (${node.failureSummary ?? ''})`).join(', ')}`,
    );
}
