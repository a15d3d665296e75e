// The fused byte-level path gives exactly the conversations of the general path (adapter → events → fold).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/generic-messages.js';
import { FAST_CAPABILITIES, FastConversationFold, FastMessageFold, FastPathAbort, FastRowReader, fastColumns } from '../../src/conversations/fast-messages.js';
import type { Capability, Conversation } from '../../src/conversations/types.js';
import { addCapabilities } from '../../src/metrics/capabilities.js';
import { ConversationBatch, CUSTOMER_LONG } from '../../src/conversations/batch.js';
import { parseTimestamp } from '../../src/time/parse.js';
import { csvRows, foldAll, pushRefilled, testContext, toEvents } from '../helpers/records.js';

const shared = '../shared/bench/gen-messages.mjs';
const dir = mkdtempSync(join(tmpdir(), 'chatkpi-fast-'));

function general(path: string, countBots = false): Conversation[] {
  const { rows, mapping } = csvRows(path, adapter);
  const ctx = testContext(path, mapping, { keepText: false });
  const events = toEvents(adapter, rows, ctx);
  return [...foldAll(events, countBots).values()].sort((a, b) => a.id.localeCompare(b.id));
}

function fast(bytes: Buffer, chunkSize: number, countBots = false, idleWindowMs: number | null = null, indexed = true, delimiter: ',' | ';' | '\t' = ','): Conversation[] {
  const out: Conversation[] = [];
  const fold = new FastMessageFold({ countBots, inputTz: 'UTC', idleWindowMs, maxSkipped: 1000, indexed, onConversation: (c) => out.push(c) }, delimiter);
  pushRefilled((piece) => fold.push(piece), bytes, chunkSize, 0x21);
  fold.end();
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const HEADER = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';

/** `rows` (header first) through one fold in one push, up to ten rows skipped: the conversations and the fold (its stats). */
function foldRows(rows: string[]): { out: Conversation[]; fold: FastMessageFold } {
  const out: Conversation[] = [];
  const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 10, onConversation: (c) => out.push(c) });
  fold.push(Buffer.from(rows.join('\n')));
  fold.end();
  return { out, fold };
}

