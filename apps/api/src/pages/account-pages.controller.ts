import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK } from '@hybridmatch/config';
import { Clock } from '@hybridmatch/domain';
import { SessionTokensDto } from '../auth/auth.dto';
import { AuthService } from '../auth/auth.service';
import { Public } from '../auth/roles.decorator';
import { LinkRateLimit, LoginRateLimit } from '../auth/rate-limits';
import { toCookie } from '../auth/refresh-cookie';
import { WEB_APP_PATH } from '../web-app/web-app';
import { DomainError } from '@hybridmatch/core';
import { STATUS_OF } from '../common/problem';
import { Bilingual, errorLine, escapeHtml, form, page, said } from './html';
import { sendPage } from './send-page';

/** The paths of the account pages, outside the `/api` prefix (the links in e-mails point here). */
export const ACCOUNT_PAGE_PATHS = ['invite', 'reset-password', 'forgot-password'];

const MIN_PASSWORD = 12;

const PASSWORD_INPUT = `<label for="password">Kies een wachtwoord (minstens ${MIN_PASSWORD} tekens) / Choose a password (at least ${MIN_PASSWORD} characters)</label>
<input id="password" name="password" type="password" minlength="${MIN_PASSWORD}" maxlength="200" autocomplete="new-password" required>`;

const SIGNED_IN: Bilingual = {
  nl: 'Uw wachtwoord is ingesteld en u bent ingelogd. Voortaan logt u in met uw e-mailadres en dit wachtwoord.',
  en: 'Your password is set and you are signed in. From now on, sign in with your e-mail address and this password.',
};

const OPEN_APP = `<p><a href="${escapeHtml(WEB_APP_PATH)}/">Naar HybridMatch</a> <span class="en">/ Go to HybridMatch</span></p>`;

interface LinkPage {
  path: string;
  title: Bilingual;
  intro: Bilingual;
  choose: (auth: AuthService, token: string, password: string) => Promise<SessionTokensDto>;
}

const INVITE: LinkPage = {
  path: '/invite',
  title: { nl: 'Welkom bij HybridMatch', en: 'Welcome to HybridMatch' },
  intro: {
    nl: 'Kies een wachtwoord om uw account te activeren. Deze link werkt één keer.',
    en: 'Choose a password to activate your account. This link works once.',
  },
  choose: (auth, token, password) => auth.acceptInvite(token, password),
};

const RESET: LinkPage = {
  path: '/reset-password',
  title: { nl: 'Nieuw wachtwoord', en: 'New password' },
  intro: {
    nl: 'Kies een nieuw wachtwoord. Deze link werkt één keer; daarna wordt u overal uitgelogd.',
    en: 'Choose a new password. This link works once; afterwards you are signed out everywhere.',
  },
  choose: (auth, token, password) => auth.resetPassword(token, password),
};

interface TokenForm {
  token?: string;
  password?: string;
}

/**
 * The pages behind the account links in e-mails: choose a password from an invite, choose a new
 * one from a reset e-mail, ask for a reset. GET only shows a form (mail scanners that open links
 * change nothing); POST does it, through the same service as the JSON API.
 */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly auth: AuthService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('invite')
  @Public()
  showInvite(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.showForm(INVITE, token, reply);
  }

  @Post('invite')
  @Public()
  @LinkRateLimit()
  acceptInvite(
    @Body() body: TokenForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.choose(INVITE, body, request, reply);
  }

  @Get('reset-password')
  @Public()
  showReset(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.showForm(RESET, token, reply);
  }

  @Post('reset-password')
  @Public()
  @LinkRateLimit()
  resetPassword(
    @Body() body: TokenForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.choose(RESET, body, request, reply);
  }

  @Get('forgot-password')
  @Public()
  showForgot(@Res() reply: FastifyReply): Promise<void> {
    return sendPage(
      reply,
      200,
      page(
        RESET.title,
        said({
          nl: 'Vul uw e-mailadres in; als er een account bij hoort, sturen wij een link om een nieuw wachtwoord te kiezen.',
          en: 'Enter your e-mail address; if it has an account, we send it a link to choose a new password.',
        }) +
          form(
            '/forgot-password',
            {},
            `<label for="email">E-mailadres / E-mail address</label>
<input id="email" name="email" type="email" maxlength="254" autocomplete="email" required>`,
            { nl: 'Stuur de link', en: 'Send the link' },
          ),
      ),
    );
  }

  @Post('forgot-password')
  @HttpCode(200)
  @Public()
  @LoginRateLimit()
  async requestReset(@Body() body: { email?: string }, @Res() reply: FastifyReply): Promise<void> {
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
      return sendPage(
        reply,
        400,
        page(
          RESET.title,
          errorLine({ nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' }),
        ),
      );
    const { message } = await this.auth.requestPasswordReset(email);
    return sendPage(
      reply,
      202,
      page(
        RESET.title,
        said({ nl: 'Als er een account bij dit adres hoort, is de link verstuurd.', en: message }),
      ),
    );
  }

  private showForm(link: LinkPage, token: string | undefined, reply: FastifyReply): Promise<void> {
    if (!token) return sendPage(reply, 400, page(link.title, errorLine(MISSING_TOKEN)));
    return sendPage(reply, 200, page(link.title, said(link.intro) + passwordForm(link, token)));
  }

  /** Sets the password and signs the person in to the web app (its refresh cookie). */
  private async choose(
    link: LinkPage,
    body: TokenForm,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const token = typeof body?.token === 'string' ? body.token : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!token) return sendPage(reply, 400, page(link.title, errorLine(MISSING_TOKEN)));
    if (password.length < MIN_PASSWORD || password.length > 200)
      return sendPage(
        reply,
        400,
        page(
          link.title,
          errorLine({
            nl: `Het wachtwoord moet minstens ${MIN_PASSWORD} en hoogstens 200 tekens lang zijn.`,
            en: `The password must be at least ${MIN_PASSWORD} and at most 200 characters long.`,
          }) + passwordForm(link, token),
        ),
      );
    let tokens: SessionTokensDto;
    try {
      tokens = await link.choose(this.auth, token, password);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        STATUS_OF[error.code],
        page(
          link.title,
          errorLine({
            nl: 'Deze link is onbekend, al gebruikt of verlopen. Vraag een nieuwe link aan.',
            en: error.detail,
          }),
        ),
      );
    }
    toCookie(request, reply, tokens, this.clock.now());
    return sendPage(reply, 200, page(link.title, said(SIGNED_IN) + OPEN_APP));
  }
}

const MISSING_TOKEN: Bilingual = {
  nl: 'Deze link is onvolledig; open de link uit de e-mail opnieuw.',
  en: 'This link is incomplete; open the link from the e-mail again.',
};

const passwordForm = (link: LinkPage, token: string) =>
  form(link.path, { token }, PASSWORD_INPUT, { nl: 'Wachtwoord opslaan', en: 'Save password' });
