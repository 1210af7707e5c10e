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

/** What the owner of an address is told when someone tries to invite it while it has an account. */
export interface AddressInUseFacts {
  name: string;
  /** The organisation of whoever tried to invite the address (none: the platform). */
  organisationName: string | null;
  loginLink: string;
  resetLink: string;
}

/**
 * To the owner of an address someone tried to invite: the inviter is told nothing (no account
 * enumeration), so the owner decides whether to get in touch. No link in it grants anything.
 */
export function composeAddressInUseMessage(facts: AddressInUseFacts): NotificationMessage {
  const byNl = facts.organisationName ? `Iemand van ${facts.organisationName}` : 'Iemand';
  const byEn = facts.organisationName ? `Someone at ${facts.organisationName}` : 'Someone';
  const bodyText = bilingualBody(
    {
      greeting: `Hallo ${facts.name},`,
      lines: [
        `${byNl} probeerde dit e-mailadres uit te nodigen voor HybridMatch. Er bestaat al een account met dit adres: het uwe. Er is geen tweede account gemaakt.`,
        `Wilt u ook voor hen werken? Neem dan contact met hen op; één account hoort bij één organisatie. Inloggen: ${facts.loginLink}`,
        `Wachtwoord vergeten? ${facts.resetLink}. Kent u dit niet? Dan hoeft u niets te doen.`,
      ],
    },
    {
      greeting: `Hello ${facts.name},`,
      lines: [
        `${byEn} tried to invite this e-mail address to HybridMatch. An account with this address already exists: yours. No second account was made.`,
        `Do you want to work with them too? Then get in touch with them; one account belongs to one organisation. Sign in: ${facts.loginLink}`,
        `Forgot your password? ${facts.resetLink}. Do you not recognise this? Then you need not do anything.`,
      ],
    },
  );
  return { subject: 'Uitnodiging voor een bestaand account / Invitation for an existing account', bodyText };
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
