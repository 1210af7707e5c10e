import {
  EducationLevel,
  MatchRequest,
  MatchTeacher,
  Qualification,
  SchoolKind,
} from '../region/region.types';

/** Small, fast, seeded PRNG (mulberry32): the same seed always gives the same instance. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Real Dutch towns (approximate coordinates) with a rough weight by size: places, not people. */
export const DUTCH_TOWNS: readonly { name: string; lat: number; lon: number; weight: number }[] = [
  { name: 'Amsterdam', lat: 52.37, lon: 4.9, weight: 9 },
  { name: 'Rotterdam', lat: 51.92, lon: 4.48, weight: 7 },
  { name: 'Den Haag', lat: 52.08, lon: 4.31, weight: 6 },
  { name: 'Utrecht', lat: 52.09, lon: 5.12, weight: 4 },
  { name: 'Eindhoven', lat: 51.44, lon: 5.47, weight: 3 },
  { name: 'Groningen', lat: 53.22, lon: 6.57, weight: 2.5 },
  { name: 'Tilburg', lat: 51.56, lon: 5.09, weight: 2.5 },
  { name: 'Almere', lat: 52.37, lon: 5.22, weight: 2.3 },
  { name: 'Breda', lat: 51.59, lon: 4.78, weight: 2 },
  { name: 'Nijmegen', lat: 51.84, lon: 5.86, weight: 2 },
  { name: 'Enschede', lat: 52.22, lon: 6.89, weight: 1.8 },
  { name: 'Apeldoorn', lat: 52.21, lon: 5.97, weight: 1.8 },
  { name: 'Haarlem', lat: 52.38, lon: 4.64, weight: 1.8 },
  { name: 'Arnhem', lat: 51.98, lon: 5.91, weight: 1.7 },
  { name: 'Amersfoort', lat: 52.16, lon: 5.39, weight: 1.7 },
  { name: 'Zwolle', lat: 52.52, lon: 6.09, weight: 1.4 },
  { name: "'s-Hertogenbosch", lat: 51.69, lon: 5.3, weight: 1.6 },
  { name: 'Leiden', lat: 52.16, lon: 4.49, weight: 1.3 },
  { name: 'Maastricht', lat: 50.85, lon: 5.69, weight: 1.3 },
  { name: 'Dordrecht', lat: 51.81, lon: 4.67, weight: 1.3 },
  { name: 'Leeuwarden', lat: 53.2, lon: 5.8, weight: 1.3 },
  { name: 'Delft', lat: 52.01, lon: 4.36, weight: 1 },
  { name: 'Venlo', lat: 51.37, lon: 6.17, weight: 1 },
  { name: 'Deventer', lat: 52.25, lon: 6.16, weight: 1 },
  { name: 'Helmond', lat: 51.48, lon: 5.66, weight: 0.9 },
  { name: 'Alkmaar', lat: 52.63, lon: 4.75, weight: 1 },
  { name: 'Emmen', lat: 52.79, lon: 6.9, weight: 0.9 },
  { name: 'Hengelo', lat: 52.27, lon: 6.79, weight: 0.8 },
  { name: 'Middelburg', lat: 51.5, lon: 3.61, weight: 0.5 },
  { name: 'Den Helder', lat: 52.96, lon: 4.76, weight: 0.5 },
];

export const SUBJECTS: readonly string[] = ['ELEK', 'INST', 'BOUW', 'WERK', 'MECH', 'MOTOR', 'ICT', 'PROC'];
const LEVELS: readonly EducationLevel[] = ['MBO1', 'MBO2', 'MBO3', 'MBO4', 'HBO'];

export interface SyntheticOptions {
  seed: number;
  teachers: number;
  requests: number;
  /** Blocks per request, inclusive range. */
  minBlocks?: number;
  maxBlocks?: number;
  /** Share of requests that accept a team (default 0.7). */
  teamShare?: number;
  /** Share of teachers with an approved placement elsewhere (default 0.2). */
  committedShare?: number;
  /** Scales travel distance, the main density knob (default 1). */
  travelScale?: number;
  /** Number of subjects in use (default all 8). */
  subjects?: number;
}

