import { TeachingRole } from './enums';
import { costCents, implausibleRate, rateAdjustmentProblem, RateCardEntry, rateOn } from './rates';

const entry = (overrides: Partial<RateCardEntry>): RateCardEntry => ({
  teacherId: null,
  role: TeachingRole.GuestTeacher,
  hourlyRateCents: 8500,
  validFrom: '2026-01-01',
  validUntil: null,
  ...overrides,
});

describe('rates', () => {
  it("prefers the teacher's own entry to the role's, and the one that started last", () => {
    const card = [
      entry({ hourlyRateCents: 8500 }),
      entry({ hourlyRateCents: 9000, validFrom: '2026-09-01' }),
      entry({
        teacherId: 't-1',
        role: null,
        hourlyRateCents: 11000,
        validFrom: '2026-10-01',
        validUntil: '2026-12-31',
      }),
      entry({ role: TeachingRole.Instructor, hourlyRateCents: 7000 }),
    ];
    expect(rateOn(card, 't-1', TeachingRole.GuestTeacher, '2026-08-31')).toEqual({
      hourlyRateCents: 8500,
      source: 'role',
    });
    expect(rateOn(card, 't-1', TeachingRole.GuestTeacher, '2026-09-15')).toEqual({
      hourlyRateCents: 9000,
      source: 'role',
    });
    expect(rateOn(card, 't-1', TeachingRole.GuestTeacher, '2026-12-31')).toEqual({
      hourlyRateCents: 11000,
      source: 'teacher',
    });
    expect(rateOn(card, 't-1', TeachingRole.GuestTeacher, '2027-01-01')).toEqual({
      hourlyRateCents: 9000,
      source: 'role',
    });
    expect(rateOn(card, 't-2', TeachingRole.Instructor, '2026-12-01')).toEqual({
      hourlyRateCents: 7000,
      source: 'role',
    });
    expect(rateOn(card, 't-2', TeachingRole.Teacher, '2026-12-01')).toBeNull();
    expect(rateOn(card, 't-2', TeachingRole.GuestTeacher, '2025-12-31')).toBeNull();
  });

  it('refuses implausible rates with a message that names the bounds, in English and Dutch', () => {
    expect(implausibleRate(1)).toEqual({
      en: 'must be between €25.00 and €250.00 an hour (€0.01 looks like a typing error)',
      nl: 'moet tussen €\u00a025,00 en €\u00a0250,00 per uur liggen (€\u00a00,01 lijkt een tikfout)',
    });
    expect(implausibleRate(125_050)?.nl).toMatch(/€\u00a01\.250,50 lijkt een tikfout/);
    expect(implausibleRate(25_001)?.en).toMatch(/€250\.01 looks like a typing error/);
    expect(implausibleRate(95.5)?.en).toBe('must be a whole number of euro cents');
    expect(implausibleRate(2500)).toBeNull();
    expect(implausibleRate(25_000)).toBeNull();
  });

  it('lets a coordinator move the card rate by at most 20 %, either way', () => {
    expect(rateAdjustmentProblem(10_000, 8000)).toBeNull();
    expect(rateAdjustmentProblem(10_000, 12_000)).toBeNull();
    expect(rateAdjustmentProblem(10_000, 7999)).toEqual({
      en: "may differ at most 20% from the rate card's €100.00 (between €80.00 and €120.00)",
      nl: 'mag hooguit 20% afwijken van het tarief op de tariefkaart, €\u00a0100,00 (dus tussen €\u00a080,00 en €\u00a0120,00)',
    });
    expect(rateAdjustmentProblem(10_000, 12_001)).not.toBeNull();
    expect(rateAdjustmentProblem(null, 9500)).toBeNull();
    expect(rateAdjustmentProblem(null, 1)?.en).toMatch(/typing error/);
  });

  it('costs minutes at an hourly rate to the cent', () => {
    expect(costCents(9500, 180)).toBe(28_500);
    expect(costCents(9999, 45)).toBe(7499);
  });
});
