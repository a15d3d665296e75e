// Issue 6's hostile shapes, small: many conversations open at once, one long conversation, one huge field, deep
// JSON. Under the limits each gives the right report on every path; past them, a one-line error and exit 3.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, reportJson } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chatkpi-limits-'));
const HEADER = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';
const T0 = Date.UTC(2026, 0, 5);
const iso = (ms: number): string => new Date(ms).toISOString();

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** One CSV in the three ways it can be read: fused fast path, general path (an `internal` column), csv-parse. */
function threeWays(name: string, rows: string[][]): [string, string[]][] {
  const csv = (cells: string[]): string => cells.join(',');
  const plain = file(`${name}.csv`, [HEADER, ...rows.map(csv)].join('\n') + '\n');
  const general = file(`${name}.general.csv`, [`${HEADER},internal`, ...rows.map((r) => `${csv(r)},`)].join('\n') + '\n');
  return [['fast path', [plain]], ['general path', [general]], ['csv-parse', [plain, '--csv-engine', 'csv-parse']]];
}

const row = (id: string, at: number, role: string, message = 'hi'): string[] => [id, iso(at), role, role === 'agent' ? 'Ana' : `C-${id}`, 'Ana', 'Support', 'web', message, ''];

interface Frt {
  count: number;
  min: number;
  max: number;
}
const frtOf = (r: Awaited<ReturnType<typeof reportJson>>): Frt => r.metrics.first_response_time as unknown as Frt;

describe('many conversations open at once', () => {
  // 300 customers write 0.1 s apart, then each is answered 6 h after writing: every one is open until the replies.
  const n = 300;
  const rows = [...Array.from({ length: n }, (_, i) => row(`C${i}`, T0 + i * 100, 'customer')), ...Array.from({ length: n }, (_, i) => row(`C${i}`, T0 + 6 * 3600_000 + i * 100, 'agent'))];
  it.each(threeWays('open', rows))('%s: 300 chats, each first response 6 h', async (_path, args) => {
    const r = await reportJson(args);
    expect(r.metrics.chats!.value).toBe(n);
    expect(frtOf(r)).toMatchObject({ count: n, min: 21_600, max: 21_600 });
  });
});

describe('one conversation with thousands of messages', () => {
  // 3001 messages, customer first then turns, 1 s apart: one chat, first response after 1 s, 1500 replies.
  const rows = Array.from({ length: 3001 }, (_, i) => row('L1', T0 + i * 1000, i % 2 === 0 ? 'customer' : 'agent'));
  it.each(threeWays('long', rows))('%s: one chat, first response 1 s', async (_path, args) => {
    const r = await reportJson(args);
    expect(r.metrics.chats!.value).toBe(1);
    expect(frtOf(r)).toMatchObject({ count: 1, min: 1, max: 1 });
  });
});

describe('a long conversation that goes back in time', () => {
  // 1,100 in-order turns (compacted at 1,024 events), then Bo's reply stamped 0.5 s after the first customer message.
  const rows = Array.from({ length: 1100 }, (_, i) => row('L2', T0 + i * 10_000, i % 2 === 0 ? 'customer' : 'agent'));
  rows.push(['L2', iso(T0 + 500), 'agent', 'Bo', 'Bo', 'Support', 'web', 'late', '']);
  const csv = [`${HEADER},internal`, ...rows.map((r) => `${r.join(',')},`)].join('\n') + '\n';

  it('from a file: read again without early folding, and the late reply is the first response (0.5 s)', async () => {
    const r = await cli(['report', file('late.csv', csv), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not in time order: .*a long one went back in time; reading again/);
    expect((JSON.parse(r.stdout) as { metrics: { first_response_time: Frt } }).metrics.first_response_time).toMatchObject({ count: 1, min: 0.5, max: 0.5 });
  });

  it('from standard input: a warning naming the conversation, and a report', async () => {
    const r = await cli(['report', '-', '--format', 'json'], { stdin: csv });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 conversations came back .* or went back in time after 1,024 events \(first: L2\)/);
  });
});

