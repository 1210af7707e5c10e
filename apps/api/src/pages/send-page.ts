import type { FastifyReply } from 'fastify';

/**
 * Sends a server-rendered page. Never cached (it may show a link's token in a form) and never
 * sending the page's address (with its token) on to another site.
 */
export async function sendPage(reply: FastifyReply, status: number, html: string): Promise<void> {
  await reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}
