import { MatchRequest, MatchTeacher } from '../region/region.types';

/** A teacher who passes every rule for `baseRequest` (Utrecht area, MBO3 electrical). */
export function baseTeacher(overrides: Partial<MatchTeacher> = {}): MatchTeacher {
  return {
    id: 't1',
    companyId: 'c1',
    skills: [{ subjectCode: 'ELEK', level: 'MBO3', proficiency: 3 }],
    levels: [],
    windows: [{ weekday: 2, start: 8 * 60, end: 17 * 60 }],
    releasedDaysPerWeek: 1,
    releasedMinutesPerWeek: 480,
    availableFrom: '2026-01-01',
    availableUntil: null,
    home: { lat: 52.09, lon: 5.12 },
    maxTravelKm: 40,
    contractHoursPerWeek: 32,
    vogIssuedOn: '2025-12-01',
    qualification: 'none',
    qualificationSince: null,
    committed: [],
    ...overrides,
  };
}

export function baseRequest(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return {
    id: 'r1',
    schoolId: 's1',
    schoolKind: 'MBO',
    subjectCode: 'ELEK',
    level: 'MBO3',
    role: 'guest_teacher',
    blocks: [{ id: 'b1', weekday: 2, start: 9 * 60, end: 11 * 60 }],
    periodStart: '2026-02-02',
    periodEnd: '2026-06-26',
    minCommitmentWeeks: 10,
    location: { lat: 52.16, lon: 5.39 },
    allowTeam: true,
    allowVogPending: false,
    ...overrides,
  };
}
