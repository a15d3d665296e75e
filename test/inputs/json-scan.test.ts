// The byte-scanning JSON reader against the streaming one: the same records in the same order for every shape and
// chunking, and the same error code for every corruption; plus each error by hand, with its line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readJsonScan } from '../../src/inputs/json-scan.js';
import { readJson, readJsonStream, type JsonShape } from '../../src/inputs/json.js';
import { RecordSink } from '../../src/inputs/skips.js';
import type { RawRecord } from '../../src/inputs/types.js';

type Reader = typeof readJsonScan;

/** The bytes in pieces whose sizes cycle through `sizes` (fresh buffers, as a file stream gives them). */
async function* pieces(bytes: Buffer, sizes: readonly number[]): AsyncIterable<Buffer> {
  let k = 0;
  for (let i = 0; i < bytes.length; ) {
    const size = sizes[k++ % sizes.length]!;
    yield Buffer.from(bytes.subarray(i, i + size));
    i += size;
  }
}

interface Outcome {
  records: [number, unknown][];
  error?: InputError;
}

async function read(reader: Reader, bytes: Buffer, shape: JsonShape, sizes: readonly number[] = [bytes.length || 1], max = 1e9): Promise<Outcome> {
  const out: Outcome = { records: [] };
  const sink = new RecordSink('t.json', 1e9, (r: RawRecord) => {
    if (r.kind === 'json') out.records.push([r.line, r.value]);
  });
  try {
    await reader('t.json', shape, pieces(bytes, sizes), sink, max);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    out.error = err;
  }
  return out;
}

