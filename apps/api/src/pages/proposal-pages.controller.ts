import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { UuidParam } from '../common/id-param';
import { escapeHtml, page, said } from './html';
import { sendPage } from './send-page';

/** The path of the proposal page, outside the `/api` prefix (every proposal e-mail links here; the web app will serve it at /app). */
export const PROPOSAL_PAGE_PATH = 'app/proposals/:id';

/**
 * Where "View the proposal" in a proposal e-mail leads until the web app serves it: a page that
 * says where the proposal is and how to answer it. It shows nothing of the proposal itself (the
 * link carries no credentials); teachers and company contacts answer with their e-mail's links.
 */
@ApiExcludeController()
@Controller()
export class ProposalPagesController {
  @Get(PROPOSAL_PAGE_PATH)
  @Public()
  show(@UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    return sendPage(
      reply,
      200,
      page(
        { nl: 'Voorstel', en: 'Proposal' },
        said({
          nl: 'Bedrijven en docenten: gebruik de knoppen "Accepteren" of "Afwijzen" in uw e-mail; daarvoor hoeft u niet in te loggen.',
          en: 'Companies and teachers: use the "Accept" or "Decline" links in your e-mail; no sign-in needed.',
        }) +
          said({
            nl:
              'Scholen en coördinatoren: log in bij HybridMatch en open dit voorstel; met de API is dat GET /api/proposals/' +
              id +
              ' (documentatie op /docs).',
            en: `Schools and coordinators: sign in to HybridMatch and open this proposal; through the API that is GET /api/proposals/${id} (documentation at /docs).`,
          }) +
          `<p><a href="/docs">/docs</a> · <code>${escapeHtml(id)}</code></p>`,
      ),
    );
  }
}