describe('fast path', () => {
  it('refuses headers it does not model', () => {
    expect(fastColumns(HEADER.split(','))).toBeDefined();
    expect(fastColumns([...HEADER.split(','), 'internal'])).toBeDefined();
    expect(fastColumns([...HEADER.split(','), 'event'])).toBeUndefined();
    expect(fastColumns(['id', 'name'])).toBeUndefined();
  });

  it('matches the general path on hand-made edge cases, in any chunking', () => {
    const csv = [
      `\uFEFF${HEADER}`,
      'T1,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'T1,2026-01-05T09:00:00Z,bot,Bot,,Sales,web,"hello, I am a bot",',
      'T2,2026-01-05T09:00:05Z,agent,Luis,Luis,Support,web,outreach,', // agent first: outreach
      'T1,2026-01-05T09:00:30Z,agent,Marta,Marta,Sales,web,"multi\r\nline ""quoted""",',
      'T3,2026-01-05T09:01:00Z,agent,Bo,Bo,Support,ios,same second as the customer,', // tie: counts as the reply
      'T3,2026-01-05T09:01:00Z,customer,Cy,Bo,Support,ios,question,',
      'T2,2026-01-05T09:02:00Z,customer,Dee,Luis,Support,web,thanks,',
      'T1,2026-01-05T09:03:00Z,customer,Ana,Marta,Sales,web,ok,5',
      'T4,2028-02-29T23:59:59Z,customer,Eve,,,web,leap day,',
      'T4,2028-03-01T00:00:10Z,system,System,,,web,Customer left the chat,',
      '',
      'T5,2026-01-05T10:00:00+01:00,customer,Fay,Gil,Billing,web,offset time,',
      'T5,1767607230,agent,Gil,Gil,Billing,web,epoch seconds,',
    ].join('\r\n');
    const path = join(dir, 'edge.csv');
    writeFileSync(path, csv);
    const expected = general(path);
    expect(expected.map((c) => c.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) expect(fast(Buffer.from(csv), size)).toEqual(expected);
    expect(fast(Buffer.from(csv), 5, true)).toEqual(general(path, true));
  });

  it('matches the general path on generated rows (property)', () => {
    const row = fc.record({
      id: fc.constantFrom('A', 'B', 'C', 'D'),
      dt: fc.integer({ min: 0, max: 600 }),
      role: fc.constantFrom('customer', 'agent', 'bot', 'system', 'visitor', 'operator'),
      name: fc.constantFrom('Ana', 'Luis', '', 'Zoë', '"Quoted, Name"', '"Say ""Hi"""'),
      agent: fc.constantFrom('', 'Luis', 'Marta', '"M ""T"""'),
      message: fc.string({ maxLength: 12 }).map((s) => `"${s.replace(/"/g, '""')}"`),
      rating: fc.constantFrom('', '', '', '1', '4', '5'),
    });
    // as vendors that quote every field write it (a field quoted already keeps its quotes)
    const quoteAll = (cell: string): string => (cell.startsWith('"') ? cell : `"${cell}"`);
    fc.assert(
      // indexed: rows read from the structural index (WebAssembly) or by the byte loops alone; d: the delimiter
      fc.property(fc.array(row, { maxLength: 40, size: 'max' }), fc.integer({ min: 1, max: 50 }), fc.boolean(), fc.boolean(), fc.constantFrom<',' | ';' | '\t'>(',', ';', '\t'), fc.boolean(), (rows, chunk, crlf, indexed, d, quoted) => {
        let t = Date.UTC(2026, 0, 5, 9);
        const lines = [HEADER.replaceAll(',', d)];
        for (const r of rows) {
          t += r.dt * 1000; // non-decreasing: the fast path's domain
          const cells = [r.id, new Date(t).toISOString().replace('.000', ''), r.role, r.name, r.agent, 'Sales', 'web', r.message, r.rating];
          lines.push((quoted ? cells.map(quoteAll) : cells).join(d));
        }
        const eol = crlf ? '\r\n' : '\n';
        const csv = lines.join(eol) + eol;
        const path = join(dir, 'prop.csv');
        writeFileSync(path, csv);
        expect(fast(Buffer.from(csv), chunk, false, null, indexed, d)).toEqual(general(path));
      }),
      { numRuns: 200 },
    );
  });

  it('matches the general path with columns in any order, unquoted text and ragged rows (property)', () => {
    // Unquoted text takes the quote-free lane, which reads the columns around the skipped run (message, note)
    // forward and backward; a comma in unquoted text makes a ragged row it must count and skip, not misread.
    const columns = ['conversation_id', 'timestamp', 'author_type', 'author_name', 'agent', 'department', 'channel', 'message', 'note', 'rating', 'customer_id', 'internal'];
    const row = fc.record({
      id: fc.constantFrom('A', 'B', 'C', 'D'),
      dt: fc.integer({ min: 0, max: 600 }),
      role: fc.constantFrom('customer', 'agent', 'bot', 'system'),
      name: fc.constantFrom('Ana', 'Luis', '', 'Zoë'),
      agent: fc.constantFrom('', 'Luis', 'Marta'),
      department: fc.constantFrom('', 'Sales', 'Support'),
      message: fc.stringMatching(/^[a-z ,é]{0,10}$/),
      note: fc.constantFrom('', 'x', 'a,b'),
      rating: fc.constantFrom('', '', '1', '4', '5'),
      customer: fc.constantFrom('', '', 'cust-1', 'cust-2', 'Zoë Ü'),
      internal: fc.constantFrom('', '', '', 'false', 'true', '1', ' Note ', 'no'),
    });
    fc.assert(
      fc.property(fc.shuffledSubarray(columns, { minLength: columns.length }), fc.array(row, { maxLength: 30, size: 'max' }), fc.integer({ min: 1, max: 64 }), fc.boolean(), (order, rows, chunk, indexed) => {
        let t = Date.UTC(2026, 0, 5, 9);
        const lines = [order.join(',')];
        const kept = [order.join(',')];
        let ragged = 0;
        for (const r of rows) {
          t += r.dt * 1000;
          const cells: Record<string, string> = {
            conversation_id: r.id, timestamp: new Date(t).toISOString().replace('.000', ''), author_type: r.role, author_name: r.name,
            agent: r.agent, department: r.department, channel: 'web', message: r.message, note: r.note, rating: r.rating,
            customer_id: r.customer, internal: r.internal,
          };
          const line = order.map((c) => cells[c]).join(',');
          lines.push(line);
          if (r.message.includes(',') || r.note.includes(',')) ragged++;
          else kept.push(line);
        }
        const csv = `${lines.join('\n')}\n`;
        const out: Conversation[] = [];
        const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 1000, indexed, onConversation: (c) => out.push(c) });
        const bytes = Buffer.from(csv);
        for (let i = 0; i < bytes.length; i += chunk) fold.push(bytes.subarray(i, i + chunk));
        fold.end();
        expect(fold.stats.skipped).toBe(ragged);
        const path = join(dir, 'order.csv');
        writeFileSync(path, `${kept.join('\n')}\n`);
        const expected = general(path);
        expect(out.sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected);
        // every column the fast path reads is here: what these conversations show is all it can ever show (the
        // pipeline does not run the metrics that need anything else)
        const shown = new Set<Capability>();
        for (const c of expected) addCapabilities(c, shown);
        expect([...shown].filter((x) => !FAST_CAPABILITIES.has(x))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('with --bot-names, reads an agent row by a bot-named author as a bot row, as the adapter does (property)', () => {
    const row = fc.record({
      id: fc.constantFrom('A', 'B', 'C'),
      dt: fc.integer({ min: 0, max: 120 }),
      role: fc.constantFrom('customer', 'agent', 'agent', 'bot'),
      author: fc.constantFrom('Ana', 'Luis', 'Helper', 'helper', 'Support Bot', 'Zoë', ''),
      agent: fc.constantFrom('', '', 'Luis'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30, size: 'max' }), (rows) => {
        let t = Date.UTC(2026, 0, 5, 9);
        const lines = [HEADER];
        for (const r of rows) {
          t += r.dt * 1000;
          lines.push([r.id, new Date(t).toISOString().replace('.000', ''), r.role, r.author, r.agent, 'Sales', 'web', 'hi', ''].join(','));
        }
        const csv = `${lines.join('\n')}\n`;
        const path = join(dir, 'bots.csv');
        writeFileSync(path, csv);
        const { rows: records, mapping } = csvRows(path, adapter);
        const ctx = testContext(path, mapping, { keepText: false, botNames: new Set(['helper']) });
        const expected = [...foldAll(toEvents(adapter, records, ctx), false).values()].sort((a, b) => a.id.localeCompare(b.id));
        const out: Conversation[] = [];
        const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 0, botNames: ['helper'], onConversation: (c) => out.push(c) });
        fold.push(Buffer.from(csv));
        fold.end();
        expect(out.sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('matches the general path when bots, agents and customers write in the same second, with and without --count-bots (property)', () => {
    const row = fc.record({
      id: fc.constantFrom('A', 'B'),
      dt: fc.constantFrom(0, 0, 0, 1, 30),
      role: fc.constantFrom('customer', 'agent', 'bot', 'system'),
      agent: fc.constantFrom('', 'Luis', 'Marta'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 16, size: 'max' }), fc.boolean(), (rows, countBots) => {
        let t = Date.UTC(2026, 0, 5, 9);
        const lines = [HEADER];
        for (const r of rows) {
          t += r.dt * 1000;
          lines.push([r.id, new Date(t).toISOString().replace('.000', ''), r.role, r.role === 'customer' ? 'Cy' : r.agent || 'Bo', r.agent, 'Sales', 'web', 'x', ''].join(','));
        }
        const csv = `${lines.join('\n')}\n`;
        const path = join(dir, 'ties.csv');
        writeFileSync(path, csv);
        expect(fast(Buffer.from(csv), 64, countBots)).toEqual(general(path, countBots));
      }),
      { numRuns: 400 },
    );
  });

  it('decodes the date of each row where consecutive rows change day, month or year, or have an impossible date', () => {
    const rows = [
      HEADER,
      'A,2025-12-31T23:59:58Z,customer,Ana,,Sales,web,hi,',
      'A,2026-01-01T00:00:04Z,agent,Luis,Luis,Sales,web,hello,', // FRT 6 s across the year
      'B,2026-01-31T23:59:59Z,customer,Bo,,Sales,web,hi,',
      'B,2026-02-30T00:00:00Z,agent,Luis,Luis,Sales,web,no such day,', // line 5: skipped
      'B,2026-02-01T00:01:59Z,agent,Marta,Marta,Sales,web,hello,', // FRT 120 s, from Marta
      'C,2026-02-01T00:02:00Z,customer,Cy,,Sales,web,hi,',
      'C,2026-02-01T01:02:00Z,agent,Luis,Luis,Sales,web,hello,', // same date as the previous row: FRT 3600 s
    ];
    const { out, fold } = foldRows(rows);
    expect(fold.stats.skipped).toBe(1);
    expect(fold.stats.firstSkipped[0]).toMatchObject({ line: 5, field: 'timestamp' });
    // the general path's helper throws on the bad row instead of skipping it: compare without it
    const path = join(dir, 'dates.csv');
    writeFileSync(path, rows.filter((_, i) => i !== 4).join('\n'));
    const got = out.sort((a, b) => a.id.localeCompare(b.id));
    expect(got).toEqual(general(path));
    expect(got.map((c) => ((c.firstResponseAt ?? NaN) - (c.requestedAt ?? NaN)) / 1000)).toEqual([6, 120, 3600]);
    expect(got[1]!.agent).toBe('Marta');
  });

  it('skips, as the general path does, a timestamp with a non-digit where a digit goes and an author type that only looks like one', () => {
    const rows = [
      HEADER,
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'A,2026-01-0:T09:00:05Z,agent,Luis,Luis,Sales,web,a colon is not a digit,', // line 3
      'A,2026-01-05T09:00:1 Z,agent,Luis,Luis,Sales,web,space in the seconds,', // line 4
      'A,2026-01-05T09:00:20Z,cxxxxxxr,Luis,Luis,Sales,web,not customer,', // line 5
      'A,2026-01-05T09:00:30Z,agent,Luis,Luis,Sales,web,hello,',
    ];
    const { out, fold } = foldRows(rows);
    expect(fold.stats.firstSkipped.map((s) => [s.line, s.field])).toEqual([[3, 'timestamp'], [4, 'timestamp'], [5, 'author_type']]);
    expect(((out[0]!.firstResponseAt ?? NaN) - (out[0]!.requestedAt ?? NaN)) / 1000).toBe(30);
  });

  it('decodes the seconds of rows within one cached minute, and refuses what the general parser refuses there', () => {
    const rows = [
      HEADER,
      'A,2026-01-05T09:07:00Z,customer,Ana,,Sales,web,hi,',
      'A,2026-01-05T09:07:5:Z,agent,Luis,Luis,Sales,web,colon in the seconds,', // line 3
      'Z,2026-01-05T09:07:60Z,agent,Luis,Luis,Sales,web,a 60th second: the next minute for the general parser too,',
      'A,2026-01-05T09:07:59X,agent,Luis,Luis,Sales,web,no Z,', // line 5
      'A,2026-01-05T09:07:59Z,agent,Luis,Luis,Sales,web,hello,', // FRT 59 s
      'B,2026-01-06T09:07:03Z,customer,Bo,,Sales,web,same minute of the next day,',
      'B,2026-01-06T09:07:04Z,agent,Luis,Luis,Sales,web,hello,', // FRT 1 s
    ];
    const { out, fold } = foldRows(rows);
    const refused = rows.slice(1).flatMap((row, i) => (Number.isNaN(parseTimestamp(row.split(',')[1]!, { zone: 'UTC' })) ? [i + 2] : []));
    expect(refused).toEqual([3, 5]);
    expect(fold.stats.firstSkipped.map((s) => [s.line, s.field])).toEqual(refused.map((line) => [line, 'timestamp']));
    const got = out.sort((a, b) => a.id.localeCompare(b.id));
    expect(got.map((c) => ((c.firstResponseAt ?? NaN) - (c.requestedAt ?? NaN)) / 1000)).toEqual([59, 1, NaN]);
    expect(got[1]!.requestedAt).toBe(Date.UTC(2026, 0, 6, 9, 7, 3));
    expect(got[2]!.firstEventAt).toBe(Date.UTC(2026, 0, 5, 9, 8, 0));
  });

  it('decodes a timestamp that differs from the cached minute in any one of its four-byte words', () => {
    // The cached minute YYYY-MM-DDTHH:MM is compared as the words YYYY, -MM-, DDTH, H:MM: each row changes one
    // (from the row before it), in either direction.
    const stamps = [
      '2026-01-05T09:07:00Z',
      '2026-02-05T09:07:01Z', // month
      '2027-02-05T09:07:02Z', // year
      '2027-02-06T09:07:03Z', // day
      '2027-02-06T19:07:04Z', // hour, first digit
      '2027-02-06T18:07:05Z', // hour, second digit (back in time: another conversation)
      '2027-02-06T18:08:06Z', // minute
      '2026-02-06T18:08:07Z', // year, back
    ];
    const rows = [HEADER, ...stamps.map((at, i) => `C${i},${at},customer,Ana,,Sales,web,hi,`)];
    const { out } = foldRows(rows);
    const byId = new Map(out.map((c) => [c.id, c.firstEventAt]));
    expect(stamps.map((_, i) => byId.get(`C${i}`))).toEqual(stamps.map((at) => Date.parse(at)));
  });

  it('tells apart agent names that share the name cache\'s entry (same length, first, second, middle and last byte)', () => {
    // The cache keys a name by those five; the rest is compared four bytes at a time, the last four first.
    const names = ['Luis Roe', 'Luxs Roe', 'Luis Rae', 'Luis Roe', 'Lu Roe', 'Lu Rxe'];
    const rows = [HEADER, ...names.flatMap((name, i) => [
      `C${i},2026-01-05T09:00:0${i}Z,customer,Ana,${name},Sales,web,hi,`,
      `C${i},2026-01-05T09:00:1${i}Z,agent,${name},${name},Sales,web,hello,`,
    ])];
    const { out } = foldRows(rows);
    const byId = new Map(out.map((c) => [c.id, c]));
    expect(names.map((_, i) => byId.get(`C${i}`)?.agent)).toEqual(names);
    expect(names.map((_, i) => byId.get(`C${i}`)?.agents)).toEqual(names.map((n) => [n]));
  });

  it('leaves the ids out (empty) when told nothing reads them, and nothing else', () => {
    const rows = [
      HEADER,
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'B,2026-01-05T09:00:01Z,customer,Bo,,Sales,web,hi,',
      'A,2026-01-05T09:00:05Z,agent,Luis,Luis,Sales,web,hello,5',
    ];
    const fold = (ids: boolean | undefined): Conversation[] => {
      const out: Conversation[] = [];
      const f = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 10, ...(ids === undefined ? {} : { ids }), onConversation: (c) => out.push(c) });
      f.push(Buffer.from(rows.join('\n')));
      f.end();
      return out;
    };
    const named = fold(undefined);
    expect(named.map((c) => c.id).sort()).toEqual(['A', 'B']);
    const unnamed = fold(false);
    expect(unnamed.map((c) => c.id)).toEqual(['', '']);
    expect(unnamed).toEqual(named.map((c) => ({ ...c, id: '' })));
  });

  it('gives up on an id with a doubled quote (its rows are compared by raw bytes), and on one folded that comes back', () => {
    const doubled = [HEADER, '"A""B",2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,', '"A""B",2026-01-05T09:00:30Z,agent,Luis,Luis,Sales,web,hello,'];
    expect(() => foldRows(doubled)).toThrow(/doubled quote/);
    // an id idle for over the hour's window (the idle scan runs every 1,024 rows), then back: found by the fold
    // (numbered ids or not, shorter than four bytes or longer), in any chunking
    const filler = Array.from({ length: 1100 }, (_, i) => `F${i},${new Date(Date.UTC(2026, 0, 5, 9, 1) + i * 10_000).toISOString().replace('.000', '')},customer,Bo,,Sales,web,hi,`);
    for (const id of ['A', 'AAAA1']) {
      const back = Buffer.from([HEADER, `${id},2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,`, ...filler, `${id},2026-01-05T12:10:00Z,agent,Luis,Luis,Sales,web,late,`].join('\n'));
      for (const numberIds of [false, true]) {
        for (const chunk of [4096, back.length]) {
          const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: 3_600_000, maxSkipped: 10, numberIds, onConversation: () => {} });
          expect(() => {
            for (let i = 0; i < back.length; i += chunk) fold.push(back.subarray(i, i + chunk));
            fold.end();
          }, `${id} numberIds=${numberIds} chunk=${chunk}`).toThrow(/came back/);
          // and without the late row, no false alarm
          const fine = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: 3_600_000, maxSkipped: 10, numberIds, onConversation: () => {} });
          const head = back.subarray(0, back.lastIndexOf(10));
          for (let i = 0; i < head.length; i += chunk) fine.push(head.subarray(i, i + chunk));
          fine.end();
          expect(fine.stats.records).toBe(1101);
        }
      }
    }
  });

  it('numbers the lines of plain CRLF and LF rows the same with and without the structural index, in any chunking; a "" line is a row', () => {
    const rows = [
      HEADER,
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'A,not-a-time,agent,Luis,Luis,Sales,web,hello,', // line 3
      '',
      '""', // line 5: not blank, one empty field (csv-parse's reading)
      'B,2026-01-05T09:00:05Z,customer,Bo,,Sales,web,hi,',
      'B,2026-01-05T09:00:09Z,robot,Luis,Luis,Sales,web,hello,', // line 7
      'B,2026-01-05T09:00:10Z,agent,Luis,Luis,Sales,web,hello,',
    ];
    for (const eol of ['\n', '\r\n']) {
      const bytes = Buffer.from(rows.join(eol) + eol);
      for (const indexed of [true, false]) {
        for (const chunk of [7, 64, bytes.length]) {
          const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 10, indexed, onConversation: () => {} });
          for (let i = 0; i < bytes.length; i += chunk) fold.push(bytes.subarray(i, i + chunk));
          fold.end();
          expect(fold.stats.firstSkipped.map((x) => x.line), `${JSON.stringify(eol)} indexed=${indexed} chunk=${chunk}`).toEqual([3, 5, 7]);
          expect(fold.stats.firstSkipped[1]?.reason).toBe('row has 1 field, the header has 9'); // as the general path says it
          expect(fold.stats.records).toBe(3);
        }
      }
    }
  });

  it('numbers lines past quoted text holding LF, CRLF and a lone CR, in any chunking', () => {
    const csv = [
      HEADER,
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,"a\nb",', // lines 2-3
      'A,2026-01-05T09:00:01Z,customer,Ana,,Sales,web,"c\r\nd",', // lines 4-5
      'A,2026-01-05T09:00:02Z,customer,Ana,,Sales,web,"e\rf ""q""",', // lines 6-7
      'A,not a time,agent,Luis,Luis,Sales,web,x,', // line 8
      'A,2026-01-05T09:00:09Z,agent,Luis,Luis,Sales,web,"g\n\nh",', // lines 9-11
      'A,never,agent,Luis,Luis,Sales,web,x,', // line 12
    ].join('\n');
    for (const chunk of [3, 17, 1 << 16]) {
      const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 10, onConversation: () => {} });
      const bytes = Buffer.from(csv);
      for (let i = 0; i < bytes.length; i += chunk) fold.push(bytes.subarray(i, i + chunk));
      fold.end();
      expect(fold.stats.firstSkipped.map((x) => x.line)).toEqual([8, 12]);
    }
  });

  it('gives up on a carriage return inside a field it reads, in LF and in CRLF files', () => {
    for (const eol of ['\n', '\r\n']) {
      const csv = [HEADER, 'A,2026-01-05T09:00:00Z,customer,x,,,,a,', 'A,2026-01-05T09:00:01Z,agent,y\rz,,,,b,', ''].join(eol);
      expect(() => fast(Buffer.from(csv), 1 << 16)).toThrow(FastPathAbort);
    }
  });

  it('gives up (for the general path) on rows out of time order within a conversation', () => {
    const csv = `${HEADER}\nA,2026-01-05T09:01:00Z,customer,x,,,,a,\nA,2026-01-05T09:00:00Z,agent,y,,,,b,\n`;
    expect(() => fast(Buffer.from(csv), 1 << 16)).toThrow(FastPathAbort);
  });

  it.each([false, true])('gives up when a conversation comes back after it was folded early, and only then (ids numbered: %s)', (numberIds) => {
    // A, then 8,200 one-row conversations a second apart: the scan after row 8,192 folds A (idle > 60 s).
    const t0 = Date.UTC(2026, 0, 5, 9);
    const at = (sec: number): string => new Date(t0 + sec * 1000).toISOString().replace('.000', '');
    const lines = [HEADER, `A,${at(0)},customer,Ana,,,,hi,`];
    for (let k = 1; k <= 8200; k++) lines.push(`B${k},${at(k)},customer,Bo,,,,hi,`);
    const run = (rows: string[]): Conversation[] => {
      const out: Conversation[] = [];
      const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: 60_000, maxSkipped: 0, numberIds, onConversation: (c) => out.push(c) });
      fold.push(Buffer.from(rows.join('\n') + '\n'));
      fold.end();
      return out;
    };
    expect(run(lines)).toHaveLength(8201);
    expect(() => run([...lines, `A,${at(8201)},agent,Luis,Luis,,,back,`])).toThrow(FastPathAbort);
    // a new id at the same point is no return
    expect(run([...lines, `Z,${at(8201)},agent,Luis,Luis,,,new,`])).toHaveLength(8202);
  });

  // 64 KiB chunks are read through the structural index; 2 MiB ones are past its capacity, read by the byte loops
  it.skipIf(!existsSync(shared)).each([1 << 16, 2 << 20])('matches the general path on the standard workload (20,000 rows), with early folding, in chunks of %i bytes', (chunk) => {
    const csv = execFileSync(process.execPath, [shared, '--rows', '20000', '--seed', '7'], { maxBuffer: 1 << 26 });
    const path = join(dir, 'gen.csv');
    writeFileSync(path, csv);
    expect(fast(csv, chunk, false, 24 * 3_600_000)).toEqual(general(path));
  });
});