describe('one huge field', () => {
  // B1 answered after 30 s; B2's customer message (line 4) is a 5,000-byte pasted log, answered after 60 s.
  const log = `${'x'.repeat(99)}\n`.repeat(50);
  const rows = [row('B1', T0, 'customer'), row('B1', T0 + 30_000, 'agent'), row('B2', T0 + 60_000, 'customer', `"${log}"`), row('B2', T0 + 120_000, 'agent')];
  const objects = rows.map((r) => JSON.stringify({ conversation_id: r[0], timestamp: r[1], author_type: r[2], author_name: r[3], agent: 'Ana', message: r[7] === 'hi' ? 'hi' : log }));
  const json = file('field.json', `[\n${objects.join(',\n')}\n]\n`);
  const ndjson = file('field.ndjson', `${objects.join('\n')}\n`);
  const all: [string, string[]][] = [...threeWays('field', rows), ['JSON', [json]], ['NDJSON', [ndjson]], ['NDJSON, general path', [ndjson, '--csv-engine', 'csv-parse']]];

  it.each(all)('%s, under the limit: two chats, first responses 30 s and 60 s', async (_path, args) => {
    const r = await reportJson(args);
    expect(r.metrics.chats!.value).toBe(2);
    expect(frtOf(r)).toMatchObject({ count: 2, min: 30, max: 60 });
  });

  // The line where the big record starts: CSV and the JSON array (after its `[` line) on 4, NDJSON on 3. The
  // fused fast path gives up on the record and the general path names it.
  it.each([
    ['fast path', all[0]![1], 'field.csv:4: field "message": the row starting here'],
    ['NDJSON, fast path', all[4]![1], 'field.ndjson:3: the line starting here'],
    ['general path', all[1]![1], 'field.general.csv:4: field "message": the row starting here'],
    ['csv-parse', all[2]![1], 'field.csv:4: field "message": the row starting here'],
    ['JSON', [json], 'field.json:4: field "message": JSON record 3'],
    ['NDJSON, general path', all[5]![1], 'field.ndjson:3: the line starting here'],
  ])('%s, over CHATKPI_MAX_RECORD_BYTES=1K: exit 3 naming the line', async (_path, args, where) => {
    const r = await cli(['report', ...args, '--format', 'json'], { env: { CHATKPI_MAX_RECORD_BYTES: '1K' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${where} is larger than 1 KiB, the limit for one record\n`);
    expect(r.stderr).toMatch(/to accept it, set CHATKPI_MAX_RECORD_BYTES/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.stdout).toBe('');
  });

  it('a limit that is not a size is a usage error (exit 2)', async () => {
    const r = await cli(['report', json], { env: { CHATKPI_MAX_RECORD_BYTES: 'huge' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CHATKPI_MAX_RECORD_BYTES=huge: not a size/);
  });
});

describe('JSON nested 10,000 levels deep', () => {
  const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
  const customer = { conversation_id: 'D1', timestamp: iso(T0), author_type: 'customer', author_name: 'Bo', message: 'hi' };
  const agent = { conversation_id: 'D1', timestamp: iso(T0 + 30_000), author_type: 'agent', author_name: 'Ana', agent: 'Ana', message: 'yo' };
  const withDeep = `${JSON.stringify(agent).slice(0, -1)},"meta":${deep}}`;
  // 2,000 ordinary messages first put the deep one past the 64 KiB head, so the streaming reader meets it.
  const filler = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ ...customer, conversation_id: `F${i}` }));

  it.each([
    ['in the head', `[${JSON.stringify(customer)},${withDeep}]`],
    ['past the head', `[${[...filler, JSON.stringify(customer), withDeep].join(',\n')}]`],
  ])('a JSON array %s: exit 3, a one-line message, no stack overflow', async (name, content) => {
    const r = await cli(['report', file(`deep-${name.replace(/ /g, '-')}.json`, content)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/deep-.*\.json: JSON nested more than 1000 levels deep \(at byte \d+\)/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('an NDJSON line that deep is an ordinary record: one chat, first response 30 s', async () => {
    const path = file('deep.ndjson', `${JSON.stringify(customer)}\n${withDeep}\n`);
    for (const extra of [[], ['--csv-engine', 'csv-parse']]) {
      const r = await reportJson([path, ...extra]);
      expect(r.metrics.chats!.value).toBe(1);
      expect(frtOf(r)).toMatchObject({ count: 1, min: 30, max: 30 });
    }
  });
});

describe('test/helpers/hostile-shapes.mjs, at 1/10,000 scale', () => {
  // 20 conversations open at once, one of 100 messages, a 5,243-byte field: the shapes the README's Limits measure.
  const shapes = join(dir, 'shapes');
  execFileSync(process.execPath, [fileURLToPath(new URL('../helpers/hostile-shapes.mjs', import.meta.url)), shapes, '0.0001']);

  it.each([
    ['open-200k.csv', 20, 21_600, 21_600],
    ['open-200k.general.csv', 20, 21_600, 21_600],
    ['long-1m.csv', 1, 1, 1],
    ['long-1m.general.csv', 1, 1, 1],
    ['field-50mb.csv', 2, 30, 60],
    ['field-50mb.general.csv', 2, 30, 60],
    ['field-50mb.json', 2, 30, 60],
    ['field-50mb.ndjson', 2, 30, 60],
    ['deep-10k.ndjson', 1, 30, 30],
  ])('%s: %i chats, first responses %i-%i s', async (name, chats, min, max) => {
    const r = await reportJson([join(shapes, name)]);
    expect(r.metrics.chats!.value).toBe(chats);
    expect(frtOf(r)).toMatchObject({ count: chats, min, max });
  });

  it('deep-10k.json: exit 3, JSON_TOO_DEEP', async () => {
    const r = await cli(['report', join(shapes, 'deep-10k.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/deep-10k\.json: JSON nested more than 1000 levels deep/);
  });
});

