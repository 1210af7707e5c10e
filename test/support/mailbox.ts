import { DataSource } from 'typeorm';
import { ReceivedEmail, SmtpTestServer } from './smtp-test-server';
import { waitFor } from './wait-for';
import { Notification, NotificationKind } from '../../libs/database/src';

/** The e-mails the test SMTP server accepted for one address, oldest first. */
export const mailsTo = (smtp: SmtpTestServer, address: string): ReceivedEmail[] =>
  smtp.received.filter((email) => email.envelopeTo.includes(address.toLowerCase()));

/** Waits until `address` has received at least `count` e-mails whose subject matches, and returns the last of them. */
export async function waitForMail(
  smtp: SmtpTestServer,
  address: string,
  subject: RegExp,
  count = 1,
): Promise<ReceivedEmail> {
  return waitFor(`e-mail #${count} to ${address} matching ${subject}`, () => {
    const matching = mailsTo(smtp, address).filter((email) => subject.test(email.subject));
    return matching.length >= count ? matching[count - 1] : undefined;
  });
}

/** Every distinct link in an e-mail's text that starts with `base` (the Dutch and English parts repeat them). */
export function linksIn(email: ReceivedEmail, base: string): URL[] {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const hrefs = new Set(
    [...email.text.matchAll(new RegExp(`${escaped}[^\\s]*`, 'g'))].map((match) => match[0]),
  );
  return [...hrefs].map((href) => new URL(href));
}

/** The one link in the e-mail under `base` + `path`, or a failure naming what the e-mail said. */
export function linkIn(email: ReceivedEmail, base: string, path: string): URL {
  const links = linksIn(email, base).filter((link) => link.pathname.startsWith(path));
  if (links.length !== 1)
    throw new Error(`Expected one ${path} link in the e-mail, found ${links.length}:\n${email.text}`);
  return links[0];
}

/** The link as a path and query, to follow on the in-process server. */
export const pathOf = (link: URL) => `${link.pathname}${link.search}`;

/** The hidden fields of the first form on a server-rendered page. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[match[1]] = match[2]
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  return fields;
}

/** Every form on a server-rendered page, in order: where it posts and its hidden fields. */
export function formsOn(html: string): Array<{ action: string; fields: Record<string, string> }> {
  return [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].map((match) => ({
    action: match[1].replace(/&amp;/g, '&'),
    fields: hiddenFields(match[2]),
  }));
}

/** The action of the first form on a page. */
export function formAction(html: string): string {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (!match) throw new Error(`No form on the page:\n${html}`);
  return match[1].replace(/&amp;/g, '&');
}

/**
 * The link in the newest e-mail of `kind` the outbox holds for a user: what the worker will send,
 * for tests that check the API without running a worker and an SMTP server.
 */
export async function outboxLink(
  db: DataSource,
  userId: string,
  kind: NotificationKind,
  base: string,
  path: string,
): Promise<URL> {
  const notification = await db.getRepository(Notification).findOneOrFail({
    where: { recipientUserId: userId, kind },
    order: { createdAt: 'DESC' },
  });
  const escaped = `${base}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s]*`).exec(notification.bodyText ?? '');
  if (!match) throw new Error(`No ${path} link in the ${kind} e-mail:\n${notification.bodyText}`);
  return new URL(match[0]);
}