describe('fast path, reader thread mode', () => {
  // The reader thread's way (fill into its own work buffer, batches in shared segments taken back by recycle), with
  // records longer than a read and than the structural index's capacity between plain ones.
  it('matches the general path with records longer than a read between plain ones', () => {
    const big = (n: number): string => `"${'long text, '.repeat(n)}"`;
    const lines = [HEADER];
    let t = Date.UTC(2026, 0, 5, 9);
    for (let i = 0; i < 3000; i++) {
      t += 7000;
      const at = new Date(t).toISOString().replace('.000', '');
      const id = `C${i % 37}`;
      const message = i % 700 === 5 ? big(45_000) : i % 3 === 0 ? '"quoted, short"' : 'plain';
      lines.push([id, at, i % 2 === 0 ? 'customer' : 'agent', i % 2 === 0 ? 'Ana' : 'Luis', i % 2 === 0 ? '' : 'Luis', 'Sales', 'web', message, ''].join(','));
    }
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    const path = join(dir, 'long-records.csv');
    writeFileSync(path, csv);
    const out: Conversation[] = [];
    const fold = new FastConversationFold({ countBots: false, idleWindowMs: null, onConversation: (c) => out.push(c) });
    const reader = new FastRowReader({ inputTz: 'UTC', maxSkipped: 0 }, (batch) => {
      fold.apply(batch);
      reader.recycle(batch);
    }, ',', true);
    let offset = 0;
    while (reader.fill((into, at, length) => {
      const n = csv.copy(into, at, offset, Math.min(csv.length, offset + length));
      offset += n;
      return n;
    }, 64 * 1024));
    reader.end();
    fold.finish();
    expect(reader.stats.records).toBe(3000);
    expect(out.sort((a, b) => a.id.localeCompare(b.id))).toEqual(general(path));
  });
});

