// The fast CSV tokenizer must yield exactly what the csv-parse path yields: records, lines, skip decisions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvFast } from '../../src/inputs/fast-csv.js';
import { readCsvGeneral } from '../../src/inputs/csv-general.js';
import { RecordSink } from '../../src/inputs/skips.js';
import { contentChunks } from '../../src/inputs/source.js';
import type { RawRecord } from '../../src/inputs/types.js';

type Reader = typeof readCsvFast;

interface Outcome {
  records: { line: number; values: (string | undefined)[]; all: string[][] }[];
  skipped: { line: number; reason: string }[];
  skippedCount: number;
  error?: string;
}

async function* chunked(bytes: Buffer, cuts: number[]): AsyncIterable<Buffer> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(cut, bytes.length);
    if (at > start) yield Buffer.from(bytes.subarray(start, at));
    start = Math.max(start, at);
  }
  if (start < bytes.length) yield Buffer.from(bytes.subarray(start));
}

async function run(reader: Reader, bytes: Buffer, cuts: number[], delimiter: string, fields: Record<string, string | RegExp>, hasBom: boolean): Promise<Outcome> {
  const out: Outcome = { records: [], skipped: [], skippedCount: 0 };
  const names = Object.keys(fields);
  const sink = new RecordSink('t.csv', 1e9, (r: RawRecord) => {
    if (r.kind !== 'csv') throw new Error('not csv');
    out.records.push({ line: r.line, values: names.map((f) => r.get(f)), all: names.map((f) => r.getAll(f)) });
  });
  const chunks = contentChunks(chunked(bytes, cuts), { file: 't.csv', gzip: false, encoding: 'utf8', hasBom });
  try {
    await reader(chunks, { file: 't.csv', delimiter, fields }, sink);
  } catch (err) {
    out.error = err instanceof Error && 'code' in err ? String((err as { code: unknown }).code) : String(err);
  }
  out.skippedCount = sink.skipped;
  out.skipped = sink.stats(0).firstSkipped.map((s) => ({ line: s.line, reason: s.reason }));
  return out;
}

const text = fc.stringMatching(/^[ab é中😀]{0,6}$/);
const quotedText = fc.stringMatching(/^[ab"é\n\r,;\t]{0,8}$/);
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

function cellArb(delimiter: string) {
  return fc.oneof(
    text.filter((t) => !t.includes(delimiter)),
    quotedText.map((t) => `"${t.replaceAll('"', '""')}"`),
    fc.constant(''),
  );
}

const csvCase = fc.constantFrom(',', ';', '\t').chain((delimiter) =>
  fc.record({
    delimiter: fc.constant(delimiter),
    columns: fc.integer({ min: 1, max: 5 }),
    rows: fc.array(
      fc.record({ cells: fc.array(cellArb(delimiter), { minLength: 1, maxLength: 6 }), end: lineEnd, blankAfter: fc.boolean() }),
      { maxLength: 12 },
    ),
    headerEnd: lineEnd,
    finalEnd: fc.boolean(),
    bom: fc.boolean(),
    needed: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    cuts: fc.array(fc.nat(200), { maxLength: 8 }),
  }),
);

describe('fast CSV tokenizer vs csv-parse', () => {
  it('gives the same records, lines and skips on random CSV', async () => {
    await fc.assert(
      fc.asyncProperty(csvCase, async (c) => {
        const header = Array.from({ length: c.columns }, (_, i) => `h${i}`);
        let body = header.join(c.delimiter) + c.headerEnd;
        c.rows.forEach((r, i) => {
          const last = i === c.rows.length - 1;
          body += r.cells.join(c.delimiter) + (last && !c.finalEnd ? '' : r.end) + (r.blankAfter && !last ? r.end : '');
        });
        const bytes = Buffer.concat([c.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body, 'utf8')]);
        const fields: Record<string, string | RegExp> = { all: /^h/ };
        header.forEach((h, i) => {
          if (c.needed[i]) fields[`f${i}`] = h;
        });
        const general = await run(readCsvGeneral, bytes, c.cuts, c.delimiter, fields, c.bom);
        const fast = await run(readCsvFast, bytes, c.cuts, c.delimiter, fields, c.bom);
        expect(fast).toEqual(general);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees on a large file whose quoted fields cross the 4 KiB scan blocks and 64 KiB chunks', async () => {
    // Deterministic pseudo-random rows: a few multi-line quoted cells, one 20 KB cell longer than a block,
    // non-ASCII text, CRLF and LF mixed, and a ragged row now and then.
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const parts = ['id,when,note,who\n'];
    for (let i = 0; i < 3000; i++) {
      const note = i === 1500 ? `"${'long line\n'.repeat(2000)}"` : rand(10) === 0 ? `"multi\r\nline ""${i}"", é"` : `note ${i} ${rand(3) === 0 ? 'ü中' : 'plain'}`;
      const cells = [`C${rand(50)}`, `t${i}`, note, rand(4) === 0 ? 'agent' : 'customer'];
      if (rand(200) === 0) cells.pop();
      parts.push(cells.join(',') + (rand(2) === 0 ? '\r\n' : '\n'));
    }
    const bytes = Buffer.from(parts.join(''), 'utf8');
    const cuts = Array.from({ length: Math.floor(bytes.length / 65536) }, (_, i) => (i + 1) * 65536 + rand(100));
    const fields = { id: 'id', when: 'when', note: 'note', who: 'who' };
    const general = await run(readCsvGeneral, bytes, cuts, ',', fields, false);
    const fast = await run(readCsvFast, bytes, cuts, ',', fields, false);
    expect(general.records.length + general.skippedCount).toBe(3000);
    expect(general.skippedCount).toBeGreaterThan(0);
    expect(general.records.find((r) => r.values[1] === 't1500')?.values[2]).toBe('long line\n'.repeat(2000));
    expect(fast).toEqual(general);
  });

  it('agrees on a hand-written file with every line ending, a multi-line field and a ragged row', async () => {
    const body = 'a,b,c\r\n1,"x\r\ny",2\n\n3,4\r5,"q""",6\n7,8,9';
    const bytes = Buffer.from(body, 'utf8');
    const fields = { a: 'a', b: 'b', c: 'c' };
    const general = await run(readCsvGeneral, bytes, [9, 10, 23], ',', fields, false);
    const fast = await run(readCsvFast, bytes, [9, 10, 23], ',', fields, false);
    // Worked out by hand: header line 1; "1,x\r\ny,2" starts on line 2 and ends on 3; line 4 blank;
    // "3,4" (ragged) on line 5, ended by a lone CR; "5,q\",6" on line 6; "7,8,9" on line 7 without a final break.
    expect(general.records.map((r) => [r.line, ...r.values])).toEqual([
      [2, '1', 'x\r\ny', '2'],
      [6, '5', 'q"', '6'],
      [7, '7', '8', '9'],
    ]);
    expect(general.skipped).toEqual([{ line: 5, reason: 'row has 2 fields, the header has 3' }]);
    expect(fast).toEqual(general);
  });

  it('reports an unclosed quote at the line where the record starts, on both paths', async () => {
    const bytes = Buffer.from('a,b\n1,2\n3,"never\nclosed\n', 'utf8');
    const general = await run(readCsvGeneral, bytes, [], ',', { a: 'a' }, false);
    const fast = await run(readCsvFast, bytes, [5], ',', { a: 'a' }, false);
    // Records before the error may or may not have been flushed by csv-parse's stream; the error is what counts.
    expect(general.error).toBe('UNCLOSED_QUOTE');
    expect(fast.error).toBe('UNCLOSED_QUOTE');
  });
});
