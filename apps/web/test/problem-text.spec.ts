import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '../src/i18n/en.json';
import nl from '../src/i18n/nl.json';
import { fieldReasonText, problemText, refusalText } from '../src/ui/problem-text';

/** The app's own Dutch sentence for a field reason's code, as `fieldReason` looks it up. */
const appDutch = (code: string): string | undefined => (nl.fieldErrors as Record<string, string>)[code];
const doc = (name: string) => readFileSync(join(__dirname, '../../../docs', name), 'utf8');

describe('a refusal in the reader’s language', () => {
  const rulesBroken = {
    code: 'RULES_BROKEN',
    detail:
      'This placement cannot be approved: The VOG issued 2026-03-15 is more than 6 months old at the start on 2026-12-08. Change the teacher’s profile …',
    detailNl:
      'Deze plaatsing kan niet worden goedgekeurd: De VOG van 2026-03-15 is bij de start op 2026-12-08 ouder dan 6 maanden. Pas het profiel …',
  };

  it('gives a Dutch reader the Dutch detail and an English reader the English one', () => {
    expect(refusalText(rulesBroken, 'nl')).toBe(rulesBroken.detailNl);
    expect(refusalText(rulesBroken, 'en')).toBe(rulesBroken.detail);
  });

  it('shows a detail without a Dutch one whole, whatever it contains', () => {
    const other = { code: 'LESSON_OVERLAP', detail: 'Overlaps a lesson. NL: not a marker here' };
    expect(refusalText(other, 'nl')).toBe(other.detail);
  });
});

describe('a field’s reason in the reader’s language', () => {
  const dutch: Record<string, string> = { endNotAfterStart: 'moet later zijn dan het begin' };
  const translate = (code: string) => dutch[code];
  const endBeforeStart = { reason: 'must be later than start (14:00)', code: 'endNotAfterStart' };

  it('gives a Dutch reader the app’s sentence for the reason’s code, an English reader the API’s', () => {
    expect(fieldReasonText(endBeforeStart, 'nl', translate)).toBe('moet later zijn dan het begin');
    expect(fieldReasonText(endBeforeStart, 'en', translate)).toBe('must be later than start (14:00)');
  });

  it('falls back to the English reason for a code without a sentence, or no code (older APIs)', () => {
    expect(fieldReasonText({ reason: 'must be 8 digits', code: 'somethingNew' }, 'nl', translate)).toBe(
      'must be 8 digits',
    );
    expect(fieldReasonText({ reason: 'must be 8 digits' }, 'nl', translate)).toBe('must be 8 digits');
  });

  it('prefers the Dutch sentence the API sent (a broken rule) over any code', () => {
    const rule = { reason: 'The VOG is too old', reasonNl: 'De VOG is te oud', code: 'endNotAfterStart' };
    expect(fieldReasonText(rule, 'nl', translate)).toBe('De VOG is te oud');
    expect(fieldReasonText(rule, 'en', translate)).toBe('The VOG is too old');
  });
});

describe('the app’s Dutch for the API’s field codes', () => {
  it('says each format a field must have in Dutch (a KvK number, a postal code, a region code, a school year)', () => {
    expect(fieldReasonText({ reason: 'must be 8 digits', code: 'isKvkNumber' }, 'nl', appDutch)).toBe(
      'moet 8 cijfers zijn',
    );
    for (const code of ['isPostalCode', 'isRegionCode', 'isSchoolYear'])
      expect(fieldReasonText({ reason: 'English', code }, 'nl', appDutch)).not.toBe('English');
  });
});

describe('the field codes docs/ERRORS.md lists', () => {
  /** The first cell (a camelCase code) of each row of a table of codes (ERRORS.md's field codes, CSV-IMPORT.md's file codes). */
  const codesIn = (text: string) =>
    [...text.matchAll(/^ *\| `([a-z]+[A-Z][a-zA-Z]*)` +\|/gm)].map((match) => match[1]);
  const ownCodes = [...codesIn(doc('ERRORS.md')), ...codesIn(doc('CSV-IMPORT.md'))];

  it('are found in the document', () => {
    expect(ownCodes).toEqual(
      expect.arrayContaining([
        'notNull',
        'rateReasonRequired',
        'beforeEarliestStart',
        'csvWindow',
        'csvNoRows',
      ]),
    );
  });

  it('each have a Dutch and an English sentence in the web app', () => {
    const missing = (strings: Record<string, string>) => ownCodes.filter((code) => !(code in strings));
    expect(missing(nl.fieldErrors)).toEqual([]);
    expect(missing(en.fieldErrors)).toEqual([]);
  });

  it('say a service’s refusal in Dutch: a rate card, a placement’s dates, an invite', () => {
    const dutch = (reason: string, code: string) => fieldReasonText({ reason, code }, 'nl', appDutch);
    expect(dutch('is not a staff member of this company', 'notStaffOfCompany')).toBe(
      'is geen medewerker van dit bedrijf',
    );
    expect(
      dutch('must be on or before 2027-01-31 (the request’s and the teacher’s ends)', 'afterLatestEnd'),
    ).toBe('ligt te laat: na het einde van de aanvraag of van de beschikbaarheid van de docent');
    expect(dutch('a regional coordinator needs at least one region', 'coordinatorNeedsRegion')).toBe(
      'kies minstens één regio voor een regiocoördinator',
    );
  });
});

