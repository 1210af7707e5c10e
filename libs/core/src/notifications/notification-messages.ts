import { NotificationKind, ProposalMessageFacts, ProposalNotificationKind } from '@hybridmatch/database';
import { ProposalParty } from '@hybridmatch/domain';

/**
 * What a proposal message talks about; everything a reader needs to act without logging in first:
 * the facts its notification stores (ProposalMessageFacts), with the deadline as a date, the
 * proposal's link and the recipient's signed answer links.
 */
export interface ProposalFacts extends Omit<ProposalMessageFacts, 'expiresAt' | 'answerParty'> {
  link: string;
  expiresAt: Date;
  /** Signed links that answer without a login (the teacher's and the company's messages). */
  answerLinks?: { accept: string; decline: string } | null;
}

export interface NotificationMessage {
  subject: string;
  bodyText: string;
}

const AMSTERDAM = 'Europe/Amsterdam';
// Formatters are made once: making one costs far more than formatting with it (a match run writes hundreds of messages).
const DEADLINE = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeStyle: 'short', timeZone: AMSTERDAM }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: AMSTERDAM }),
};
/** Calendar dates ("2026-09-01") are not instants: they are formatted without a time zone shift. */
const DAY = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};
const HOURS = {
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/**
 * A deadline as people in the Netherlands read it: weekday, date and time in Europe/Amsterdam
 * ("vrijdag 4 december 2026 om 17:00"); the English text names the time zone.
 */
export function formatDeadline(date: Date, language: 'nl' | 'en'): string {
  const text = DEADLINE[language].format(date);
  return language === 'nl' ? text : `${text} (Amsterdam time)`;
}
const dayNl = (day: string) => DAY.nl.format(new Date(`${day}T00:00:00Z`));
const dayEn = (day: string) => DAY.en.format(new Date(`${day}T00:00:00Z`));
const hoursNl = (minutes: number) => HOURS.nl.format(minutes / 60);
const hoursEn = (minutes: number) => HOURS.en.format(minutes / 60);

const PARTY_NL: Record<ProposalParty, string> = {
  company: 'het bedrijf',
  teacher: 'de docent',
  school: 'de school',
};
const PARTY_EN: Record<ProposalParty, string> = {
  company: 'the company',
  teacher: 'the teacher',
  school: 'the school',
};

interface Text {
  subject: string;
  lines: string[];
}

/** What the wording of a proposal message reads (its links are added around it). */
export type ProposalTextFacts = Omit<ProposalFacts, 'link' | 'answerLinks'>;

/** Dutch and English text for one kind of message: what happened, what to do, by when. */
function texts(kind: ProposalNotificationKind, f: ProposalTextFacts): { nl: Text; en: Text } {
  const whatNl = `${f.teacherName} (${f.companyName}) voor "${f.requestTitle}" bij ${f.schoolName}, ${hoursNl(f.minutesPerWeek)} uur per week`;
  const whatEn = `${f.teacherName} (${f.companyName}) for "${f.requestTitle}" at ${f.schoolName}, ${hoursEn(f.minutesPerWeek)} hours a week`;
  const reasonNl = f.reason ? [`Reden: ${f.reason}`] : [];
  const reasonEn = f.reason ? [`Reason: ${f.reason}`] : [];
  const noActionNl = 'U hoeft niets te doen.';
  const noActionEn = 'You do not need to do anything.';
  switch (kind) {
    case NotificationKind.ProposalNew:
    case NotificationKind.CascadeOffer:
    case NotificationKind.AnswerNeeded:
    case NotificationKind.ExpiringSoon: {
      const lead = {
        [NotificationKind.ProposalNew]: [
          'Nieuw voorstel',
          'New proposal',
          'Er is een nieuw voorstel',
          'There is a new proposal',
        ],
        [NotificationKind.CascadeOffer]: [
          'Nieuw voorstel (vervanging)',
          'New proposal (replacement)',
          'Een eerder voorstel ging niet door; er is een nieuw voorstel',
          'An earlier proposal fell through; there is a new proposal',
        ],
        [NotificationKind.AnswerNeeded]: [
          'Uw antwoord is nodig',
          'Your answer is needed',
          'Wij wachten nog op uw antwoord op het voorstel',
          'We are still waiting for your answer to the proposal',
        ],
        [NotificationKind.ExpiringSoon]: [
          'Voorstel verloopt bijna',
          'Proposal expires soon',
          'Het voorstel verloopt bijna',
          'The proposal expires soon',
        ],
      }[kind];
      return {
        nl: {
          subject: `${lead[0]}: ${f.requestTitle}`,
          lines: [
            `${lead[2]}: ${whatNl}.`,
            `Wat moet u doen: accepteer het voorstel of sla het af vóór ${formatDeadline(f.expiresAt, 'nl')}. Daarna verloopt het voorstel.`,
          ],
        },
        en: {
          subject: `${lead[1]}`,
          lines: [
            `${lead[3]}: ${whatEn}.`,
            `What to do: accept or decline the proposal before ${formatDeadline(f.expiresAt, 'en')}. After that it expires.`,
          ],
        },
      };
    }
    case NotificationKind.AllAccepted:
      return {
        nl: {
          subject: `Klaar voor goedkeuring: ${f.requestTitle}`,
          lines: [
            `Bedrijf, docent en school hebben het voorstel geaccepteerd: ${whatNl}.`,
            'Wat moet u doen: keur het voorstel goed (met uurtarief, start- en einddatum en werkplekbegeleider) of wijs het af.',
          ],
        },
        en: {
          subject: 'Ready for approval',
          lines: [
            `The company, the teacher and the school accepted the proposal: ${whatEn}.`,
            'What to do: approve it (with hourly rate, start and end date and supervisor) or reject it.',
          ],
        },
      };
    case NotificationKind.Approved: {
      const p = f.placement;
      return {
        nl: {
          subject: `Plaatsing goedgekeurd: ${f.requestTitle}`,
          lines: [
            `De coördinator heeft het voorstel goedgekeurd: ${whatNl}.`,
            ...(p
              ? [
                  `De plaatsing loopt van ${dayNl(p.startDate)} tot en met ${dayNl(p.endDate)}; werkplekbegeleider: ${p.supervisorName}.`,
                ]
              : []),
            noActionNl,
          ],
        },
        en: {
          subject: 'Placement approved',
          lines: [
            `The coordinator approved the proposal: ${whatEn}.`,
            ...(p
              ? [
                  `The placement runs from ${dayEn(p.startDate)} to ${dayEn(p.endDate)} inclusive; supervisor: ${p.supervisorName}.`,
                ]
              : []),
            noActionEn,
          ],
        },
      };
    }
    case NotificationKind.Rejected:
      return {
        nl: {
          subject: `Voorstel afgewezen door de coördinator: ${f.requestTitle}`,
          lines: [
            `De coördinator heeft het voorstel afgewezen: ${whatNl}.`,
            ...reasonNl,
            `${noActionNl} De aanvraag blijft open voor een andere docent.`,
          ],
        },
        en: {
          subject: 'Proposal rejected by the coordinator',
          lines: [
            `The coordinator rejected the proposal: ${whatEn}.`,
            ...reasonEn,
            `${noActionEn} The request stays open for another teacher.`,
          ],
        },
      };
    case NotificationKind.Declined: {
      const byNl = f.decliningParty ? ` door ${PARTY_NL[f.decliningParty]}` : '';
      const byEn = f.decliningParty ? ` by ${PARTY_EN[f.decliningParty]}` : '';
      return {
        nl: {
          subject: `Voorstel afgeslagen${byNl}: ${f.requestTitle}`,
          lines: [
            `Het voorstel is afgeslagen${byNl}: ${whatNl}.`,
            ...reasonNl,
            `${noActionNl} De aanvraag blijft open voor een andere docent.`,
          ],
        },
        en: {
          subject: `Proposal declined${byEn}`,
          lines: [
            `The proposal was declined${byEn}: ${whatEn}.`,
            ...reasonEn,
            `${noActionEn} The request stays open for another teacher.`,
          ],
        },
      };
    }
    case NotificationKind.Withdrawn:
      return {
        nl: {
          subject: `Voorstel ingetrokken: ${f.requestTitle}`,
          lines: [`De coördinator heeft het voorstel ingetrokken: ${whatNl}.`, ...reasonNl, noActionNl],
        },
        en: {
          subject: 'Proposal withdrawn',
          lines: [`The coordinator withdrew the proposal: ${whatEn}.`, ...reasonEn, noActionEn],
        },
      };
    case NotificationKind.NeedsAttention: {
      const flag = f.flag ?? { violations: [], placement: false };
      return {
        nl: {
          subject: `Aandacht nodig: ${f.requestTitle}`,
          lines: [
            `Na een wijziging van het docentprofiel of de aanvraag voldoet ${flag.placement ? 'de goedgekeurde plaatsing' : 'het open voorstel'} niet meer aan de regels: ${whatNl}.`,
            ...flag.violations.map((v) => `- ${v.nl}`),
            flag.placement
              ? 'Wat moet u doen: pas het profiel of de aanvraag aan zodat de regels weer kloppen, of de coördinator annuleert de plaatsing.'
              : 'Wat moet u doen: pas het profiel of de aanvraag aan zodat de regels weer kloppen, of de coördinator trekt het voorstel in. Tot dan kan het niet worden geaccepteerd of goedgekeurd.',
          ],
        },
        en: {
          subject: 'Needs attention',
          lines: [
            `After a change to the teacher's profile or the request, the ${flag.placement ? 'approved placement' : 'open proposal'} no longer meets the rules: ${whatEn}.`,
            ...flag.violations.map((v) => `- ${v.en}`),
            flag.placement
              ? 'What to do: change the profile or the request so the rules hold again, or the coordinator cancels the placement.'
              : 'What to do: change the profile or the request so the rules hold again, or the coordinator withdraws the proposal. Until then it cannot be accepted or approved.',
          ],
        },
      };
    }
    case NotificationKind.Cancelled:
      return {
        nl: {
          subject: `Plaatsing geannuleerd: ${f.requestTitle}`,
          lines: [
            `De goedgekeurde plaatsing is geannuleerd: ${whatNl}.`,
            ...reasonNl,
            'De lesuren zijn weer vrij; de aanvraag staat weer open.',
          ],
        },
        en: {
          subject: 'Placement cancelled',
          lines: [
            `The approved placement was cancelled: ${whatEn}.`,
            ...reasonEn,
            'The lesson hours are free again; the request is open again.',
          ],
        },
      };
  }
}

/** The subject of a proposal message, the same for every recipient: Dutch / English, at most 200 characters. */
export function proposalSubject(kind: ProposalNotificationKind, facts: ProposalTextFacts): string {
  return subjectOf(texts(kind, facts));
}

function subjectOf({ nl, en }: { nl: Text; en: Text }): string {
  const subject = `${nl.subject} / ${en.subject}`;
  return subject.length > 200 ? `${subject.slice(0, 199)}…` : subject;
}

/** Plain text, Dutch first with an English fallback below it; the subject carries both. */
export function composeProposalMessage(
  kind: ProposalNotificationKind,
  facts: ProposalFacts,
): NotificationMessage {
  const { nl, en } = texts(kind, facts);
  const links = facts.answerLinks;
  const bodyText = bilingualBody(
    {
      greeting: 'Hallo,',
      lines: [
        ...nl.lines,
        ...(links
          ? [
              `Accepteren (zonder in te loggen): ${links.accept}`,
              `Afslaan, met een reden: ${links.decline}`,
              'U ziet eerst wat u beantwoordt; pas na uw bevestiging wordt het vastgelegd.',
            ]
          : []),
        `Bekijk het voorstel: ${facts.link}`,
      ],
    },
    {
      greeting: 'Hello,',
      lines: [
        ...en.lines,
        ...(links
          ? [
              `Accept (no sign-in needed): ${links.accept}`,
              `Decline, with a reason: ${links.decline}`,
              'You first see what you are answering; it is recorded only when you confirm.',
            ]
          : []),
        `View the proposal: ${facts.link}`,
      ],
    },
  );
  return { subject: subjectOf({ nl, en }), bodyText };
}

/** One language's part of an e-mail: the greeting line and the paragraphs below it. */
export interface MessagePart {
  greeting: string;
  lines: string[];
}

/** The envelope every e-mail of the product shares: Dutch first, English below, each signed. */
export function bilingualBody(nl: MessagePart, en: MessagePart): string {
  return [
    nl.greeting,
    '',
    ...nl.lines,
    '',
    'Met vriendelijke groet,',
    'HybridMatch',
    '',
    '--- English ---',
    '',
    en.greeting,
    '',
    ...en.lines,
    '',
    'Kind regards,',
    'HybridMatch',
    '',
  ].join('\n');
}
