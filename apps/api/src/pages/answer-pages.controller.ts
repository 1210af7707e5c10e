import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnswerDecision, AnswerLinkService, AnswerLinkView, DomainError, ErrorCode } from '@hybridmatch/core';
import { ProposalParty } from '@hybridmatch/domain';
import { Public } from '../auth/roles.decorator';
import { LinkRateLimit } from '../auth/rate-limits';
import { STATUS_OF } from '../common/problem';
import { controlCharacterErrors } from '../common/validation';
import { Bilingual, errorLine, escapeHtml, form, page, said } from './html';
import { sendPage } from './send-page';

/** The path of the answer page, outside the `/api` prefix (the links in proposal e-mails point here). */
export const ANSWER_PAGE_PATH = 'answer';

const TITLE: Bilingual = { nl: 'Uw antwoord op een voorstel', en: 'Your answer to a proposal' };

const WEEKDAYS_NL = ['', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const WEEKDAYS_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MAX_REASON = 1000;

interface AnswerForm {
  token?: string;
  decision?: string;
  reason?: string;
}

/** What the page says when a link cannot be used, per code: Dutch (unless the error has its own); the English is the error's own text. */
const REFUSED_NL: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.AnswerLinkInvalid]:
    'Deze link is onvolledig, gewijzigd of niet (meer) voor u bedoeld. Open de link uit de e-mail opnieuw, of log in om te antwoorden.',
  [ErrorCode.AnswerLinkExpired]:
    'Deze link werkt niet meer: de termijn van het voorstel is verstreken of het voorstel is gesloten.',
  [ErrorCode.AnswerLinkUsed]:
    'Deze link is al gebruikt: er is al geantwoord op dit voorstel. Er is niets gewijzigd.',
  [ErrorCode.InvalidStateTransition]: 'Dit voorstel neemt geen antwoorden meer aan. Er is niets gewijzigd.',
};

/**
 * The page behind the accept and decline links in proposal e-mails: a teacher (also one without
 * a login) or a company contact answers without signing in. GET shows what is being answered and
 * a confirmation form (mail scanners that open links change nothing); POST records the answer.
 */
@ApiExcludeController()
@Controller()
export class AnswerPagesController {
  constructor(private readonly links: AnswerLinkService) {}

  @Get(ANSWER_PAGE_PATH)
  @Public()
  async show(
    @Query('token') token: string | undefined,
    @Query('decision') decision: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!token) return refused(reply, ErrorCode.AnswerLinkInvalid, 'This answer link is incomplete.');
    try {
      const view = await this.links.open(token);
      return sendPage(reply, 200, page(TITLE, describe(view) + confirmForms(token, decision)));
    } catch (error) {
      return this.refusal(error, reply);
    }
  }

  @Post(ANSWER_PAGE_PATH)
  @Public()
  @LinkRateLimit()
  async record(@Body() body: AnswerForm, @Res() reply: FastifyReply): Promise<void> {
    const token = typeof body?.token === 'string' ? body.token : '';
    const decision = body?.decision;
    const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
    if (!token) return refused(reply, ErrorCode.AnswerLinkInvalid, 'This answer link is incomplete.');
    if (decision !== AnswerDecision.Accept && decision !== AnswerDecision.Decline)
      return sendPage(
        reply,
        400,
        page(TITLE, errorLine({ nl: 'Kies accepteren of afslaan.', en: 'Choose accept or decline.' })),
      );
    if (reason.length > MAX_REASON || controlCharacterErrors(reason).length > 0)
      return sendPage(
        reply,
        400,
        page(
          TITLE,
          errorLine({
            nl: `De reden mag hoogstens ${MAX_REASON} tekens lang zijn en geen stuurtekens bevatten.`,
            en: `The reason may be at most ${MAX_REASON} characters long, without control characters.`,
          }) + confirmForms(token, decision),
        ),
      );
    try {
      const view = await this.links.answer(token, decision, reason || undefined);
      const accepted = decision === AnswerDecision.Accept;
      return sendPage(
        reply,
        200,
        page(
          TITLE,
          said({
            nl: accepted
              ? `Dank u. Uw acceptatie van het voorstel "${view.requestTitle}" bij ${view.schoolName} is vastgelegd. U hoort van ons zodra de andere partijen en de coördinator hebben beslist.`
              : `Dank u. Dat u het voorstel "${view.requestTitle}" bij ${view.schoolName} afslaat, is vastgelegd. De coördinator zoekt een andere docent.`,
            en: accepted
              ? `Thank you. Your acceptance of the proposal "${view.requestTitle}" at ${view.schoolName} is recorded. You will hear from us once the other parties and the coordinator have decided.`
              : `Thank you. You declined the proposal "${view.requestTitle}" at ${view.schoolName}; this is recorded. The coordinator will look for another teacher.`,
          }),
        ),
      );
    } catch (error) {
      return this.refusal(error, reply);
    }
  }

  private refusal(error: unknown, reply: FastifyReply): Promise<void> {
    if (!(error instanceof DomainError)) throw error;
    return refused(reply, error.code, error.detail, error.detailNl);
  }
}