describe('the rule codes of RULES_BROKEN (docs/RULES.md), exempt from the app’s field sentences', () => {
  // On purpose: a broken rule's sentence names the case's own dates and hours ("De VOG van
  // 2026-03-15 is bij de start op 2026-12-08 ouder dan 6 maanden."), which the API says in Dutch
  // as `reasonNl`; a fixed sentence per code would lose them (docs/ERRORS.md).
  const ruleCodes = [...doc('RULES.md').matchAll(/^\| `([A-Z][A-Z_]+)` +\|/gm)].map((match) => match[1]);

  it('are the rule book’s codes, and the app has no sentence of its own for them', () => {
    expect(ruleCodes).toEqual(expect.arrayContaining(['SKILL', 'VOG', 'SIX_HOUR_RULE', 'SAME_DAY']));
    expect(ruleCodes.filter((code) => code in nl.fieldErrors || code in en.fieldErrors)).toEqual([]);
  });
});

describe('a CSV import’s reasons in Dutch', () => {
  it('says what is wrong with a cell, a header column or the file', () => {
    const dutch = (reason: string, code: string) => fieldReasonText({ reason, code }, 'nl', appDutch);
    expect(dutch('"zes" is not a number; write for example 6 or 6.5', 'csvNumber')).toBe(
      'is geen getal; schrijf bijvoorbeeld 6 of 6,5',
    );
    expect(dutch('"E-1" is already on line 2; list each person once', 'csvDuplicateRef')).toBe(
      'staat al op een eerdere regel; noem iedere persoon één keer',
    );
    expect(dutch('missing column; the header must name it', 'csvMissingColumn')).toBe(
      'ontbreekt; de kopregel moet deze kolom noemen',
    );
    expect(dutch('has a header but no rows', 'csvNoRows')).toBe(
      'heeft een kopregel maar geen regels met medewerkers',
    );
  });
});

describe('a refused action in Dutch: the API’s own Dutch before the app’s sentence for the code', () => {
  const appSentence = (code: string) => (nl.errors as Record<string, string>)[code];
  const answeredTwice = {
    code: 'INVALID_STATE_TRANSITION',
    detail: 'This proposal was already accepted by the company.',
    detailNl: 'Dit voorstel is al geaccepteerd door het bedrijf.',
  };

  it('shows a state transition that names its state in the reader’s language', () => {
    expect(problemText(answeredTwice, 'nl', appSentence)).toBe(answeredTwice.detailNl);
    expect(problemText(answeredTwice, 'en', appSentence)).toBe(answeredTwice.detail);
  });

  it('shows a rate outside the card with the API’s Dutch amounts, not the app’s sentence without them', () => {
    const rate = {
      code: 'RATE_OUTSIDE_CARD',
      detail:
        "The hourly rate may differ at most 20% from the rate card's €95.00 (between €76.00 and €114.00).",
      detailNl:
        'Het uurtarief mag hooguit 20% afwijken van het tarief op de tariefkaart, €\u00a095,00 (dus tussen €\u00a076,00 en €\u00a0114,00).',
    };
    expect(problemText(rate, 'nl', appSentence)).toBe(rate.detailNl);
    const tooHigh = {
      reason: 'must be between €25.00 and €250.00 an hour (€1000.00 looks like a typing error)',
      code: 'isPlausibleRate',
      reasonNl:
        'moet tussen €\u00a025,00 en €\u00a0250,00 per uur liggen (€\u00a01.000,00 lijkt een tikfout)',
    };
    expect(fieldReasonText(tooHigh, 'nl', appDutch)).toBe(tooHigh.reasonNl);
  });

  it('keeps the app’s sentence for a code without a Dutch detail', () => {
    const taken = { code: 'EMAIL_TAKEN', detail: 'There is already a user with e-mail address a@b.nl.' };
    expect(problemText(taken, 'nl', appSentence)).toBe(nl.errors.EMAIL_TAKEN);
    expect(problemText({ code: 'SOMETHING_NEW', detail: 'English' }, 'nl', appSentence)).toBe('English');
  });
});
