/** The teacher CSV import's columns and a valid row, for tests that upload staff files. */
export const HEADER = [
  'employee_ref',
  'first_name',
  'last_name',
  'email',
  'skills',
  'levels',
  'windows',
  'released_days_per_week',
  'released_hours_per_week',
  'available_from',
  'available_until',
  'home_city',
  'home_latitude',
  'home_longitude',
  'max_travel_km',
  'contract_hours_per_week',
  'vog_issued_on',
];

/** One valid row, as a map from column to cell; tests override single cells. */
export const row = (index: number, overrides: Record<string, string> = {}): Record<string, string> => ({
  employee_ref: `E-${String(index).padStart(5, '0')}`,
  first_name: 'Sanne',
  last_name: `Jansen ${index}`,
  email: `medewerker${index}@example.com`,
  skills: index % 2 ? 'elektrotechniek:MBO3|ict:MBO4' : 'installatietechniek:MBO2',
  levels: 'MBO3|MBO4',
  windows: 'ma 08:30-16:30|wo 09:00-12:00',
  released_days_per_week: '1',
  released_hours_per_week: '6,5',
  available_from: '2027-02-01',
  available_until: '2027-07-31',
  home_city: 'Utrecht',
  home_latitude: '52.0907',
  home_longitude: '5.1214',
  max_travel_km: '40',
  contract_hours_per_week: '36',
  vog_issued_on: '2026-10-01',
  ...overrides,
});

/** A semicolon-separated file, as Dutch spreadsheets save it. */
export const csvOf = (rows: Record<string, string>[], header = HEADER) =>
  [header.join(';'), ...rows.map((cells) => header.map((column) => cells[column] ?? '').join(';'))].join(
    '\n',
  ) + '\n';