describe('fast path, ids numbered on the reader (numberIds)', () => {
  const foldCsv = (csv: Buffer, numberIds: boolean, idleWindowMs: number | null): Conversation[] => {
    const out: Conversation[] = [];
    const f = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs, maxSkipped: 1000, numberIds, onConversation: (c) => out.push(c) });
    for (let i = 0; i < csv.length; i += 1 << 16) f.push(csv.subarray(i, i + (1 << 16)));
    f.end();
    return out.sort((a, b) => a.id.localeCompare(b.id));
  };

  it('gives the general path\'s conversations: ids quoted and not, shorter than a word, longer than a cache entry, and more open at once than the cache holds', () => {
    const lines = [HEADER];
    let t = Date.UTC(2026, 0, 5, 9);
    const ids = (i: number): string => {
      const k = i % 3000; // 3,000 open at once, each row another one: most rows miss the 2,048-entry cache
      if (k === 7) return i % 2 === 0 ? 'Q7' : '"Q7"'; // the same id, quoted on every other row; two bytes
      if (k === 8) return `L${'x'.repeat(60)}`; // longer than an entry: never numbered
      return `C${k}`;
    };
    for (let i = 0; i < 15_000; i++) {
      t += 1000;
      const at = new Date(t).toISOString().replace('.000', '');
      const customer = Math.floor(i / 3000) % 2 === 0;
      lines.push([ids(i), at, customer ? 'customer' : 'agent', customer ? 'Ana' : 'Luis', customer ? '' : 'Luis', 'Sales', 'web', 'hi', ''].join(','));
    }
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    const path = join(dir, 'numbered.csv');
    writeFileSync(path, csv);
    const expected = general(path);
    expect(expected).toHaveLength(3000);
    expect(expected.find((c) => c.id === 'Q7')?.customerMessages).toBe(3);
    expect(foldCsv(csv, true, null)).toEqual(expected);
    expect(foldCsv(csv, false, null)).toEqual(expected);
  });

  it.skipIf(!existsSync(shared))('gives the same conversations as without, with early folding (standard workload, 20,000 rows)', () => {
    const csv = execFileSync(process.execPath, [shared, '--rows', '20000', '--seed', '13'], { maxBuffer: 1 << 26 });
    const plain = foldCsv(csv, false, 3_600_000);
    expect(plain.length).toBeGreaterThan(1000);
    expect(foldCsv(csv, true, 3_600_000)).toEqual(plain);
  });
});

