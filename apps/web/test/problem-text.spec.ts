import { refusalText } from '../src/ui/problem-text';

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
