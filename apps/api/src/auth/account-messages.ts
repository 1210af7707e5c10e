import { bilingualBody, formatDeadline, NotificationMessage } from '@hybridmatch/core';

/** What an account e-mail says: who it is for, the single-use link and until when it works. */
export interface AccountMessageFacts {
  name: string;
  link: string;
  validUntil: Date;
  /** Invites: the organisation the person joins, if any. */
  organisationName?: string | null;
}

/** The invite e-mail: Dutch first, English below, like every message of the product. */
export function composeInviteMessage(facts: AccountMessageFacts): NotificationMessage {
  const joinNl = facts.organisationName ? ` voor ${facts.organisationName}` : '';
  const joinEn = facts.organisationName ? ` for ${facts.organisationName}` : '';
  return compose(
    facts,
    'Uw uitnodiging voor HybridMatch / Your invitation to HybridMatch',
    [
      `U bent uitgenodigd om HybridMatch te gebruiken${joinNl}.`,
      `Kies een wachtwoord via de link hieronder. De link werkt één keer, tot ${formatDeadline(facts.validUntil, 'nl')}.`,
      `Kies een wachtwoord: ${facts.link}`,
    ],
    [
      `You have been invited to use HybridMatch${joinEn}.`,
      `Choose a password through the link below. It works once, until ${formatDeadline(facts.validUntil, 'en')}.`,
      `Choose a password: ${facts.link}`,
    ],
  );
}

/** The password-reset e-mail. */
export function composePasswordResetMessage(facts: AccountMessageFacts): NotificationMessage {
  return compose(
    facts,
    'Nieuw wachtwoord voor HybridMatch / New password for HybridMatch',
    [
      'Er is gevraagd om een nieuw wachtwoord voor uw account.',
      `Kies een nieuw wachtwoord via de link hieronder. De link werkt één keer, tot ${formatDeadline(facts.validUntil, 'nl')}.`,
      `Nieuw wachtwoord kiezen: ${facts.link}`,
      'Heeft u dit niet gevraagd? Dan hoeft u niets te doen; uw wachtwoord blijft hetzelfde.',
    ],
    [
      'Someone asked for a new password for your account.',
      `Choose a new password through the link below. It works once, until ${formatDeadline(facts.validUntil, 'en')}.`,
      `Choose a new password: ${facts.link}`,
      'Did you not ask for this? Then you need not do anything; your password stays the same.',
    ],
  );
}

function compose(
  facts: AccountMessageFacts,
  subject: string,
  nl: string[],
  en: string[],
): NotificationMessage {
  const bodyText = bilingualBody(
    { greeting: `Hallo ${facts.name},`, lines: nl },
    { greeting: `Hello ${facts.name},`, lines: en },
  );
  return { subject, bodyText };
}
