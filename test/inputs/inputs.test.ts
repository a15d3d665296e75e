// The input layer end to end on small files: formats, encodings, compression, stdin, and every bad input.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FieldError, InputError } from '../../src/errors.js';
import { openInput, readRecords, resolveInputs, type ReadOptions } from '../../src/inputs/index.js';
import type { RawRecord } from '../../src/inputs/types.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chatkpi-inputs-'));
let counter = 0;

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, `${counter++}-${name}`);
  writeFileSync(p, content);
  return p;
}

const FIELDS = { id: 'conversation_id', at: ['timestamp', 'time'], who: 'author_type', tags: /^tag \d$/ };
const noStdin = Readable.from([]);

interface Read {
  rows: { line: number; id?: string; at?: string; who?: string; tags?: string[]; value?: unknown }[];
  stats: Awaited<ReturnType<typeof readRecords>>;
}

async function readAll(p: string, options: Partial<ReadOptions> = {}, onRecord?: (r: RawRecord) => void, stdin: NodeJS.ReadableStream = noStdin): Promise<Read> {
  const [source] = await resolveInputs([p]);
  const input = await openInput(source!, stdin);
  const rows: Read['rows'] = [];
  const stats = await readRecords(input, FIELDS, (r) => {
    onRecord?.(r);
    if (r.kind === 'csv') rows.push({ line: r.line, id: r.get('id'), at: r.get('at'), who: r.get('who'), tags: r.getAll('tags') });
    else rows.push({ line: r.line, value: r.value });
  }, { maxSkipped: 100, ...options });
  return { rows, stats };
}

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const CSV = 'conversation_id,timestamp,author_type,tag 1,tag 2\nC1,2024-01-01T00:00:00Z,customer,vip,\nC1,2024-01-01T00:00:05Z,agent,,late\n';

