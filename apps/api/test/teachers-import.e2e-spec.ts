import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { Client } from 'pg';
import {
  Notification,
  NotificationKind,
  TeacherAvailabilityWindow,
  TeacherProfile,
  User,
} from '../../../libs/database/src';
import { TestContext } from '../../../test/support/test-context';
import { Run } from '../../../test/support/same-answers';
import { csvOf, HEADER, row } from '../../../test/support/teacher-csv';
import { waitFor } from '../../../test/support/wait-for';

describe('teacher CSV import (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  const countOf = (companyId: string) => ctx.db.getRepository(TeacherProfile).countBy({ companyId });
  const upload = (
    auth: { Authorization: string },
    csv: string | Buffer,
    query: Record<string, string> = {},
  ) =>
    ctx.http
      .post('/api/teachers/import')
      .query(query)
      .set(auth)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(csv);

  it('imports 1,000 staff in one go with their windows, and updates them on a second upload', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const rows = Array.from({ length: 1000 }, (_, index) => row(index + 1));

    const first = await upload(companyAdmin.auth, csvOf(rows)).expect(200);
    expect(first.body).toEqual({ created: 1000, updated: 0, total: 1000, invited: 0, encoding: 'utf-8' });
    expect(await countOf(company.id)).toBe(1000);
    const windows = await ctx.db
      .getRepository(TeacherAvailabilityWindow)
      .createQueryBuilder('window')
      .innerJoin('window.teacher', 'teacher')
      .where('teacher.companyId = :companyId', { companyId: company.id })
      .getCount();
    expect(windows).toBe(2000);

    const changed = rows.map((cells) => ({ ...cells, max_travel_km: '75', windows: 'vr 13:00-17:00' }));
    const second = await upload(companyAdmin.auth, csvOf(changed)).expect(200);
    expect(second.body).toEqual({ created: 0, updated: 1000, total: 1000, invited: 0, encoding: 'utf-8' });
    expect(await countOf(company.id)).toBe(1000);

    const list = await ctx.http
      .get('/api/teachers')
      .query({ pageSize: 1 })
      .set(companyAdmin.auth)
      .expect(200);
    expect(list.body.total).toBe(1000);
    expect(list.body.items[0]).toMatchObject({
      maxTravelKm: 75,
      releasedHoursPerWeek: 6.5,
      windows: [{ weekday: 5, start: '13:00', end: '17:00' }],
      version: 2,
    });
  });

  it('writes nothing when any row is bad, and lists every bad row with line and column', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    await ctx.newTeacher(company.id);
    const rows = [
      row(1),
      row(2, { available_from: '2027-02-30' }),
      row(3, { skills: 'bakken:MBO3' }),
      row(4, { windows: 'di 14:00-09:00' }),
      row(1),
      row(6, { first_name: '' }),
      row(7),
    ];

    const response = await upload(companyAdmin.auth, csvOf(rows)).expect(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 422, code: 'CSV_INVALID' });
    expect(response.body.errors).toEqual([
      {
        line: 3,
        column: 'available_from',
        field: 'availableFrom',
        reason: expect.stringContaining('YYYY-MM-DD'),
        code: 'isCalendarDate',
      },
      {
        line: 4,
        column: 'skills',
        field: 'skills[0].subjectCode',
        reason: expect.stringContaining('"bakken" is not a known subject code'),
        code: 'isIn',
      },
      {
        line: 5,
        column: 'windows',
        field: 'windows[0].end',
        reason: 'must be later than start (14:00)',
        code: 'endNotAfterStart',
      },
      {
        line: 6,
        column: 'employee_ref',
        field: 'employeeRef',
        reason: expect.stringContaining('already on line 2'),
        code: 'csvDuplicateRef',
      },
      {
        line: 7,
        column: 'first_name',
        field: 'firstName',
        reason: 'a value is required',
        code: 'csvValueRequired',
      },
    ]);
    expect(await countOf(company.id)).toBe(1);
  });

  it('names unknown and missing header columns', async () => {
    const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany((await ctx.newRegion()).id)).id);
    const header = [...HEADER.filter((column) => column !== 'home_city'), 'salary'];
    const response = await upload(companyAdmin.auth, csvOf([row(1)], header)).expect(422);
    expect(response.body.errors).toEqual([
      {
        line: 1,
        column: 'salary',
        field: 'salary',
        reason: expect.stringContaining('unknown column'),
        code: 'csvUnknownColumn',
      },
      {
        line: 1,
        column: 'home_city',
        field: 'home_city',
        reason: expect.stringContaining('missing column'),
        code: 'csvMissingColumn',
      },
    ]);
  });

  it('explains a broken quote in plain words, with its line, instead of the parser’s message', async () => {
    const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany((await ctx.newRegion()).id)).id);
    const lines = csvOf([row(1), row(2)]).split('\n');
    lines[2] = lines[2].replace(/;/, ';Jan "de" ');
    const response = await upload(companyAdmin.auth, lines.join('\n')).expect(422);
    expect(response.body).toMatchObject({ status: 422, code: 'CSV_INVALID' });
    expect(response.body.detail).toMatch(
      /^The file cannot be read as CSV \(line \d+\): a cell has a double quote/,
    );
    expect(response.body.errors).toEqual([
      {
        field: 'file',
        line: 3,
        reason: expect.stringContaining('write a quote inside it twice ("")'),
        code: 'csvQuoteInText',
      },
    ]);
  });

  it('reads comma-separated files too, and lets the platform admin import for a company', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const admin = await ctx.newAdmin();
    const csv = [
      HEADER.join(','),
      HEADER.map((column) => row(1, { released_hours_per_week: '4' })[column]).join(','),
    ].join('\r\n');

    await upload(admin.auth, csv).expect(400);
    const response = await upload(admin.auth, csv, { companyId: company.id }).expect(200);
    expect(response.body).toEqual({ created: 1, updated: 0, total: 1, invited: 0, encoding: 'utf-8' });
  });

  it('keeps what the file leaves out, and clears a VOG verification when the VOG date changes', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const coordinator = await ctx.newCoordinator(region.id);
    await upload(companyAdmin.auth, csvOf([row(1), row(2)])).expect(200);
    const [first, second] = await ctx.db
      .getRepository(TeacherProfile)
      .find({ where: { companyId: company.id }, order: { employeeRef: 'ASC' } });
    for (const teacher of [first, second]) {
      await ctx.http
        .put(`/api/teachers/${teacher.id}/vog-verification`)
        .set(coordinator.auth)
        .send({ issuedOn: '2026-10-01' })
        .expect(200);
    }

    const withoutEmail = HEADER.filter((column) => column !== 'email');
    await upload(
      companyAdmin.auth,
      csvOf([row(1), row(2, { vog_issued_on: '2026-11-01' })], withoutEmail),
    ).expect(200);

    const after = await ctx.db
      .getRepository(TeacherProfile)
      .find({ where: { companyId: company.id }, order: { employeeRef: 'ASC' } });
    expect(after.map((teacher) => teacher.email)).toEqual([
      'medewerker1@example.com',
      'medewerker2@example.com',
    ]);
    expect(after[0]).toMatchObject({ vogIssuedOn: '2026-10-01', vogVerifiedByUserId: coordinator.user.id });
    expect(after[1]).toMatchObject({
      vogIssuedOn: '2026-11-01',
      vogVerifiedByUserId: null,
      vogVerifiedAt: null,
    });
  });

  it('imports the documented sample file', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const sample = readFileSync(join(__dirname, '../../../docs/examples/teachers-sample.csv'), 'utf8');

    const response = await upload(companyAdmin.auth, sample).expect(200);
    expect(response.body).toEqual({ created: 5, updated: 0, total: 5, invited: 0, encoding: 'utf-8' });
    const pdg = await ctx.db
      .getRepository(TeacherProfile)
      .findOneByOrFail({ companyId: company.id, employeeRef: 'E-1003' });
    expect(pdg).toMatchObject({
      qualification: 'pdg_in_progress',
      qualificationSince: '2026-09-01',
      email: null,
    });
  });

  it('answers 415 in the problem shape for anything but text/csv', async () => {
    const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany((await ctx.newRegion()).id)).id);
    const json = await ctx.http
      .post('/api/teachers/import')
      .set(companyAdmin.auth)
      .send({ rows: [] })
      .expect(415);
    expect(json.headers['content-type']).toContain('application/problem+json');
    expect(json.body).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      correlationId: expect.any(String),
    });

    const xml = await ctx.http
      .post('/api/teachers/import')
      .set(companyAdmin.auth)
      .set('Content-Type', 'application/xml')
      .send('<rows/>')
      .expect(415);
    expect(xml.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  describe('encodings, limits and a large file (issue 9, item 9)', () => {
    const names = { first_name: 'Renée', last_name: 'van Dijk-Hoëk' };
    const storedNames = async (companyId: string) =>
      (await ctx.db.getRepository(TeacherProfile).findBy({ companyId })).map(
        (teacher) => `${teacher.firstName} ${teacher.lastName}`,
      );

    it.each([
      ['windows-1252', (text: string) => iconv.encode(text, 'windows-1252')],
      ['utf-16le', (text: string) => iconv.encode(text, 'utf-16le', { addBOM: true })],
      ['utf-16be', (text: string) => iconv.encode(text, 'utf-16be', { addBOM: true })],
      ['utf-8', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ])('reads a %s file (what Dutch Excel writes) with é and ë, and says so', async (encoding, encode) => {
      const company = await ctx.newCompany((await ctx.newRegion()).id);
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      const response = await upload(companyAdmin.auth, encode(csvOf([row(1, names)]))).expect(200);
      expect(response.body).toEqual({ created: 1, updated: 0, total: 1, invited: 0, encoding });
      expect(await storedNames(company.id)).toEqual(['Renée van Dijk-Hoëk']);
    });

    it('refuses control characters in a cell, naming the line and column', async () => {
      const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany((await ctx.newRegion()).id)).id);
      const response = await upload(
        companyAdmin.auth,
        csvOf([row(1), row(2, { home_city: 'Ut\u0000recht' })]),
      );
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        {
          line: 3,
          column: 'home_city',
          field: 'homeCity',
          reason: expect.stringContaining('control characters'),
          code: 'controlCharacters',
        },
      ]);
    });

    it('answers 413 in the problem shape for a file over 5 MiB', async () => {
      const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany((await ctx.newRegion()).id)).id);
      const header = `${HEADER.join(';')}\n`;
      const tooLarge = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
      tooLarge.write(header);
      const response = await upload(companyAdmin.auth, tooLarge).expect(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        detail: expect.stringContaining('split it into smaller files'),
      });
    });

    it('serves other requests during a 5 MB import, and refuses a second import of the company meanwhile (409)', async () => {
      const company = await ctx.newCompany((await ctx.newRegion()).id);
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      // 36,000 rows; the last one is bad, so the whole import is reading and checking (no writes
      // to wait on), the work that used to hold the event loop for seconds.
      const short = {
        email: '',
        last_name: 'Jansen',
        skills: 'elektrotechniek:MBO3',
        levels: 'MBO3',
        home_city: 'Ede',
      };
      const rows = Array.from({ length: 36_000 }, (_, index) => row(index + 1, short));
      rows[rows.length - 1] = row(36_000, { ...short, max_travel_km: 'ver' });
      const large = csvOf(rows);
      expect(Buffer.byteLength(large)).toBeGreaterThan(5_000_000);
      expect(Buffer.byteLength(large)).toBeLessThanOrEqual(5 * 1024 * 1024);

      // The import holds its company's lock from before it reads the file until it answers. Watched
      // on a connection of the test's own, opened before, so the watching needs no new connection.
      const watcher = new Client({ connectionString: ctx.config.database.url });
      await watcher.connect();
      const finished: string[] = [];
      const importing = upload(companyAdmin.auth, large).then((response) => {
        finished.push('import');
        return response;
      });
      try {
        await waitFor(
          'the import to hold its company lock',
          async () => {
            const {
              rows: [{ held }],
            } = await watcher.query<{ held: number }>(
              `SELECT count(*)::int AS held FROM pg_locks,
                      (SELECT hashtextextended('teacher-import-' || $1::text, 0) AS key) k
                WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND classid::bigint = (k.key >> 32) & 4294967295 AND objid::bigint = k.key & 4294967295`,
              [company.id],
            );
            return held === 1;
          },
          120_000,
        );
      } finally {
        await watcher.end();
      }
      const second = await upload(companyAdmin.auth, csvOf([row(1)]));
      finished.push('second import');
      const regions = await ctx.http.get('/api/regions').set(companyAdmin.auth);
      finished.push('regions');

      expect(second.status).toBe(409);
      expect(second.headers['content-type']).toContain('application/problem+json');
      expect(second.body).toMatchObject({ status: 409, code: 'IMPORT_IN_PROGRESS' });
      expect(regions.status).toBe(200);
      const imported = await importing;
      expect(imported.status).toBe(422);
      expect(imported.body.errors).toEqual([
        {
          line: 36_001,
          column: 'max_travel_km',
          field: 'maxTravelKm',
          reason: expect.any(String),
          code: 'csvNumber',
        },
      ]);
      expect(finished).toEqual(['second import', 'regions', 'import']);
      // Once it has answered, the company imports again.
      await upload(companyAdmin.auth, csvOf([row(1)])).expect(200);
    }, 300_000);
  });

  it('counts an address with an account in another organisation as invited, and tells its owner instead (item 12)', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const elsewhere = await ctx.newCompanyAdmin((await ctx.newCompany(region.id)).id);
    const header = [...HEADER, 'invite'];
    const fresh = `nieuw-${company.id}@example.com`;
    const users = ctx.db.getRepository(User);
    const usersBefore = await users.count();

    const response = await upload(
      companyAdmin.auth,
      csvOf(
        [
          row(1, { email: fresh, invite: 'ja' }),
          row(2, { email: elsewhere.user.email.toUpperCase(), invite: 'ja' }),
        ],
        header,
      ),
    ).expect(200);
    // The same answer as for two free addresses.
    expect(response.body).toEqual({ created: 2, updated: 0, total: 2, invited: 2, encoding: 'utf-8' });
    expect(await users.count()).toBe(usersBefore + 1);
    const told = await ctx.db
      .getRepository(Notification)
      .findBy({ recipientUserId: elsewhere.user.id, kind: NotificationKind.AddressInUse });
    expect(told).toHaveLength(1);
    expect(told[0].bodyText).toContain(company.name);
    const profile = await ctx.db
      .getRepository(TeacherProfile)
      .findOneByOrFail({ companyId: company.id, employeeRef: row(2).employee_ref });
    expect(profile.userId).toBeNull();
  });

  it('answers an address with an account elsewhere as a new one, importing twice: counts, teacher, users (item 12)', async () => {
    const region = await ctx.newRegion();
    const owner = await ctx.newSchoolAdmin((await ctx.newSchool(region.id)).id);
    const header = [...HEADER, 'invite'];

    /** Imports the same file twice into a new company and reads what its admin sees. */
    async function asTheImporterSeesIt(email: string) {
      const run = new Run([email]);
      const company = await ctx.newCompany(region.id);
      const companyAdmin = await ctx.newCompanyAdmin(company.id);
      const file = csvOf([row(1, { email, invite: 'ja' })], header);
      run.record('import', await upload(companyAdmin.auth, file));
      run.record('import again', await upload(companyAdmin.auth, file));
      const teachers = await ctx.http.get('/api/teachers').set(companyAdmin.auth);
      run.record('teacher list', teachers);
      const [teacher] = teachers.body.items as Array<{ id: string; userId: string }>;
      run.record('teacher read', await ctx.http.get(`/api/teachers/${teacher.id}`).set(companyAdmin.auth));
      const users = await ctx.http.get('/api/users').query({ role: 'hybrid_teacher' }).set(companyAdmin.auth);
      run.record('users', users);
      run.record(
        'the profile is invited again',
        await ctx.http
          .post('/api/users/invites')
          .set(companyAdmin.auth)
          .send({
            email: `ander-${company.id}@example.com`,
            name: 'Sanne',
            role: 'hybrid_teacher',
            teacherProfileId: teacher.id,
          }),
      );
      return run.steps;
    }

    const fresh = await asTheImporterSeesIt(`nieuw-${owner.user.id}@example.com`);
    const taken = await asTheImporterSeesIt(owner.user.email.toUpperCase());
    expect(taken).toEqual(fresh);
    expect(
      fresh.map(({ step, status, body }) => [step, status, (body as { invited?: number }).invited]),
    ).toEqual([
      ['import', 200, 1],
      ['import again', 200, 0],
      ['teacher list', 200, undefined],
      ['teacher read', 200, undefined],
      ['users', 200, undefined],
      ['the profile is invited again', 409, undefined],
    ]);
    // The teacher's userId is the id the users list shows (the same record under one name).
    const teacherRead = fresh.find(({ step }) => step === 'teacher read')?.body as { userId: string };
    const listed = fresh.find(({ step }) => step === 'users')?.body as { items: Array<{ id: string }> };
    expect(listed.items.map((user) => user.id)).toEqual([teacherRead.userId]);
    // The owner was told once per importing company, never sent a link.
    const mail = await ctx.db.getRepository(Notification).findBy({ recipientUserId: owner.user.id });
    expect(mail.map((notification) => notification.kind)).toEqual([NotificationKind.AddressInUse]);
  });
});
