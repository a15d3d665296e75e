// Record size and nesting limits of every reader: an oversized record is RECORD_TOO_LARGE at the line where it
// starts (with its field where the reader knows it), whatever the chunking; records under the limit read as before.
import { describe, expect, it } from 'vitest';
import { readCsvFast } from '../../src/inputs/fast-csv.js';
import { readCsvGeneral } from '../../src/inputs/csv-general.js';
import { parseJsonHead, readJson, readNdjson } from '../../src/inputs/json.js';
import { formatBytes, maxRecordBytesFrom } from '../../src/inputs/limits.js';
import { RecordSink } from '../../src/inputs/skips.js';
import type { RawRecord } from '../../src/inputs/types.js';
import { InputError } from '../../src/errors.js';

/** The bytes in pieces of `size` (0: one chunk), fresh buffers as a file stream gives them. */
async function* pieces(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  if (size === 0) {
    yield Buffer.from(bytes);
    return;
  }
  for (let i = 0; i < bytes.length; i += size) yield Buffer.from(bytes.subarray(i, i + size));
}

interface Outcome {
  /** `line:message` of each record read (CSV: the message column; JSON: the message key). */
  records: string[];
  error?: InputError;
}

async function capture(read: (sink: RecordSink) => Promise<number>): Promise<Outcome> {
  const out: Outcome = { records: [] };
  const sink = new RecordSink('t', 1e9, (r: RawRecord) => {
    const text = r.kind === 'csv' ? r.get('text') : String((r.value as { message?: unknown }).message);
    out.records.push(`${r.line}:${text}`);
  });
  try {
    await read(sink);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    out.error = err;
  }
  return out;
}

const CSV_READERS = [['fast', readCsvFast], ['csv-parse', readCsvGeneral]] as const;
const CHUNKINGS = [0, 7, 64];
const HEADER = 'conversation_id,timestamp,message\n';

/** A CSV whose third record (line 4, as lines 2 and 3 hold one record each) has a quoted multi-line message. */
function csvWithBigField(textBytes: number): { bytes: Buffer; text: string } {
  const text = 'ab\ncd\r\n'.repeat(Math.ceil(textBytes / 7)).slice(0, textBytes);
  const body = `${HEADER}A,1,hi\nA,2,yo\nB,3,"${text}"\nB,4,bye\n`;
  return { bytes: Buffer.from(body, 'utf8'), text };
}

describe('CSV record limit', () => {
  for (const [name, reader] of CSV_READERS) {
    for (const size of CHUNKINGS) {
      it(`${name}, chunks of ${size || 'all'}: a 500-byte field over a 100-byte limit stops at line 4, field "message"`, async () => {
        const { bytes } = csvWithBigField(500);
        const out = await capture((sink) => reader(pieces(bytes, size), { file: 't.csv', delimiter: ',', fields: { text: 'message' }, maxRecordBytes: 100 }, sink));
        expect(out.error?.code).toBe('RECORD_TOO_LARGE');
        expect(out.error?.exitCode).toBe(3);
        expect(out.error?.line).toBe(4);
        expect(out.error?.field).toBe('message');
        expect(out.error?.message).toBe('t.csv:4: field "message": the row starting here is larger than 100 bytes, the limit for one record');
      });

      it(`${name}, chunks of ${size || 'all'}: a 60-byte field under the same limit reads whole`, async () => {
        const { bytes, text } = csvWithBigField(60);
        const out = await capture((sink) => reader(pieces(bytes, size), { file: 't.csv', delimiter: ',', fields: { text: 'message' }, maxRecordBytes: 100 }, sink));
        expect(out.error).toBeUndefined();
        // The 60 bytes are 8 times "ab\ncd\r\n" (2 breaks each) and "ab\nc" (1): 17 breaks, so "B,4" is on line 4 + 17 + 1.
        expect(out.records).toEqual(['2:hi', '3:yo', `4:${text}`, '22:bye']);
      });
    }
  }

  it('an unclosed quote reads the rest of the file as one field and stops at the limit, not at the end', async () => {
    const bytes = Buffer.from(`${HEADER}A,1,"oops\n${'A,2,more\n'.repeat(1000)}`, 'utf8');
    for (const [, reader] of CSV_READERS) {
      const out = await capture((sink) => reader(pieces(bytes, 64), { file: 't.csv', delimiter: ',', fields: { text: 'message' }, maxRecordBytes: 1024 }, sink));
      expect(out.error?.code).toBe('RECORD_TOO_LARGE');
      expect(out.error?.line).toBe(2);
    }
  });
});

describe('csv-parse: delimiters per line', () => {
  const out = (o: Outcome) => ({ code: o.error?.code, exitCode: o.error?.exitCode, line: o.error?.line });
  const read = (body: string, size: number) => capture((sink) => readCsvGeneral(pieces(Buffer.from(body), size), { file: 't.csv', delimiter: ',', fields: { text: 'message' }, maxLineDelimiters: 20 }, sink));

  for (const size of CHUNKINGS) {
    it(`chunks of ${size || 'all'}: 21 commas on line 3 is TOO_MANY_CELLS there; 20 is a ragged row, skipped`, async () => {
      const over = await read(`${HEADER}A,1,hi\nB,2,${','.repeat(19)}\nC,3,yo\n`, size);
      expect(out(over)).toEqual({ code: 'TOO_MANY_CELLS', exitCode: 3, line: 3 });
      expect(over.error?.message).toBe('t.csv:3: more than 20 delimiters on one line');
      const under = await read(`${HEADER}A,1,hi\nB,2,${','.repeat(18)}\nC,3,yo\n`, size);
      expect(under.error).toBeUndefined();
      expect(under.records).toEqual(['2:hi', '4:yo']);
    });
  }
});

