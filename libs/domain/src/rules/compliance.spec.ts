import { complianceWarnings } from './compliance';

describe('complianceWarnings (the daily sweep)', () => {
  const base = { vogIssuedOn: null, availableUntil: null, pdgSince: null, placements: [] };

  it('warns of a VOG that becomes too old for a next start within 30 days, while the teacher stays available', () => {
    // Issued 2026-06-20: the last day to start on is 2026-12-20; from 2026-12-21 it is too old.
    const vog = { ...base, vogIssuedOn: '2026-06-20' };
    expect(complianceWarnings(vog, '2026-12-03')).toEqual([
      { kind: 'vog_expiring', dueOn: '2026-12-21', placementId: null },
    ]);
    expect(complianceWarnings(vog, '2026-11-01')).toEqual([]); // not yet within 30 days
    expect(complianceWarnings(vog, '2026-12-21')).toEqual([]); // already too old: the rule book refuses
    expect(complianceWarnings({ ...vog, availableUntil: '2026-12-15' }, '2026-12-03')).toEqual([]);
  });

  it('warns of a PDG deadline within 90 days that falls inside a placement', () => {
    const pdg = {
      ...base,
      pdgSince: '2025-02-01', // deadline 2027-01-31
      placements: [{ id: 'p1', startDate: '2026-09-01', endDate: '2027-07-09' }],
    };
    expect(complianceWarnings(pdg, '2026-12-03')).toEqual([
      { kind: 'pdg_deadline', dueOn: '2027-01-31', placementId: 'p1' },
    ]);
    expect(complianceWarnings(pdg, '2026-10-01')).toEqual([]);
    const endsBefore = { ...pdg, placements: [{ id: 'p2', startDate: '2026-09-01', endDate: '2027-01-31' }] };
    expect(complianceWarnings(endsBefore, '2026-12-03')).toEqual([]);
  });
});