/** 1-based line of a byte offset. */
function lineOf(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

// --- Random documents -------------------------------------------------------------------------------------------

/** A small deterministic generator, seeded by fast-check, for the layout choices (whitespace, escapes, key order). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const WHITESPACE = ['', '', '', ' ', '\n', '\r\n', '\t', ' \n  '];

/** JSON text of a value with whitespace anywhere it may go and, now and then, non-ASCII written as \u escapes. */
function layout(value: unknown, rnd: () => number): string {
  const ws = (): string => WHITESPACE[Math.floor(rnd() * WHITESPACE.length)]!;
  const str = (s: string): string => {
    const text = JSON.stringify(s);
    return rnd() < 0.3 ? text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
  };
  const walk = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => `${walk(x)}${ws()}`).join(`,${ws()}`)}]`;
    if (v !== null && typeof v === 'object') return `{${ws()}${Object.entries(v).map(([k, x]) => `${str(k)}${ws()}:${ws()}${walk(x)}${ws()}`).join(`,${ws()}`)}}`;
    return JSON.stringify(v);
  };
  return walk(value);
}

const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', '\\', '\n', '/', '\t', 'é', '€', '😀', '}', ']', '{', ':', ','), maxLength: 6 });
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const { value, object } = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
}));
const item = fc.oneof({ arbitrary: object, weight: 4 }, { arbitrary: value, weight: 1 });
const items = fc.array(item, { maxLength: 5 });

interface Doc {
  shape: JsonShape;
  bytes: Buffer;
}

/** Several documents back to back, each laid out on its own, separated by whitespace or (after a container) nothing. */
function join(docs: unknown[], rnd: () => number): string {
  return docs
    .map((d) => {
      const gap = WHITESPACE[Math.floor(rnd() * WHITESPACE.length)]!;
      // Two numbers side by side would read as one (or as garbage: `5e-3245e-324`).
      return `${layout(d, rnd)}${gap === '' && (d === null || typeof d !== 'object') ? ' ' : gap}`;
    })
    .join('');
}

const arrayDoc = fc.record({ items, more: fc.array(fc.oneof(items, value), { maxLength: 1 }), seed: fc.integer() }).map(({ items, more, seed }): Doc => {
  const rnd = random(seed);
  return { shape: { kind: 'array', records: [] }, bytes: Buffer.from(join([items, ...more], rnd)) };
});

const wrapperDoc = fc
  .record({
    path: fc.constantFrom<string[]>(['conversations'], ['data', 'payload']),
    pages: fc.array(fc.record({ items, other: object, nested: object }), { minLength: 1, maxLength: 3 }),
    seed: fc.integer(),
  })
  .map(({ path, pages, seed }): Doc => {
    const rnd = random(seed);
    // The array under its key, beside the page's other keys (which may hold arrays of objects too), in random order.
    const shuffle = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).sort(() => rnd() - 0.5));
    const docs = pages.map(({ items, other, nested }) =>
      path.length === 1
        ? shuffle({ ...other, [path[0]!]: items })
        : shuffle({ ...other, [path[0]!]: shuffle({ ...nested, [path[1]!]: items }) }),
    );
    return { shape: { kind: 'wrapper', wrapperPath: path, wrapperKey: path.join('.'), records: [] }, bytes: Buffer.from(join(docs, rnd)) };
  });

const singleDoc = fc.record({ docs: fc.array(fc.oneof({ arbitrary: object, weight: 4 }, { arbitrary: value, weight: 1 }), { minLength: 1, maxLength: 4 }), seed: fc.integer() }).map(
  ({ docs, seed }): Doc => ({ shape: { kind: 'single', records: [] }, bytes: Buffer.from(join(docs, random(seed))) }),
);

const doc = fc.oneof(arrayDoc, wrapperDoc, singleDoc);
const chunking = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 });

/** Bytes that break JSON in interesting ways: structure, quotes, escapes, the starts of literals and numbers. */
const BAD_BYTES = [...'{}[],:"\\a0-.etn \n'].map((c) => c.charCodeAt(0)).concat([0x01]);
const corruption = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.constantFrom(...BAD_BYTES) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.constantFrom(...BAD_BYTES) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

function corrupt(bytes: Buffer, c: { kind: 'delete' | 'replace' | 'insert' | 'cut'; at: number; byte?: number }): Buffer {
  if (bytes.length === 0) return bytes;
  const at = c.at % bytes.length;
  const head = bytes.subarray(0, at);
  if (c.kind === 'cut') return Buffer.from(head);
  if (c.kind === 'delete') return Buffer.concat([head, bytes.subarray(at + 1)]);
  if (c.kind === 'replace') return Buffer.concat([head, Buffer.from([c.byte!]), bytes.subarray(at + 1)]);
  return Buffer.concat([head, Buffer.from([c.byte!]), bytes.subarray(at)]);
}

/** Both readers on the same bytes: the same records, the same error code; our error names the right line. */
async function same(d: Doc, sizes: readonly number[]): Promise<Outcome> {
  const scan = await read(readJsonScan, d.bytes, d.shape, sizes);
  const stream = await read(readJsonStream, d.bytes, d.shape, sizes);
  expect(scan.error?.code).toBe(stream.error?.code);
  expect(scan.records).toEqual(stream.records);
  if (scan.error?.code === 'BAD_JSON') {
    const offset = Number(/near byte (\d+)/.exec(scan.error.message)?.[1]);
    expect(scan.error.line).toBe(lineOf(d.bytes, offset));
  }
  if (scan.error?.code === 'TRUNCATED_JSON') expect(scan.error.line).toBe(lineOf(d.bytes, d.bytes.length));
  return scan;
}

describe('readJsonScan against the streaming reader', () => {
  it('valid documents of every shape, in any chunking: the same records, no error', async () => {
    await fc.assert(
      fc.asyncProperty(doc, chunking, async (d, sizes) => {
        const out = await same(d, sizes);
        expect(out.error).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('a stray literal after a complete document: the byte at fault and its line, in any chunking (both readers)', async () => {
    // `{}` CRLF `n[]`: the scan stands a placeholder in for `[`, so its last token was the first document's; the
    // position came out as byte -2, and the line as the current chunk's
    const bytes = Buffer.from('{}\r\nn[]');
    for (const sizes of [[1], [2], [3], [4096]]) {
      for (const reader of [readJsonScan, readJsonStream]) {
        const out = await read(reader, bytes, { kind: 'single', records: [] }, sizes);
        expect(out.error?.code).toBe('BAD_JSON');
        expect(out.error?.line).toBe(2);
        expect(out.error?.message).toMatch(/near byte 5: Unexpected "\["/);
      }
    }
  });

  it('corrupted documents: both reject with the same code, or both accept the same records', async () => {
    await fc.assert(
      fc.asyncProperty(doc, corruption, chunking, async (d, c, sizes) => {
        await same({ shape: d.shape, bytes: corrupt(d.bytes, c) }, sizes);
      }),
      { numRuns: 1500 },
    );
  });
});

// --- By hand, through readJson (the scanning reader) ------------------------------------------------------------

const ARRAY: JsonShape = { kind: 'array', records: [] };
const CHATS: JsonShape = { kind: 'wrapper', wrapperPath: ['chats'], wrapperKey: 'chats', records: [] };
const EVERY_CHUNKING = [[1], [2], [3], [7], [4096]];

async function each(text: string, shape: JsonShape, check: (o: Outcome) => void, max?: number): Promise<void> {
  for (const sizes of EVERY_CHUNKING) check(await read(readJson, Buffer.from(text), shape, sizes, max));
}

describe('readJsonScan by hand', () => {
  it('reads the items of a wrapper page after page, skipping the other keys and arrays', async () => {
    const text = '{"users":[{"id":"u"}],"chats":[{"id":1},{"id":"a\\"]}"}],"count":2}\n{"chats":[{"id":3}],"next":null}';
    await each(text, CHATS, (o) => {
      expect(o.error).toBeUndefined();
      expect(o.records).toEqual([[1, { id: 1 }], [2, { id: 'a"]}' }], [3, { id: 3 }]]);
    });
  });

  it('a wrapper key written with an escape is the same key', async () => {
    await each('{"ch\\u0061ts":[{"id":1}]}', CHATS, (o) => expect(o.records).toEqual([[1, { id: 1 }]]));
  });

  it('a backslash run before a quote, cut anywhere: escaped quotes stay inside the string', async () => {
    // "a\\" ends after two backslashes (an escaped backslash); "b\"c" holds an escaped quote.
    await each('[{"k":"a\\\\"},{"k":"b\\"c"}]', ARRAY, (o) => expect(o.records).toEqual([[1, { k: 'a\\' }], [2, { k: 'b"c' }]]));
  });

  it('a broken record is BAD_JSON on the line of the bad token, after the records before it', async () => {
    // Record 2 starts on line 3; its `,}` (trailing comma) is on line 4.
    const text = '[\n{"id":1},\n{"id":2,\n}\n]';
    await each(text, ARRAY, (o) => {
      expect(o.error?.code).toBe('BAD_JSON');
      expect(o.error?.line).toBe(4);
      expect(o.records).toEqual([[1, { id: 1 }]]);
    });
  });

  it('a bad escape inside a record cut by the end of the file is BAD_JSON, not TRUNCATED_JSON', async () => {
    await each('[{"id":1},\n{"id":"\\x', ARRAY, (o) => {
      expect(o.error?.code).toBe('BAD_JSON');
      expect(o.error?.line).toBe(2);
    });
  });

  it('a file cut inside a record is TRUNCATED_JSON on the last line', async () => {
    await each('[{"id":1},\n{"id":2,\n"text":"he', ARRAY, (o) => {
      expect(o.error?.code).toBe('TRUNCATED_JSON');
      expect(o.error?.line).toBe(3);
      expect(o.records).toEqual([[1, { id: 1 }]]);
    });
  });

  it('a number left open by the end of the file is read before deciding: `{0` is BAD_JSON, `[0` TRUNCATED_JSON', async () => {
    const single: JsonShape = { kind: 'single', records: [] };
    await each('{0', single, (o) => expect(o.error?.code).toBe('BAD_JSON'));
    await each('[0', single, (o) => expect(o.error?.code).toBe('TRUNCATED_JSON'));
  });

  it('invalid UTF-8 in a record is BAD_JSON on its line (the streaming reader once threw a TypeError)', async () => {
    // 0xC3 starts a two-byte character; `"` cannot continue it. Record 2 is on line 2.
    const bytes = Buffer.concat([Buffer.from('[{"a":"é"},\n{"a":"'), Buffer.from([0xc3]), Buffer.from('"}]')]);
    for (const sizes of [[1], [3], [64]]) {
      expect((await read(readJsonStream, bytes, ARRAY, sizes)).error?.code).toBe('BAD_JSON');
      const o = await read(readJson, bytes, ARRAY, sizes);
      expect(o.error?.code).toBe('BAD_JSON');
      expect(o.error?.line).toBe(2);
      expect(o.records).toEqual([[1, { a: 'é' }]]);
    }
  });

  it('a file cut between records is TRUNCATED_JSON', async () => {
    await each('{"chats":[{"id":1},\n', CHATS, (o) => {
      expect(o.error?.code).toBe('TRUNCATED_JSON');
      expect(o.error?.line).toBe(2);
      expect(o.records).toEqual([[1, { id: 1 }]]);
    });
  });

  it('a bad wrapper (no colon after the key) is BAD_JSON before any record', async () => {
    await each('{"chats" [{"id":1}]}', CHATS, (o) => {
      expect(o.error?.code).toBe('BAD_JSON');
      expect(o.records).toEqual([]);
    });
  });

  it('nesting: 1000 levels in all are read, 1001 is JSON_TOO_DEEP (in a record and around the records)', async () => {
    // The top-level array is level 1, so a record of 999 nested arrays reaches 1000.
    const inside = (levels: number): string => `[${'['.repeat(levels)}${']'.repeat(levels)}]`;
    await each(inside(999), ARRAY, (o) => expect(o.error).toBeUndefined());
    await each(inside(1000), ARRAY, (o) => expect(o.error?.code).toBe('JSON_TOO_DEEP'));
    await each(`{"chats":[{"id":1}],"x":${'['.repeat(1000)}${']'.repeat(1000)}}`, CHATS, (o) => expect(o.error?.code).toBe('JSON_TOO_DEEP'));
    await each(`[{"a":${'['.repeat(100_000)}`, ARRAY, (o) => expect(o.error?.code).toBe('JSON_TOO_DEEP'));
  });

  it('a record over the limit is RECORD_TOO_LARGE at its first line, naming its longest field', async () => {
    // Record 2 (line 3) is 1 + 12 + 300 + 2 = 315 bytes, over 200; record 1 is 10 bytes.
    const text = `[\n{"id":1},\n{"id":2,"body":"${'x'.repeat(300)}"},\n{"id":3}]`;
    await each(
      text,
      ARRAY,
      (o) => {
        expect(o.error?.code).toBe('RECORD_TOO_LARGE');
        expect(o.error?.line).toBe(3);
        expect(o.error?.field).toBe('body');
        expect(o.error?.message).toMatch(/JSON record 2 is larger than 200 bytes/);
        expect(o.records).toEqual([[1, { id: 1 }]]);
      },
      200,
    );
    await each(text, ARRAY, (o) => expect(o.records.length).toBe(3), 400);
  });

  it('a stretch of the page around the records longer than the limit is RECORD_TOO_LARGE where it starts', async () => {
    // After record 1 (line 2) comes a 300-byte `note` on line 3: 200 bytes pass with no record.
    const text = `{"chats":[\n{"id":1}],\n"note":"${'x'.repeat(300)}",\n"chats":[{"id":2}]}`;
    for (const sizes of [[1], [7], [64]]) {
      const o = await read(readJson, Buffer.from(text), CHATS, sizes, 200);
      expect(o.error?.code).toBe('RECORD_TOO_LARGE');
      expect(o.error?.message).toMatch(/the JSON after record 1 is larger than 200 bytes/);
      expect(o.error?.line).toBe(2);
      expect(o.records).toEqual([[1, { id: 1 }]]);
    }
    // Under a 400-byte limit both records are read.
    expect((await read(readJson, Buffer.from(text), CHATS, [7], 400)).records).toEqual([[1, { id: 1 }], [2, { id: 2 }]]);
  });
});