/** A JSON array of four messages, one per line after `[` on line 1; record 3 (line 4) carries `textBytes` bytes. */
function jsonWithBigField(textBytes: number, ndjson: boolean): { bytes: Buffer; text: string } {
  const text = 'x'.repeat(textBytes);
  const rows = ['hi', 'yo', text, 'bye'].map((m, i) => JSON.stringify({ conversation_id: 'A', timestamp: i, message: m }));
  return { bytes: Buffer.from(ndjson ? `${rows.join('\n')}\n` : `[\n${rows.join(',\n')}\n]\n`), text };
}

describe('JSON record limit', () => {
  const shape = { kind: 'array' as const, records: [] };
  for (const size of CHUNKINGS) {
    it(`array, chunks of ${size || 'all'}: record 3 over the limit stops at its line (4)`, async () => {
      const { bytes } = jsonWithBigField(500, false);
      const out = await capture((sink) => readJson('t.json', shape, pieces(bytes, size), sink, 200));
      expect(out.error?.code).toBe('RECORD_TOO_LARGE');
      expect(out.error?.line).toBe(4);
      expect(out.error?.message).toMatch(/^t\.json:4: field "message": JSON record 3 is larger than 200 bytes/);
      expect(out.records).toEqual(['1:hi', '2:yo']);
    });

    it(`array, chunks of ${size || 'all'}: the same records under the limit read whole`, async () => {
      const { bytes, text } = jsonWithBigField(100, false);
      const out = await capture((sink) => readJson('t.json', shape, pieces(bytes, size), sink, 200));
      expect(out.error).toBeUndefined();
      expect(out.records).toEqual(['1:hi', '2:yo', `3:${text}`, '4:bye']);
    });

    it(`NDJSON, chunks of ${size || 'all'}: line 3 over the limit stops there; under it, all four lines read`, async () => {
      const big = await capture(async (sink) => readNdjson(pieces(jsonWithBigField(500, true).bytes, size), sink, 't.ndjson', 200));
      expect(big.error?.code).toBe('RECORD_TOO_LARGE');
      expect(big.error?.message).toBe('t.ndjson:3: the line starting here is larger than 200 bytes, the limit for one record');
      expect(big.records).toEqual(['1:hi', '2:yo']);
      const { bytes, text } = jsonWithBigField(100, true);
      const small = await capture(async (sink) => readNdjson(pieces(bytes, size), sink, 't.ndjson', 200));
      expect(small.error).toBeUndefined();
      expect(small.records).toEqual(['1:hi', '2:yo', `3:${text}`, '4:bye']);
    });
  }

  it('a string still being read names its key when the limit is hit mid-record', async () => {
    const { bytes } = jsonWithBigField(5000, false);
    const out = await capture((sink) => readJson('t.json', shape, pieces(bytes, 64), sink, 1000));
    expect(out.error?.field).toBe('message');
    expect(out.error?.line).toBe(4);
  });
});

describe('JSON nesting', () => {
  const deep = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it('a value nested 10,000 levels deep is JSON_TOO_DEEP (exit 3), in the head and in the stream, with no stack overflow', async () => {
    const text = `[{"conversation_id":"A","meta":${deep(10_000)}}]`;
    expect(() => parseJsonHead('t.json', text, true)).toThrow(expect.objectContaining({ code: 'JSON_TOO_DEEP', exitCode: 3 }));
    const out = await capture((sink) => readJson('t.json', { kind: 'array', records: [] }, pieces(Buffer.from(text), 4096), sink));
    expect(out.error?.code).toBe('JSON_TOO_DEEP');
  });

  it('NDJSON lines nested 10,000 and 1,000,000 deep are read or skipped, never a crash', async () => {
    const lines = [`{"conversation_id":"A","message":"deep","meta":${deep(10_000)}}`, `{"message":"deeper","meta":${deep(1_000_000)}}`, '{"message":"after"}'];
    const out = await capture(async (s) => readNdjson(pieces(Buffer.from(lines.join('\n')), 0), s, 't.ndjson'));
    expect(out.error).toBeUndefined();
    // V8's JSON.parse is not recursive: both deep lines parse; the last line follows them.
    expect(out.records).toEqual(['1:deep', '2:deeper', '3:after']);
  });
});

describe('CHATKPI_MAX_RECORD_BYTES', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['4096', 4096],
    ['1k', 1024],
    ['256M', 256 * 1024 * 1024],
    ['2GiB', 2 * 1024 ** 3],
    ['0', Number.NaN],
    ['lots', Number.NaN],
    ['-5', Number.NaN],
  ])('%s -> %s', (text, bytes) => {
    expect(maxRecordBytesFrom(text === undefined ? {} : { CHATKPI_MAX_RECORD_BYTES: text })).toBe(bytes);
  });

  it('limits read as MiB, KiB or bytes', () => {
    expect([formatBytes(64 * 1024 * 1024), formatBytes(2048), formatBytes(1000)]).toEqual(['64 MiB', '2 KiB', '1000 bytes']);
  });
});