describe('fast path, without what no metric reads', () => {
  /** The standard workload's conversations, folded with `leave` (people or replies false), sorted by id. */
  const foldWorkload = (seed: number, leave: { people?: boolean; agents?: boolean; replies?: boolean }): Conversation[] => {
    const csv = execFileSync(process.execPath, [shared, '--rows', '20000', '--seed', String(seed)], { maxBuffer: 1 << 26 });
    const out: Conversation[] = [];
    const f = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: 24 * 3_600_000, maxSkipped: 1000, ...leave, onConversation: (c) => out.push(c) });
    f.push(csv);
    f.end();
    return out.sort((a, b) => a.id.localeCompare(b.id));
  };

  it.skipIf(!existsSync(shared))('gives the same conversations less agents, department, channel and customer (standard workload, 20,000 rows)', () => {
    const full = foldWorkload(11, {});
    expect(full.filter((c) => c.agent !== undefined && c.customerId !== undefined && c.department !== undefined).length).toBeGreaterThan(1000);
    const stripped = full.map((c) => {
      const { agent: _agent, department: _department, channel: _channel, customerId: _customerId, ...rest } = c;
      return { ...rest, agents: [], replyAgents: c.replyAgents.map(() => undefined) };
    });
    expect(foldWorkload(11, { people: false })).toEqual(stripped);
  });

  it.skipIf(!existsSync(shared))('gives the same conversations less agents, department and channel, with the customer (standard workload, 20,000 rows)', () => {
    const full = foldWorkload(14, {});
    expect(full.filter((c) => c.agent !== undefined && c.customerId !== undefined && c.department !== undefined).length).toBeGreaterThan(1000);
    const customerOnly = full.map((c) => {
      const { agent: _agent, department: _department, channel: _channel, ...rest } = c;
      return { ...rest, agents: [], replyAgents: c.replyAgents.map(() => undefined) };
    });
    expect(foldWorkload(14, { agents: false })).toEqual(customerOnly);
  });

  it.skipIf(!existsSync(shared))('gives the same conversations less the reply waits when nothing reads them (standard workload, 20,000 rows)', () => {
    const full = foldWorkload(12, {});
    expect(full.filter((c) => c.replyWaits.length >= 4).length).toBeGreaterThan(1000);
    expect(foldWorkload(12, { replies: false })).toEqual(full.map((c) => ({ ...c, replyWaits: [], replyAgents: [] })));
  });
});

