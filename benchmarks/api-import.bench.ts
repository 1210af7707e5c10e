/**
 * `npm run bench:api -- import` scenario (issue 9, item 9): how `GET /api/regions` answers while
 * a 5 MB CSV of 36,000 staff is imported into a company (POST /api/teachers/import, as the platform
 * admin), against the same route with nothing else running. The API runs from `dist/` in its own
 * process on a freshly seeded bench database of its own; BENCH_IMPORT_CONNECTIONS clients (10) of this process each
 * send `GET /api/regions` one after another from the moment the upload starts until it answers,
 * and every answer's latency counts (autocannon cannot be stopped at the import's answer without
 * counting its requests in flight as errors).
 *
 * Each of BENCH_ROUNDS rounds imports the same file (the first creates 36,000 profiles, the others
 * update them); the table shows every round. The database is dropped at the end. Fails when the import does not answer
 * 200 or when `GET /api/regions` fails meanwhile.
 */
import {
  benchSettings,
  BenchSettings,
  loadAverage,
  login,
  markdownTable,
  onFreshDatabase,
  query,
  startProduct,
} from './support/api-bench';

const ROWS = 36_000;
const REF_PREFIX = 'BENCH-';

/** A semicolon-separated staff file like a company's export: 36,000 rows, about 5 MB. */
function staffFile(): string {
  const header =
    'employee_ref;first_name;last_name;email;skills;levels;windows;released_days_per_week;released_hours_per_week;available_from;available_until;home_city;home_latitude;home_longitude;max_travel_km;contract_hours_per_week;vog_issued_on';
  const rows = Array.from({ length: ROWS }, (_, index) => {
    const n = index + 1;
    return [
      `${REF_PREFIX}${String(n).padStart(5, '0')}`,
      'Sanne',
      'de Vries',
      '',
      n % 2 ? 'elektrotechniek:MBO3' : 'installatietechniek:MBO2',
      'MBO3',
      'ma 08:30-16:30|wo 09:00-12:00',
      '1',
      '6,5',
      '2027-02-01',
      '2027-07-31',
      'Ede',
      '52.0907',
      '5.1214',
      '40',
      '36',
      '',
    ].join(';');
  });
  return [header, ...rows].join('\n') + '\n';
}

interface Reads {
  count: number;
  p50: number;
  p99: number;
  /** Answers other than 200, and requests that failed. */
  failures: number;
}

/**
 * `connections` clients, each sending `GET /api/regions` one after another on its own keep-alive
 * connection, until `work` settles; the latency of every answer.
 */
async function readsDuring<T>(
  url: string,
  token: string,
  connections: number,
  work: Promise<T>,
): Promise<{ reads: Reads; result: T }> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  let failures = 0;
  const client = async () => {
    while (!done) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/api/regions`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status === 200) latencies.push(performance.now() - started);
        else failures += 1;
      } catch {
        failures += 1;
      }
    }
  };
  const [result] = await Promise.all([finished, ...Array.from({ length: connections }, client)]);
  latencies.sort((a, b) => a - b);
  const at = (share: number) =>
    Math.round(latencies[Math.max(0, Math.ceil(share * latencies.length) - 1)] ?? 0);
  return { reads: { count: latencies.length, p50: at(0.5), p99: at(0.99), failures }, result };
}

async function importFile(url: string, token: string, companyId: string, file: Buffer) {
  const started = Date.now();
  const response = await fetch(`${url}/api/teachers/import?companyId=${companyId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: file,
  });
  const body = await response.text();
  if (response.status !== 200) console.log(`import answered ${response.status}: ${body}`);
  return { status: response.status, seconds: (Date.now() - started) / 1000 };
}

async function measureReadsDuringImports(settings: BenchSettings): Promise<void> {
  const connections = Number(process.env.BENCH_IMPORT_CONNECTIONS ?? 10);
  const [company] = await query<{ id: string; name: string }>(
    settings.databaseUrl,
    `SELECT id, name FROM organisation WHERE kind = 'company' ORDER BY name, id LIMIT 1`,
  );
  const file = Buffer.from(staffFile());

  const product = await startProduct(settings, 'api');
  try {
    const token = await login(product.url, 'admin@hybridmatch.demo', settings.password);
    const seconds = (n: number) => new Promise((resolve) => setTimeout(resolve, n * 1000));
    await readsDuring(product.url, token, connections, seconds(1)); // warm-up
    const alone = await readsDuring(product.url, token, connections, seconds(settings.seconds));
    const rounds = [];
    for (let round = 0; round < settings.rounds; round++)
      rounds.push(
        await readsDuring(product.url, token, connections, importFile(product.url, token, company.id, file)),
      );

    console.log(
      `## GET /api/regions during a CSV import (${(file.length / 1e6).toFixed(1)} MB, ${ROWS.toLocaleString('en')} rows, ` +
        `into ${company.name}; ${connections} clients reading GET /api/regions one request after another)\n`,
    );
    const row = (label: string, reads: Reads, importSeconds = '') => [
      label,
      importSeconds,
      String(reads.count),
      String(reads.p50),
      String(reads.p99),
      String(reads.failures),
    ];
    console.log(
      markdownTable(
        ['GET /api/regions', 'import s', 'answers', 'p50 ms', 'p99 ms', 'failed'],
        [
          row(`alone (${settings.seconds} s)`, alone.reads),
          ...rounds.map((round, index) =>
            row(
              `during import ${index + 1} (${index === 0 ? 'creates' : 'updates'} ${ROWS.toLocaleString('en')})`,
              round.reads,
              round.result.seconds.toFixed(1),
            ),
          ),
        ],
      ),
    );
    console.log(`\nload average (1/5/15 min) at the end: ${loadAverage()}`);
    const failed = rounds.filter((round) => round.result.status !== 200 || round.reads.failures > 0);
    if (failed.length) throw new Error(`${failed.length} round(s) with a failed import or failed reads`);
    const worst = Math.max(...rounds.map((round) => round.reads.p99));
    console.log(`p99 of GET /api/regions during the imports: at most ${worst} ms (goal: under 100 ms)`);
  } finally {
    await product.stop();
  }
}

onFreshDatabase(benchSettings(), 'import', { proposals: false }, measureReadsDuringImports).catch(
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
