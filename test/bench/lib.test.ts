// bench/lib.mjs: sizes, answer comparison, goals and the DuckDB KPI query on a hand-built file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FRT_SL_KEYS, compareKpis, evaluateGoals, kpiSql, kpisFromReport, parseSize, quoter, roundedKeys, type Kpis, type Measurement,
} from '../../bench/lib.mjs';

describe('parseSize', () => {
  it.each([
    ['100m', 100, 660_000],
    ['1g', 1000, 6_600_000],
    ['1.5G', 1500, 9_900_000],
    ['10mb', 10, 66_000],
  ])('%s', (text, megabytes, rows) => {
    expect(parseSize(text)).toMatchObject({ megabytes, rows });
  });
  it.each(['5x', '', 'm', '0m'])('rejects %j', (text) => {
    expect(() => parseSize(text)).toThrow(/size/);
  });
});

describe('compareKpis', () => {
  const reference: Kpis = { chats: 100, missed: 10, frt_mean: 48.737, frt_p90: 105, service_level: 0.300276 };
  it('accepts equal counts and figures within 1e-4 relative', () => {
    expect(compareKpis({ chats: 100, missed: 10, frt_mean: 48.736963, frt_p90: 105, service_level: 0.3002762766 }, reference)).toEqual([]);
  });
  it('flags a count off by one, a mean off by 1e-3 relative and a missing figure', () => {
    const problems = compareKpis({ chats: 101, missed: 10, frt_mean: 48.79, frt_p90: 105 }, reference);
    expect(problems.map((p) => p.key)).toEqual(['chats', 'frt_mean', 'service_level']);
  });
  it('checks only the keys asked for', () => {
    expect(compareKpis({ frt_mean: 48.737, frt_p90: 105, service_level: 0.300276 }, reference, FRT_SL_KEYS)).toEqual([]);
  });
});

describe('kpisFromReport', () => {
  it('reads the CONTRACT.md JSON shape', () => {
    const report = {
      metrics: {
        chats: { value: 1200, by_status: { open: 3, missed: 40, resolved: 1157 } },
        first_response_time: { unit: 'seconds', count: 1157, mean: 31.4, median: 18, p90: 75, max: 600 },
        service_level: { value: 0.83, threshold_seconds: 20, count: 1200 },
        csat: { value: 0.86, responses: 310, mean: 4.3 },
      },
    };
    expect(kpisFromReport(report)).toEqual({
      chats: 1200, missed: 40, frt_count: 1157, frt_mean: 31.4, frt_median: 18, frt_p90: 75, frt_max: 600,
      service_level: 0.83, ratings: 310, csat: 0.86,
    });
  });
  it('leaves absent metrics undefined', () => {
    expect(kpisFromReport({ metrics: { service_level: { value: 0.5 } } }).chats).toBeUndefined();
    expect(kpisFromReport('not a report').service_level).toBeUndefined();
  });
});

describe('evaluateGoals', () => {
  const m = (seconds: number, rssMiB = 50, bytes = 100e6): Measurement => ({ seconds, bytes, rssMiB });
  it('turns measurements into PASS and MISS by the issue-6 limits', () => {
    const sizes = [parseSize('100m'), parseSize('1g')];
    const goals = evaluateGoals(sizes, {
      '100m': {
        read: m(0.05), papaparse: m(1), duckdb: m(0.5), chatkpi: m(0.6, 60), 'chatkpi-frt-sl': m(0.4),
        'chatkpi-ndjson': m(1.3), gunzip: m(0.4), 'chatkpi-gz': m(0.9),
      },
      '1g': { read: m(0.5, 50, 1e9), papaparse: m(10, 50, 1e9), duckdb: m(2, 50, 1e9), chatkpi: m(5, 80, 1e9) },
    });
    const status = Object.fromEntries(goals.map((g) => [`${g.size} ${g.goal}`, g.status]));
    expect(status).toEqual({
      '100m end-to-end at least as fast as papaparse raw parse': 'PASS', // 0.6 / 1
      '100m FRT+SL only within 0.9x DuckDB time': 'PASS', // 0.4 / 0.5 = 0.8
      '100m full report within 1.25x DuckDB time': 'PASS', // 0.6 / 0.5 = 1.2
      '100m end-to-end at least 0.2x the read floor throughput': 'MISS', // 167 / 2000 MB/s
      '100m NDJSON within 2x CSV time': 'MISS', // 1.3 / 0.6 = 2.17
      '100m .csv.gz within CSV time + zlib time': 'PASS', // 0.9 <= 0.6 + 0.4
      '1g end-to-end at least as fast as papaparse raw parse': 'PASS', // 5 / 10
      '1g FRT+SL only within 0.9x DuckDB time': 'n/a',
      '1g full report within 1.25x DuckDB time': 'MISS', // 5 / 2
      '1g end-to-end at least 0.2x the read floor throughput': 'MISS', // 200 / 2000 MB/s = 0.1
      '1g peak RSS at most 128 MB on the largest file': 'PASS', // 80
      '1g peak RSS at 1g at most 1.25x the 100m figure': 'MISS', // 80 / 60 = 1.33
    });
  });
});

// DuckDB is installed by `npm run bench`, not by `npm ci` (bench/ensure-duckdb.mjs), so it is loaded by name and
// these tests are skipped without it.
interface DuckDB {
  DuckDBInstance: {
    create(path: string, options: Record<string, string>): Promise<{
      connect(): Promise<{
        runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
        closeSync(): void;
      }>;
    }>;
  };
}
const isDuckDB = (value: unknown): value is DuckDB =>
  typeof value === 'object' && value !== null && 'DuckDBInstance' in value;