describe('CSV', () => {
  it.each([
    [',', CSV],
    [';', CSV.replaceAll(',', ';')],
    ['\t', CSV.replaceAll(',', '\t')],
  ])('reads delimiter %j', async (delimiter, content) => {
    const p = file('a.csv', content);
    const [source] = await resolveInputs([p]);
    const input = await openInput(source!, noStdin);
    expect(input.sample.format).toBe('csv');
    expect(input.sample.delimiter).toBe(delimiter);
    expect(input.sample.headers).toEqual(['conversation_id', 'timestamp', 'author_type', 'tag 1', 'tag 2']);
    expect(input.sample.records[0]).toEqual({ conversation_id: 'C1', timestamp: '2024-01-01T00:00:00Z', author_type: 'customer', 'tag 1': 'vip', 'tag 2': '' });
    const { rows, stats } = await readAll(p);
    expect(rows).toEqual([
      { line: 2, id: 'C1', at: '2024-01-01T00:00:00Z', who: 'customer', tags: ['vip'] },
      { line: 3, id: 'C1', at: '2024-01-01T00:00:05Z', who: 'agent', tags: ['late'] },
    ]);
    expect(stats).toMatchObject({ records: 2, skipped: 0 });
  });

  it.each(['auto', 'csv-parse'] as const)('numbers lines across a quoted multi-line field (%s)', async (csvEngine) => {
    const p = file('m.csv', 'conversation_id,note,time\r\nC1,"two\r\nlines, and ""quotes""",t1\r\nC2,plain,t2\r\n');
    const lines: [number, string | undefined][] = [];
    const { stats } = await readAll(p, { csvEngine }, (r) => {
      if (r.kind === 'csv') lines.push([r.line, r.get('id')]);
    });
    expect(lines).toEqual([[2, 'C1'], [4, 'C2']]);
    expect(stats.records).toBe(2);
  });

  it('strips a UTF-8 BOM from the first header', async () => {
    const p = file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]));
    const [source] = await resolveInputs([p]);
    const input = await openInput(source!, noStdin);
    expect(input.sample).toMatchObject({ hasBom: true, encoding: 'utf8' });
    expect(input.sample.headers?.[0]).toBe('conversation_id');
    expect((await readAll(p)).rows[0]?.id).toBe('C1');
  });

  it('decodes UTF-16 LE and BE with a BOM', async () => {
    const text = CSV.replace('C1,2024-01-01T00:00:00Z', 'Ç1,2024-01-01T00:00:00Z');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes, encoding] of [['le.csv', le, 'utf16le'], ['be.csv', be, 'utf16be']] as const) {
      const p = file(name, bytes);
      const [source] = await resolveInputs([p]);
      expect((await openInput(source!, noStdin)).sample.encoding).toBe(encoding);
      const { rows } = await readAll(p);
      expect(rows.map((r) => r.id)).toEqual(['Ç1', 'C1']);
    }
  });

  it('gunzips by magic bytes, whatever the name', async () => {
    const p = file('export.data', gzipSync(CSV));
    const { rows } = await readAll(p);
    expect(rows.map((r) => r.at)).toEqual(['2024-01-01T00:00:00Z', '2024-01-01T00:00:05Z']);
  });

  it('reads a gzip that inflates far beyond the head, and a CR-only file bigger than the head', async () => {
    const rows = Array.from({ length: 50000 }, (_, i) => `C${i % 7},t${i}`);
    const gz = file('big.csv.gz', gzipSync('conversation_id,time\n' + rows.join('\n') + '\n'));
    expect((await readAll(gz)).stats.records).toBe(50000);
    const cr = file('cr.csv', 'conversation_id,time\r' + rows.join('\r') + '\r');
    const { rows: read } = await readAll(cr);
    expect(read.length).toBe(50000);
    expect(read[49999]).toMatchObject({ line: 50001, id: 'C5', at: 't49999' });
  });

  it('reads stdin once, replaying the sniffed head', async () => {
    const big = 'conversation_id,time\n' + Array.from({ length: 20000 }, (_, i) => `C${i},t${i}`).join('\n') + '\n';
    const stdin = Readable.from([Buffer.from(big.slice(0, 70000)), Buffer.from(big.slice(70000))]);
    const [source] = await resolveInputs(['-']);
    const input = await openInput(source!, stdin);
    expect(input.source.isStdin).toBe(true);
    const ids: string[] = [];
    const stats = await readRecords(input, FIELDS, (r) => {
      if (r.kind === 'csv') ids.push(r.get('id')!);
    }, { maxSkipped: 0 });
    expect(stats.records).toBe(20000);
    expect(ids[0]).toBe('C0');
    expect(ids[19999]).toBe('C19999');
    const again = await inputError(readRecords(input, FIELDS, () => {}, { maxSkipped: 0 }));
    expect(again.code).toBe('STDIN_REREAD');
  });

  it('reports progress in raw bytes against the file size, the last call at the end', async () => {
    const content = 'conversation_id,time\n' + 'C1,t\n'.repeat(1000);
    const p = file('p.csv', content);
    const calls: [number, number | undefined][] = [];
    await readAll(p, { onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.at(-1)).toEqual([Buffer.byteLength(content), Buffer.byteLength(content)]);
  });

  it('a file can be read again (the engine re-reads input that is not time ordered)', async () => {
    const [source] = await resolveInputs([file('twice.csv', CSV)]);
    const input = await openInput(source!, noStdin);
    const first = await readRecords(input, FIELDS, () => {}, { maxSkipped: 0 });
    const second = await readRecords(input, FIELDS, () => {}, { maxSkipped: 0, csvEngine: 'csv-parse' });
    expect([first.records, second.records]).toEqual([2, 2]);
    expect(second.bytes).toBe(Buffer.byteLength(CSV));
  });

  it('header-only CSV: zero records, not an error', async () => {
    const { stats } = await readAll(file('h.csv', 'conversation_id,time\n'));
    expect(stats).toMatchObject({ records: 0, skipped: 0 });
  });

  it.each(['auto', 'csv-parse'] as const)('skips a ragged row with its line (%s)', async (csvEngine) => {
    const p = file('r.csv', 'conversation_id,time,author_type\nC1,t1,agent\nC2,t2\n\nC3,t3,customer\n');
    const { rows, stats } = await readAll(p, { csvEngine });
    expect(rows.map((r) => [r.line, r.id])).toEqual([[2, 'C1'], [5, 'C3']]);
    expect(stats).toMatchObject({ records: 2, skipped: 1, firstSkipped: [{ line: 3, reason: 'row has 2 fields, the header has 3' }] });
  });

  it('too many broken rows is TOO_MANY_BAD_ROWS naming the first', async () => {
    const p = file('bad.csv', 'conversation_id,time\nC1\nC2\nC3,t3\nC4,t,x\n');
    const err = await inputError(readAll(p, { maxSkipped: 2 }));
    expect(err.code).toBe('TOO_MANY_BAD_ROWS');
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain('more than 2 rows skipped');
    expect(err.message).toContain('line 2: row has 1 field, the header has 2');
  });

  it('a FieldError from the adapter skips the record, counted with its field', async () => {
    const p = file('f.csv', 'conversation_id,time\nC1,yesterday\nC2,2024-01-01\n');
    const { stats } = await readAll(p, {}, (r) => {
      if (r.kind === 'csv' && r.get('at') === 'yesterday') throw new FieldError('at', 'not a date: "yesterday"');
    });
    expect(stats).toMatchObject({ records: 1, skipped: 1, firstSkipped: [{ line: 2, field: 'at', reason: 'not a date: "yesterday"' }] });
  });

  it('other errors from the adapter propagate', async () => {
    const p = file('e.csv', 'conversation_id,time\nC1,t\n');
    await expect(readAll(p, {}, () => {
      throw new TypeError('bug');
    })).rejects.toThrow('bug');
  });
});