export interface SyntheticInstance {
  teachers: MatchTeacher[];
  requests: MatchRequest[];
}

/** A synthetic region (the whole country) from a fixed seed. No real personal data. */
export function syntheticRegion(o: SyntheticOptions): SyntheticInstance {
  const rnd = mulberry32(o.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const subjects = SUBJECTS.slice(0, o.subjects ?? SUBJECTS.length);
  const totalWeight = DUTCH_TOWNS.reduce((s, t) => s + t.weight, 0);
  const town = (flatten: number): { lat: number; lon: number } => {
    // flatten in [0, 1]: 0 = by population, 1 = uniform over towns (companies spread wider).
    let x = rnd() * (totalWeight * (1 - flatten) + DUTCH_TOWNS.length * flatten);
    for (const t of DUTCH_TOWNS) {
      x -= t.weight * (1 - flatten) + flatten;
      if (x <= 0) return jitter(t);
    }
    return jitter(DUTCH_TOWNS[0]);
  };
  const jitter = (t: { lat: number; lon: number }): { lat: number; lon: number } => ({
    lat: round4(t.lat + (rnd() - 0.5) * 0.16),
    lon: round4(t.lon + (rnd() - 0.5) * 0.26),
  });
  const travelScale = o.travelScale ?? 1;

  const teachers: MatchTeacher[] = [];
  const companies = Math.max(1, Math.round(o.teachers / 8));
  for (let i = 0; i < o.teachers; i++) {
    const nSkills = int(2, 4);
    const skills: MatchTeacher['skills'] = [];
    const used = new Set<string>();
    for (let k = 0; k < nSkills; k++) {
      const s = pick(subjects);
      if (used.has(s)) continue;
      used.add(s);
      skills.push({ subjectCode: s, level: LEVELS[int(2, 4)], proficiency: int(1, 3) as 1 | 2 | 3 });
    }
    const days = new Set<number>();
    const nDays = int(2, 4);
    while (days.size < nDays) days.add(int(1, 5));
    const windows = [...days]
      .sort()
      .map((weekday) => ({ weekday, start: pick([480, 510, 540]), end: pick([960, 1020, 1050]) }));
    const releasedDays = rnd() < 0.6 ? 1 : 2;
    const qualification: Qualification = pick([
      'none',
      'none',
      'none',
      'pdg_in_progress',
      'pdg_in_progress',
      'pdg',
      'full',
    ] as const);
    const committed: MatchTeacher['committed'] = [];
    if (rnd() < (o.committedShare ?? 0.2)) {
      const w = windows[0];
      committed.push({
        weekday: w.weekday,
        start: w.start,
        end: w.start + 120,
        schoolKind: pick(['MBO', 'MBO', 'HBO', 'HTC'] as const),
      });
    }
    const fromMonth = int(0, 8);
    teachers.push({
      id: `t${i + 1}`,
      companyId: `c${1 + Math.floor(rnd() * companies)}`,
      skills,
      levels: rnd() < 0.8 ? [] : LEVELS.filter(() => rnd() < 0.7),
      windows,
      releasedDaysPerWeek: releasedDays,
      releasedMinutesPerWeek: releasedDays * pick([240, 360, 480]),
      availableFrom: isoDate(2025, 12 + fromMonth, 1),
      availableUntil: rnd() < 0.5 ? null : isoDate(2026, 6 + fromMonth + int(4, 14), 1),
      home: town(0.6),
      maxTravelKm: Math.round(pick([25, 35, 45, 60]) * travelScale),
      contractHoursPerWeek: pick([24, 32, 36, 38, 40, 40]),
      vogIssuedOn: rnd() < 0.1 ? null : isoDate(2025, 6 + int(0, 14), int(1, 28)),
      qualification,
      qualificationSince:
        qualification === 'pdg_in_progress'
          ? isoDate(2023, int(1, 36), 1)
          : qualification === 'none'
            ? null
            : isoDate(2015, int(1, 100), 1),
      committed,
      previousSchoolIds: rnd() < 0.3 ? [`s${int(1, Math.max(1, Math.round(o.requests / 4)))}`] : [],
      preferredSubjects: rnd() < 0.5 ? [pick([...used])] : [],
    });
  }

  const requests: MatchRequest[] = [];
  const schools = Math.max(1, Math.round(o.requests / 4));
  const schoolPlace = Array.from({ length: schools }, () => town(0));
  const schoolKind: SchoolKind[] = Array.from({ length: schools }, () =>
    pick(['MBO', 'MBO', 'MBO', 'HBO', 'HTC'] as const),
  );
  const minB = o.minBlocks ?? 1;
  const maxB = o.maxBlocks ?? 3;
  for (let i = 0; i < o.requests; i++) {
    const s = int(1, schools) - 1;
    const kind = schoolKind[s];
    const nBlocks = int(minB, maxB);
    const blocks: MatchRequest['blocks'] = [];
    for (let k = 0; k < nBlocks; k++) {
      const start = pick([510, 540, 600, 780, 810]);
      blocks.push({
        id: `r${i + 1}b${k + 1}`,
        weekday: int(1, 5),
        start,
        end: start + pick([90, 120, 150, 180]),
      });
    }
    const semester = rnd() < 0.5;
    requests.push({
      id: `r${i + 1}`,
      schoolId: `s${s + 1}`,
      schoolKind: kind,
      subjectCode: pick(subjects),
      level: kind === 'HBO' ? 'HBO' : LEVELS[int(0, 3)],
      role: pick(['guest_teacher', 'instructor', 'teacher'] as const),
      blocks,
      periodStart: semester ? '2026-02-02' : '2026-08-31',
      periodEnd: semester ? '2026-06-26' : '2027-01-29',
      minCommitmentWeeks: pick([6, 10, 15, 20]),
      location: schoolPlace[s],
      allowTeam: rnd() < (o.teamShare ?? 0.7),
      allowVogPending: rnd() < 0.3,
    });
  }
  return { teachers, requests };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function isoDate(year: number, month: number, day: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A synthetic region with extra variety: duplicate skills, tight budgets, short availability. */
export function variedRegion(seed: number): { teachers: MatchTeacher[]; requests: MatchRequest[] } {
  const { teachers, requests } = syntheticRegion({
    seed,
    teachers: 60,
    requests: 40,
    minBlocks: 1,
    maxBlocks: 4,
    travelScale: 1 + (seed % 3),
    committedShare: 0.5,
    subjects: 4,
  });
  const rnd = mulberry32(seed);
  for (const t of teachers) {
    if (rnd() < 0.3 && t.skills.length > 0)
      t.skills.push({ ...t.skills[0], level: rnd() < 0.5 ? 'HBO' : 'MBO2', proficiency: 3 });
    if (rnd() < 0.15) t.releasedMinutesPerWeek = Math.floor(rnd() * 200);
    if (rnd() < 0.1) t.contractHoursPerWeek = 44 + Math.floor(rnd() * 4);
    if (rnd() < 0.1) t.releasedDaysPerWeek = 0;
    if (rnd() < 0.1) t.availableUntil = '2026-09-30';
    if (rnd() < 0.1) t.maxTravelKm = 0;
    // HBO_DIDACTIC: some have the qualification, some committed hours at a school of the region.
    t.hasHboDidactic = rnd() < 0.3;
    for (const c of t.committed ?? [])
      if (rnd() < 0.5) c.schoolId = requests[Math.floor(rnd() * requests.length)].schoolId;
  }
  for (const r of requests)
    if (r.schoolKind === 'HBO' && rnd() < 0.7)
      r.hboDidacticFteThreshold = [0.05, 0.1, 0.2][Math.floor(rnd() * 3)];
  return { teachers, requests };
}

/** Gives every committed slot the dates of one of the synthetic periods (or none). */
export function dateCommitments(teachers: MatchTeacher[], seed: number): void {
  const rnd = mulberry32(seed);
  const periods = [
    { from: '2026-02-02', until: '2026-06-26' },
    { from: '2026-08-31', until: '2027-01-29' },
    { from: '2026-03-16', until: '2026-04-30' },
    {},
  ];
  for (const t of teachers)
    t.committed = (t.committed ?? []).map((c) => ({ ...c, ...periods[Math.floor(rnd() * periods.length)] }));
}