const DUCKDB_PACKAGE: string = '@duckdb/node-api';
const duckdb: DuckDB | undefined = await import(DUCKDB_PACKAGE).then((m: unknown) => (isDuckDB(m) ? m : undefined), () => undefined);

describe.skipIf(duckdb === undefined)('kpiSql', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatkpi-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const header = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating\n';
  const query = async (name: string, rows: string): Promise<Record<string, number | null>> => {
    const file = join(dir, name);
    writeFileSync(file, header + rows);
    if (!duckdb) throw new Error('unreachable: skipped without DuckDB');
    const instance = await duckdb.DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const [row] = (await connection.runAndReadAll(kpiSql(file))).getRowObjectsJS();
    connection.closeSync();
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? null : Number(v)]));
  };

  it('answers the README definitions on five hand-built conversations', async () => {
    const answer = await query('five.csv', [
      'A,2024-01-01T10:00:00Z,customer,Cy,Ana,Support,web,hello,', // A: bot at 2 s does not count; agent at 50 s
      'B,2024-01-01T10:00:05Z,customer,Di,Bo,Support,web,"hi, it says ""late""\nsecond line",',
      'A,2024-01-01T10:00:02Z,bot,Bot,Ana,Support,web,hi,',
      'B,2024-01-01T10:00:15Z,agent,Bo,Bo,Support,web,ok,5', // B: 10 s, rated 5
      'A,2024-01-01T10:00:50Z,agent,Ana,Ana,Support,web,sorry,3', // A: 50 s, rated 3
      'C,2024-01-01T10:01:00Z,customer,Ed,,Sales,ios,anyone?,', // C: missed
      'C,2024-01-01T10:05:00Z,system,System,,Sales,ios,left,',
      'D,2024-01-01T10:02:00Z,customer,Fe,Bo,Sales,ios,hi,',
      'D,2024-01-01T10:02:20Z,agent,Bo,Bo,Sales,ios,hi,', // D: exactly 20 s counts as within
      'E,2024-01-01T10:03:00Z,bot,Bot,Ana,Sales,web,welcome,', // E: the clock starts at the customer, 5 s later
      'E,2024-01-01T10:03:05Z,customer,Gi,Ana,Sales,web,help,',
      'E,2024-01-01T10:03:30Z,agent,Ana,Ana,Sales,web,sure,4', // E: 25 s, rated 4
    ].join('\n') + '\n');
    // FRTs sorted: 10, 20, 25, 50. median = (20+25)/2; p90 at index 2.7 = 25 + 0.7 * 25.
    expect(answer).toEqual({
      chats: 5, missed: 1, frt_count: 4, frt_mean: 26.25, frt_median: 22.5, frt_p90: 42.5, frt_max: 50,
      service_level: 2 / 5, ratings: 3, csat: 2 / 3, agent_before_request: 0,
    });
  });

  it('flags an agent row before the request, which the one-pass query cannot place', async () => {
    const answer = await query('early.csv', [
      'F,2024-01-01T10:04:00Z,agent,Ana,Ana,Support,web,proactive hello,',
      'F,2024-01-01T10:04:10Z,customer,Hu,Ana,Support,web,question,',
      'F,2024-01-01T10:04:40Z,agent,Ana,Ana,Support,web,answer,',
    ].join('\n') + '\n');
    expect(answer.agent_before_request).toBe(1);
  });
});

describe('roundedKeys', () => {
  it('accepts a figure equal to the expected one rounded to the report decimals, and names it', () => {
    const expected: Kpis = { service_level: 0.300276, csat: 0.754548, frt_mean: 48.737 };
    const actual: Kpis = { service_level: 0.3, csat: 0.755, frt_mean: 48.737 };
    expect(compareKpis(actual, expected)).toEqual([]);
    expect(roundedKeys(actual, expected)).toEqual(['service_level', 'csat']);
  });
  it('still flags a figure that no rounding explains', () => {
    expect(compareKpis({ service_level: 0.301 }, { service_level: 0.300276 }).map((p) => p.key)).toEqual(['service_level']);
  });
});

describe('quoter', () => {
  /** `csv` through a quoter in chunks of `size` bytes. */
  const quoteAll = (csv: string, size: number): string => {
    const quote = quoter();
    const bytes = Buffer.from(csv);
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) parts.push(quote(bytes.subarray(i, i + size)));
    parts.push(quote());
    return Buffer.concat(parts).toString();
  };

  it('quotes every field, keeps quoted ones as they are, and leaves blank lines blank', () => {
    const csv = 'id,text,n\r\nA,"a ""b"", c\nd",1\n\nB,,\n"",x,"y"';
    const want = '"id","text","n"\r\n"A","a ""b"", c\nd","1"\n\n"B","",""\n"","x","y"';
    for (const size of [1, 2, 5, 64]) expect(quoteAll(csv, size)).toBe(want);
  });

  it('gives the records csv-parse gives, in any chunking, and is idempotent (property)', () => {
    // fields as a CSV writer quotes them: only those that need it
    const cell = fc.string({ maxLength: 6 }).map((t) => (/[",\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('\n', '\r\n'), (rows, size, eol) => {
        const csv = rows.map((r) => r.join(',')).join(eol) + eol;
        const quoted = quoteAll(csv, size);
        expect(parse(quoted, { relax_column_count: true })).toEqual(parse(csv, { relax_column_count: true }));
        expect(quoteAll(quoted, size)).toBe(quoted);
      }),
      { numRuns: 300 },
    );
  });
});