function refused(reply: FastifyReply, code: ErrorCode, detail: string, detailNl?: string): Promise<void> {
  const nl =
    detailNl ?? REFUSED_NL[code] ?? 'Dit antwoord kon niet worden vastgelegd. Er is niets gewijzigd.';
  return sendPage(reply, STATUS_OF[code], page(TITLE, errorLine({ nl, en: detail })));
}

/** The proposal as the recipient needs it to decide: who, where, what, when, by when. */
function describe(view: AnswerLinkView): string {
  const hours = (view.minutesPerWeek / 60).toLocaleString('nl-NL', { maximumFractionDigits: 2 });
  const deadline = new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(view.expiresAt);
  const e = escapeHtml;
  const lessons = view.lessons
    .map((lesson) =>
      e(`${WEEKDAYS_NL[lesson.weekday]} / ${WEEKDAYS_EN[lesson.weekday]} ${lesson.start}–${lesson.end}`),
    )
    .join('<br>');
  // Every value is escaped here; `<br>` joins lines.
  const rows: Array<[string, string]> = [
    [
      'Voor / For',
      view.party === ProposalParty.Teacher ? 'de docent / the teacher' : 'het bedrijf / the company',
    ],
    ['Docent / Teacher', e(`${view.teacherName} (${view.companyName})`)],
    ['School', `${e(view.schoolName)}<br>${e(view.schoolAddress)}`],
    ['Aanvraag / Request', e(view.requestTitle)],
    ['Vak en niveau / Subject and level', e(`${view.subject}, ${view.level}`)],
    ['Lessen / Lessons', lessons],
    ['Uren per week / Hours a week', e(hours)],
    ['Periode / Period', e(`${view.periodStart} – ${view.periodEnd}`)],
    ['Antwoord vóór / Answer before', e(deadline)],
  ];
  return `<table>${rows.map(([label, html]) => `<tr><th>${e(label)}</th><td>${html}</td></tr>`).join('\n')}</table>`;
}

/** Accept and decline, each a confirmation; the chosen link's decision comes first. */
function confirmForms(token: string, decision: string | undefined): string {
  const accept = form(`/${ANSWER_PAGE_PATH}`, { token, decision: AnswerDecision.Accept }, '', {
    nl: 'Ja, ik accepteer dit voorstel',
    en: 'Yes, I accept this proposal',
  });
  const decline = form(
    `/${ANSWER_PAGE_PATH}`,
    { token, decision: AnswerDecision.Decline },
    `<label for="reason">Reden (niet verplicht) / Reason (optional)</label>
<textarea id="reason" name="reason" maxlength="${MAX_REASON}" rows="3"></textarea>`,
    { nl: 'Nee, ik sla dit voorstel af', en: 'No, I decline this proposal' },
  );
  return decision === AnswerDecision.Decline ? decline + accept : accept + decline;
}