describe('fast path, record size', () => {
  it('gives up on a record still unfinished past the limit (the general path names it), and only then', () => {
    const big = 'x'.repeat(5000);
    const csv = `${HEADER}\nA,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,"${big}",\nA,2026-01-05T09:00:05Z,agent,Luis,Luis,Sales,web,hi,\n`;
    const run = (limit: number): number => {
      let n = 0;
      const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 0, maxRecordBytes: limit, onConversation: () => { n++; } });
      const bytes = Buffer.from(csv);
      for (let i = 0; i < bytes.length; i += 1024) fold.push(bytes.subarray(i, i + 1024));
      fold.end();
      return n;
    };
    expect(() => run(4096)).toThrow(FastPathAbort);
    expect(run(8192)).toBe(1);
  });
});

describe('fast path, conversations as batches (onBatch)', () => {
  /** Every column of a batch's rows, row by row. */
  const rowsOf = (b: ConversationBatch): Record<string, unknown>[] => {
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < b.size; i++) {
      const row: Record<string, unknown> = {};
      for (const [key, column] of Object.entries(b)) {
        if (['waits', 'waitsEnd', 'size', 'capacity', 'customerBytes', 'customerLength', 'customerId'].includes(key)) continue;
        row[key] = (column as ArrayLike<unknown>)[i];
      }
      row.waits = [...b.waits.subarray(b.waitsStart(i), b.waitsEnd[i])];
      // bytes, or a string when they do not fit: the same form from either side (ConversationBatch.customerBytes)
      row.customer = b.customerAt(i);
      row.customerForm = b.customerLength[i] === CUSTOMER_LONG ? 'string' : 'bytes';
      rows.push(row);
    }
    return rows;
  };
  /** The rows `csv` folds to, as records (each a batch of one) and as batches, in the order they come. */
  const both = (csv: string | Buffer, idleWindowMs: number | null, countBots = false): [Record<string, unknown>[], Record<string, unknown>[], number] => {
    const fromRecords: Record<string, unknown>[] = [];
    const one = new ConversationBatch(1);
    const a = new FastMessageFold({ countBots, inputTz: 'UTC', idleWindowMs, maxSkipped: 1000, onConversation: (c) => { one.setRecord(c); fromRecords.push(...rowsOf(one)); } });
    a.push(Buffer.from(csv));
    a.end();
    const fromBatches: Record<string, unknown>[] = [];
    let batches = 0;
    const b = new FastMessageFold({ countBots, inputTz: 'UTC', idleWindowMs, maxSkipped: 1000, onConversation: () => { throw new Error('a record with onBatch'); }, onBatch: (batch) => { batches++; fromBatches.push(...rowsOf(batch)); } });
    b.push(Buffer.from(csv));
    b.end();
    return [fromBatches, fromRecords, batches];
  };

  it('gives the rows of the records it would build, in their order (property: idle folds mid-file, bots, agent first, many waits)', () => {
    const row = fc.record({
      id: fc.constantFrom('A', 'A', 'B', 'C'), // A often: more than the eight waits a slot holds inline
      dt: fc.integer({ min: 0, max: 900 }),
      role: fc.constantFrom('customer', 'customer', 'agent', 'bot', 'system'),
      agent: fc.constantFrom('', 'Luis', 'Marta'),
      rating: fc.constantFrom('', '', '', '2', '5'),
      // escaped (unescaped into bytes), 45 bytes (a string), 42 bytes in 21 characters, 28 in 14
      customer: fc.constantFrom('', 'cust-1', 'Zoë Ü', '"O""Brien"', 'x'.repeat(45), 'é'.repeat(21), 'Ü'.repeat(14)),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.constantFrom(null, 600_000, 3_600_000), fc.boolean(), (rows, idle, countBots) => {
        let t = Date.UTC(2026, 0, 5, 9);
        const lines = ['conversation_id,timestamp,author_type,author_name,agent,message,rating,customer_id'];
        for (const r of rows) {
          t += r.dt * 1000;
          lines.push([r.id, new Date(t).toISOString().replace('.000', ''), r.role, r.agent || 'x', r.agent, 'hi', r.rating, r.customer].join(','));
        }
        const [fromBatches, fromRecords] = both(`${lines.join('\n')}\n`, idle, countBots);
        expect(fromBatches).toEqual(fromRecords);
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(!existsSync(shared))('gives the rows of the records on the standard workload, over several batches (20,000 rows)', () => {
    const csv = execFileSync(process.execPath, [shared, '--rows', '20000', '--seed', '15'], { maxBuffer: 1 << 26 });
    const [fromBatches, fromRecords, batches] = both(csv, 3_600_000);
    expect(fromRecords.length).toBeGreaterThan(1000);
    expect(batches).toBeGreaterThan(2);
    expect(fromBatches).toEqual(fromRecords);
  });
});
