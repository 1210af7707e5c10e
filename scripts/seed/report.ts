import { OrganisationKind, UserRole } from '@hybridmatch/domain';
import { SeedData } from './generate';
import { SeedProgress } from './write';

/** Progress on stdout: a line per table (rewritten in place on a terminal as the chunks go in). */
export function printProgress(stream: NodeJS.WriteStream = process.stdout): SeedProgress {
  return (table, done, total) => {
    const line = `  ${table} ${done}/${total}`;
    if (stream.isTTY) stream.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total) stream.write(`${line}\n`);
  };
}

export interface DemoLogin {
  role: string;
  email: string;
  note: string;
}

/** One login of each role, to try the demo with; the note says who they are and where the others are. */
export function demoLogins(data: SeedData): DemoLogin[] {
  const organisation = new Map(data.organisations.map((row) => [row.id, row]));
  const regionName = new Map(data.regions.map((region) => [region.id, region.name]));
  const first = (role: UserRole) => data.users.find((user) => user.role === role)!;
  const admin = first(UserRole.PlatformAdmin);
  const coordinator = first(UserRole.RegionalCoordinator);
  const companyAdmin = first(UserRole.CompanyAdmin);
  const schoolAdmin = first(UserRole.SchoolAdmin);
  const teacher = first(UserRole.HybridTeacher);
  const orgOf = (user: { organisationId: string | null }) => organisation.get(user.organisationId!)!;
  const count = (role: UserRole) => data.users.filter((user) => user.role === role).length;
  return [
    { role: 'platform admin', email: admin.email, note: admin.name },
    {
      role: 'regional coordinator',
      email: coordinator.email,
      note: `${regionName.get(coordinator.regionIds[0])}; one per region: coordinator.<region code>@…`,
    },
    {
      role: 'company admin',
      email: companyAdmin.email,
      note: `${orgOf(companyAdmin).name}; company.001 … company.${pad(count(UserRole.CompanyAdmin), 3)}`,
    },
    {
      role: 'school admin',
      email: schoolAdmin.email,
      note: `${orgOf(schoolAdmin).name}; school.001 … school.${pad(count(UserRole.SchoolAdmin), 3)}`,
    },
    {
      role: 'hybrid teacher',
      email: teacher.email,
      note: `${teacher.name} at ${orgOf(teacher).name}; one teacher in ten has no login and answers by e-mail link`,
    },
  ];
}

/** The counts of a seeded data set, as lines for the console. */
export function summaryLines(data: SeedData): string[] {
  const kinds = (kind: OrganisationKind) => data.organisations.filter((row) => row.kind === kind).length;
  const roles = (role: UserRole) => data.users.filter((user) => user.role === role).length;
  return [
    `  ${data.regions.length} regions: ${data.regions.map((region) => region.name).join(', ')}`,
    `  ${kinds(OrganisationKind.Company)} companies, ${kinds(OrganisationKind.MboSchool)} MBO schools, ${kinds(OrganisationKind.HboSchool)} HBO schools, ` +
      `${kinds(OrganisationKind.Techniekcentrum)} Hybride Techniekcentra (${data.locations.length} locations)`,
    `  ${data.teachers.length} hybrid teachers (${data.windows.length} weekly availability windows)`,
    `  ${data.requests.length} open teaching requests (${data.blocks.length} weekly lesson blocks)`,
    `  ${data.users.length} logins: ${roles(UserRole.PlatformAdmin)} platform admin, ${roles(UserRole.RegionalCoordinator)} coordinators, ` +
      `${roles(UserRole.CompanyAdmin)} company admins, ${roles(UserRole.SchoolAdmin)} school admins, ${roles(UserRole.HybridTeacher)} teachers`,
  ];
}

export function loginLines(data: SeedData, password: string): string[] {
  const logins = demoLogins(data);
  const width = Math.max(...logins.map((login) => login.email.length));
  return [
    `Demo logins (all with the password "${password}"):`,
    ...logins.map((login) => `  ${login.role.padEnd(21)} ${login.email.padEnd(width)}  (${login.note})`),
  ];
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