describe('JSON and NDJSON', () => {
  it('reads a top-level array, item by item', async () => {
    const p = file('a.json', '[{"id":1},{"id":2},{"id":3}]');
    const [source] = await resolveInputs([p]);
    const input = await openInput(source!, noStdin);
    expect(input.sample).toMatchObject({ format: 'json', records: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    expect(input.sample.wrapperKey).toBeUndefined();
    const { rows } = await readAll(p);
    expect(rows).toEqual([{ line: 1, value: { id: 1 } }, { line: 2, value: { id: 2 } }, { line: 3, value: { id: 3 } }]);
  });

  it('unwraps the key holding the largest array of objects', async () => {
    const p = file('w.json', '{"users":[{"u":1}],"chats":[{"id":"a"},{"id":"b"}],"count":2,"next_url":null}');
    const [source] = await resolveInputs([p]);
    const input = await openInput(source!, noStdin);
    expect(input.sample.wrapperKey).toBe('chats');
    expect(input.sample.topLevelKeys).toEqual(['users', 'count', 'next_url']);
    expect((await readAll(p)).rows.map((r) => r.value)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('unwraps a nested wrapper (data.payload)', async () => {
    const p = file('n.json', '{"data":{"meta":{"count":2},"payload":[{"id":1},{"id":2}]}}');
    const [source] = await resolveInputs([p]);
    expect((await openInput(source!, noStdin)).sample.wrapperKey).toBe('data.payload');
    expect((await readAll(p)).rows.map((r) => r.value)).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('a single object without an array is one record', async () => {
    const p = file('s.json', '{"id":7,"status":"open"}');
    expect((await readAll(p)).rows).toEqual([{ line: 1, value: { id: 7, status: 'open' } }]);
  });

  it('reads several pages, one per line and back to back', async () => {
    const p = file('pages.json', '{"chats":[{"id":1},{"id":2}],"next_url":"x"}\n{"chats":[{"id":3}],"next_url":"y"}{"chats":[{"id":4}],"next_url":null}\n');
    const [source] = await resolveInputs([p]);
    const input = await openInput(source!, noStdin);
    expect(input.sample).toMatchObject({ format: 'json', wrapperKey: 'chats' });
    expect((await readAll(p)).rows.map((r) => r.value)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it('reads NDJSON and skips a bad line with its number', async () => {
    const p = file('e.ndjson', '{"id":1,"messages":[{"a":1}]}\n{"id":2}\r\n\n{"id":3\n{"id":4}\n');
    const [source] = await resolveInputs([p]);
    expect((await openInput(source!, noStdin)).sample.format).toBe('ndjson');
    const { rows, stats } = await readAll(p);
    expect(rows.map((r) => [r.line, (r.value as { id: number }).id])).toEqual([[1, 1], [2, 2], [5, 4]]);
    expect(stats.skipped).toBe(1);
    expect(stats.firstSkipped[0]?.line).toBe(4);
    expect(stats.firstSkipped[0]?.reason).toMatch(/^not valid JSON/);
  });

  it('streams a gzipped JSON array from stdin', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, text: 'x'.repeat(20) }));
    const stdin = Readable.from([gzipSync(JSON.stringify(items))]);
    const [source] = await resolveInputs(['-']);
    const input = await openInput(source!, stdin);
    let n = 0;
    let last: unknown;
    await readRecords(input, undefined, (r) => {
      n++;
      if (r.kind === 'json') last = r.value;
    }, { maxSkipped: 0 });
    expect(n).toBe(5000);
    expect(last).toEqual({ id: 4999, text: 'x'.repeat(20) });
  });

  it('one record per line even when the first line is longer than the head', async () => {
    const conv = (id: number) => JSON.stringify({ id, messages: Array.from({ length: 2000 }, (_, i) => ({ i, text: 'hello there' })) });
    const p = file('long.ndjson', `${conv(1)}\n${conv(2)}\n`);
    const { rows } = await readAll(p);
    expect(rows.map((r) => (r.value as { id: number }).id)).toEqual([1, 2]);
  });

  it('JSON cut inside a string is TRUNCATED_JSON', async () => {
    const err = await inputError(readAll(file('ts.json', '[{"id":1},{"name":"An')));
    expect(err.code).toBe('TRUNCATED_JSON');
  });

  it('truncated JSON is TRUNCATED_JSON with its position', async () => {
    const p = file('t.json', '[{"id":1},\n{"id":2},\n{"id":');
    const err = await inputError(readAll(p));
    expect(err.code).toBe('TRUNCATED_JSON');
    expect(err.message).toContain('line 3');
  });

  it('a truncated JSON file bigger than the head fails while reading', async () => {
    const body = '[' + Array.from({ length: 10000 }, (_, i) => `{"id":${i}}`).join(',\n');
    const err = await inputError(readAll(file('big.json', body)));
    expect(err.code).toBe('TRUNCATED_JSON');
    expect(err.message).toContain(`byte ${Buffer.byteLength(body)}`);
    expect(err.message).toContain('line 10000');
  });

  it('deep nesting past the sniffed head is JSON_TOO_DEEP too', async () => {
    const head = '[' + Array.from({ length: 8000 }, (_, i) => `{"id":${i},"pad":"${'p'.repeat(10)}"}`).join(',');
    const p = file('deep-late.json', `${head},${'['.repeat(1500)}${']'.repeat(1500)}]`);
    expect(Buffer.byteLength(head)).toBeGreaterThan(64 * 1024);
    const err = await inputError(readAll(p));
    expect(err.code).toBe('JSON_TOO_DEEP');
  });

  it('JSON nested 5000 deep is JSON_TOO_DEEP, without a crash', async () => {
    const p = file('deep.json', '['.repeat(5000) + ']'.repeat(5000));
    const err = await inputError(readAll(p));
    expect(err.code).toBe('JSON_TOO_DEEP');
  });
});

describe('bad inputs', () => {
  it('missing file', async () => {
    const err = await inputError(resolveInputs([path.join(dir, 'nope.csv')]));
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.message).toContain('nope.csv: no such file');
  });

  it('directory', async () => {
    const d = path.join(dir, 'exports');
    mkdirSync(d, { recursive: true });
    const err = await inputError(resolveInputs([d]));
    expect(err.code).toBe('IS_DIRECTORY');
    expect(err.hint).toContain('*.csv');
  });

  it('glob with no match', async () => {
    const err = await inputError(resolveInputs([path.join(dir, 'none-*.csv')]));
    expect(err.code).toBe('NO_MATCH');
  });

  it('glob expands, sorted; ** descends', async () => {
    const d = path.join(dir, 'g');
    mkdirSync(path.join(d, 'sub'), { recursive: true });
    for (const f of ['b.csv', 'a.csv', 'c.json', 'sub/d.csv']) writeFileSync(path.join(d, f), 'x,y\n');
    expect((await resolveInputs([path.join(d, '*.csv')])).map((s) => path.relative(d, s.path))).toEqual(['a.csv', 'b.csv']);
    expect((await resolveInputs([path.join(d, '**/?.csv')])).map((s) => path.relative(d, s.path))).toEqual(['a.csv', 'b.csv', 'sub/d.csv']);
  });

  it('empty file', async () => {
    const err = await inputError(readAll(file('empty.csv', '')));
    expect(err.code).toBe('EMPTY_FILE');
    expect(err.message).toContain('the file is empty');
  });

  it('binary junk is UNKNOWN_FORMAT', async () => {
    const junk = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256));
    const err = await inputError(readAll(file('junk.bin', junk)));
    expect(err.code).toBe('UNKNOWN_FORMAT');
    expect(err.message).toContain('not CSV, JSON or NDJSON');
  });

  it('UTF-16 without BOM is UTF16_NO_BOM with a re-save hint', async () => {
    const err = await inputError(readAll(file('u16.csv', Buffer.from(CSV, 'utf16le'))));
    expect(err.code).toBe('UTF16_NO_BOM');
    expect(err.hint).toContain('UTF-8');
  });

  it('unclosed quote names the line where it opened', async () => {
    const err = await inputError(readAll(file('q.csv', 'conversation_id,time\nC1,t\nC2,"oops\nC3,t\n')));
    expect(err.code).toBe('UNCLOSED_QUOTE');
    expect(err.line).toBe(3);
  });
});
