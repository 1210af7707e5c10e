import { refusalText } from '../src/ui/problem-text';

describe('a refusal in the reader’s language', () => {
  const rulesBroken = {
    code: 'RULES_BROKEN',
    detail:
      'This placement cannot be approved: The VOG issued 2026-03-15 is more than 6 months old at the start on 2026-12-08. Change the teacher’s profile … NL: Deze plaatsing kan niet worden goedgekeurd: De VOG van 2026-03-15 is bij de start op 2026-12-08 ouder dan 6 maanden. Pas het profiel …',
  };

  it('gives a RULES_BROKEN detail’s Dutch half to a Dutch reader and its English half to an English one', () => {
    expect(refusalText(rulesBroken, 'nl')).toBe(
      'Deze plaatsing kan niet worden goedgekeurd: De VOG van 2026-03-15 is bij de start op 2026-12-08 ouder dan 6 maanden. Pas het profiel …',
    );
    expect(refusalText(rulesBroken, 'en')).toBe(
      'This placement cannot be approved: The VOG issued 2026-03-15 is more than 6 months old at the start on 2026-12-08. Change the teacher’s profile …',
    );
  });

  it('shows any other detail whole', () => {
    const other = { code: 'LESSON_OVERLAP', detail: 'Overlaps a lesson. NL: not a marker here' };
    expect(refusalText(other, 'nl')).toBe(other.detail);
  });
});
