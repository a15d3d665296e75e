// The fast path on NDJSON (message-level lines, the generic format's keys) must give exactly what the general
// path gives (JSON.parse per line → adapter → fold), or give up (FastPathAbort) and leave the file to it. It must
// never accept a line JSON.parse refuses: the general path skips and counts that line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/generic-messages.js';
import { FastMessageFold, FastPathAbort } from '../../src/conversations/fast-messages.js';
import type { Conversation } from '../../src/conversations/types.js';
import { foldAll, jsonRecords, pushRefilled, testContext, toEvents } from '../helpers/records.js';

const shared = '../shared/bench/gen-messages.mjs';
const dir = mkdtempSync(join(tmpdir(), 'chatkpi-ndjson-'));

function foldNdjson(text: string, chunk = 1 << 16, indexed = true, jsonKeys?: readonly string[]): Conversation[] {
  const out: Conversation[] = [];
  const fold = new FastMessageFold({ countBots: false, inputTz: 'UTC', idleWindowMs: null, maxSkipped: 1000, format: 'ndjson', indexed, ...(jsonKeys ? { jsonKeys } : {}), onConversation: (c) => out.push(c) });
  pushRefilled((piece) => fold.push(piece), Buffer.from(text), chunk, 0x22);
  fold.end();
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

function generalNdjson(text: string): Conversation[] {
  const path = join(dir, 'x.ndjson');
  writeFileSync(path, text);
  const events = toEvents(adapter, jsonRecords(path), testContext(path, undefined, { keepText: false }));
  return [...foldAll(events).values()].sort((a, b) => a.id.localeCompare(b.id));
}

const KEYS = ['conversation_id', 'timestamp', 'author_type', 'author_name', 'agent', 'department', 'channel', 'message', 'rating'] as const;
type Key = (typeof KEYS)[number];

/** One message line's values; undefined: the key is left out. */
type Line = Partial<Record<Key, string | number | null>>;

/** JSON's own whitespace between tokens (a line feed would end the line). */
const space = fc.constantFrom('', '', '', ' ', '  ', '\t', ' \t');
const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '"', '\\', '/', '\n', '\r', '\t', '\u0001', '\u001f', 'é', '中', '😀', '\u2028'), maxLength: 12 });

function lineArb(index: number) {
  return fc.record({
    conversation_id: fc.constantFrom('A', 'B7', 'c-9'), // ASCII: a non-ASCII id gives up (allocate)
    author_type: fc.constantFrom('customer', 'agent', 'bot', 'system'),
    author_name: fc.constantFrom('Ana', 'Luis', 'Zoë Ng', '李雷'),
    agent: fc.option(fc.constantFrom('Luis', 'Zoë Ng'), { nil: null }),
    department: fc.option(fc.constantFrom('Sales', 'Support'), { nil: null }),
    channel: fc.constantFrom('web', 'email'),
    message: text,
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    // which keys the line leaves out, and in what order it writes the rest
    missing: fc.subarray(['agent', 'department', 'channel', 'message', 'rating'] as Key[], { maxLength: 2 }),
    shuffled: fc.boolean(),
    order: fc.shuffledSubarray([...KEYS], { minLength: KEYS.length, maxLength: KEYS.length }),
  }).map((r): { line: Line; order: readonly Key[] } => {
    const line: Line = { ...r, timestamp: new Date(Date.UTC(2026, 0, 5, 9) + index * 7000).toISOString().replace('.000', '') };
    for (const k of r.missing) delete line[k];
    return { line, order: r.shuffled ? r.order : KEYS };
  });
}

/** A line as JSON with the whitespace `gaps` gives between its tokens. */
function write(line: Line, order: readonly Key[], gaps: string[]): string {
  let g = 0;
  const gap = (): string => gaps[g++ % gaps.length]!;
  const entries = order.filter((k) => line[k] !== undefined).map((k) => `${JSON.stringify(k)}${gap()}:${gap()}${JSON.stringify(line[k])}`);
  return `${gap()}{${gap()}${entries.join(`${gap()},${gap()}`)}${gap()}}${gap()}`;
}

/** A file of 1-12 lines; the first line has every key in the usual order (its keys are the header). */
const fileArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    lines: fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))),
    gaps: fc.array(space, { minLength: 1, maxLength: 8 }),
    eol: fc.constantFrom('\n', '\r\n'),
    blank: fc.constantFrom('', ' ', '\t'),
    blankAt: fc.integer({ min: -1, max: n }),
    finalEol: fc.boolean(),
    chunk: fc.constantFrom(1, 5, 64, 1 << 16),
  }),
);

describe('fast path, NDJSON', () => {
  it('matches the general path on hand-made lines: escapes in skipped text, null, missing keys, spaces, keys in another order', () => {
    const lines = [
      '{"conversation_id":"J1","timestamp":"2026-01-05T09:00:00Z","author_type":"customer","author_name":"Ana","agent":null,"message":"say \\"hi\\"\\n","rating":null}',
      '{ "conversation_id" : "J1", "timestamp": "2026-01-05T09:00:25Z", "author_type": "agent", "author_name": "Luis", "agent": "Luis", "message": "ok", "rating": null }',
      '{"timestamp":"2026-01-05T09:01:00Z","conversation_id":"J1","author_type":"customer","author_name":"Ana","agent":"Luis","message":"thanks","rating":5}',
      '',
      '{"conversation_id":"J2","timestamp":"2026-01-05T09:02:00Z","author_type":"customer","author_name":"Bo","message":"no agent key"}',
    ].join('\n');
    const expected = generalNdjson(lines);
    expect(expected.map((c) => c.id)).toEqual(['J1', 'J2']);
    for (const chunk of [1, 7, 1 << 16]) expect(foldNdjson(lines, chunk)).toEqual(expected);
    expect((expected[0]!.firstResponseAt! - expected[0]!.requestedAt!) / 1000).toBe(25);
  });

  it('reads a field the first line leaves out under its first name, ignores keys no path reads, gives up on other names for a field', () => {
    const first = '{"conversation_id":"J1","timestamp":"2026-01-05T09:00:00Z","author_type":"customer","author_name":"Ana","message":"hi"}';
    const later = (extra: string): string => `{"conversation_id":"J1","timestamp":"2026-01-05T09:00:30Z","author_type":"agent","author_name":"Luis",${extra}"message":"ok"}`;
    const rated = '{"conversation_id":"J1","timestamp":"2026-01-05T09:01:00Z","author_type":"customer","author_name":"Ana","rating":5,"message":"thanks"}';
    for (const extra of ['"agent":"Luis","channel":"web",', '"foo":"bar",', '']) {
      const text = [first, later(extra), rated].join('\n');
      const expected = generalNdjson(text);
      expect(expected[0]!.ratings.csat?.score).toBe(5);
      expect(foldNdjson(text)).toEqual(expected);
    }
    expect(generalNdjson([first, later('"agent":"Luis",')].join('\n'))[0]!.agent).toBe('Luis');
    // another name of a field the header lacks: it could win on some lines only
    expect(() => foldNdjson([first, later('"csat":4,')].join('\n'))).toThrow(FastPathAbort);
    // two names for one field in the header
    expect(() => foldNdjson([first.replace('"message"', '"agent":"A","operator":"B","message"'), later('')].join('\n'))).toThrow(FastPathAbort);
  });

  it('tells a key from another of its length that differs in any one word of its token (ignored, as the general path does)', () => {
    // `"author_name":` is compared as the words "aut, hor_, name and me": (the last); each variant differs in one
    const first = '{"conversation_id":"K1","timestamp":"2026-01-05T09:00:00Z","author_type":"customer","author_name":"Ana","message":"hi"}';
    for (const key of ['xuthor_name', 'authxr_name', 'author_nxme', 'author_naxe']) {
      const text = [first, `{"conversation_id":"K1","timestamp":"2026-01-05T09:00:30Z","author_type":"agent","${key}":"Luis","message":"ok"}`].join('\n');
      const expected = generalNdjson(text);
      expect(expected[0]!.agent, key).toBeUndefined();
      expect(foldNdjson(text), key).toEqual(expected);
    }
  });

  it('gives up on what it does not read from bytes: an escape in a read field, a nested value', () => {
    const escaped = '{"conversation_id":"J1","timestamp":"2026-01-05T09:00:00Z","author_type":"customer","author_name":"A\\u00f1a","message":"x","rating":null}';
    expect(() => foldNdjson(escaped)).toThrow(FastPathAbort);
    const nested = '{"conversation_id":"J1","timestamp":"2026-01-05T09:00:00Z","author_type":"customer","author_name":"Ana","message":{"text":"x"},"rating":null}';
    expect(() => foldNdjson(nested)).toThrow(FastPathAbort);
  });

  it('reads any valid flat line as the general path does: whitespace, key order, missing keys, escapes in the text, chunking (property)', () => {
    fc.assert(
      fc.property(fileArb, ({ lines, gaps, eol, blank, blankAt, finalEol, chunk }) => {
        const written = lines.map(({ line, order }, i) => (i === 0 ? write(line, KEYS, ['']) : write(line, order, gaps)));
        if (blankAt > 0) written.splice(blankAt, 0, blank);
        const text = written.join(eol) + (finalEol ? eol : '');
        const expected = generalNdjson(text);
        expect(expected.length).toBeGreaterThan(0);
        // every key of the file as the header (the pipeline lists the keys of the first lines), the first line's first
        const all = [...new Set([...Object.keys(lines[0]!.line), ...lines.flatMap(({ line }) => Object.keys(line))])];
        expect(foldNdjson(text, chunk, true, all)).toEqual(expected);
        expect(foldNdjson(text, chunk, false, all)).toEqual(expected); // the positions by a byte loop, as without WebAssembly SIMD
        // the first line's keys as the header: a field it lacks is read under its first name on later lines
        expect(foldNdjson(text, chunk)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on every line JSON.parse refuses, instead of reading it (property)', () => {
    const first = write({ conversation_id: 'A', timestamp: '2026-01-05T09:00:00Z', author_type: 'customer', author_name: 'Ana', agent: null, department: 'Sales', channel: 'web', message: 'hi', rating: null }, KEYS, ['']);
    const good = '{"conversation_id":"A","timestamp":"2026-01-05T09:00:09Z","author_type":"agent","author_name":"Luis","agent":"Luis","department":"Sales","channel":"web","message":"MSG","rating":RATING}';
    const broken = fc.oneof(
      // a literal JSON does not have, in a field the fast path reads (rating) and in one it skips (the text)
      fc.tuple(fc.constantFrom('nul', 'NULL', 'nulll', 'tru', 'True', 'fals', '01', '-01', '1.', '.5', '+1', '1e', '-', '--1', '1e+', '0x10', 'NaN', 'Infinity', "'5'", '5 5'), fc.boolean()).map(([r, read]) =>
        read ? good.replace('MSG', 'ok').replace('RATING', r) : good.replace('"MSG"', r).replace('RATING', 'null'),
      ),
      fc.constantFrom('\t', '\u0001', '\u001f', '\r', '\\x', '\\u12G4', '\\u12', '\\q', '\\\\\\q', '"').map((m) => good.replace('MSG', `a${m}b`).replace('RATING', 'null')),
      fc.constantFrom(' x', ',', '}', '{}', ' "a"').map((tail) => good.replace('MSG', 'ok').replace('RATING', 'null') + tail),
      fc.constantFrom(['"agent":', '"agent" '], ['","department"', '" "department"'], ['{"conversation_id"', '{conversation_id'], ['"channel":"web"', '"channel":"web",'], ['"author_name"', "'author_name'"]).map(
        ([from, to]) => good.replace('MSG', 'ok').replace('RATING', 'null').replace(from, to),
      ),
      fc.constant(good.replace('MSG', 'ok').replace('RATING', 'null').slice(0, -1)),
    );
    fc.assert(
      fc.property(broken, fc.constantFrom('\n', '\r\n'), (line, eol) => {
        expect(() => JSON.parse(line)).toThrow(); // the general path skips this line
        expect(() => foldNdjson([first, line, first.replace('09:00:00', '09:01:00')].join(eol))).toThrow(FastPathAbort);
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(!existsSync(shared))('matches the general path on the standard workload as NDJSON (20,000 rows)', () => {
    const text = execFileSync(process.execPath, [shared, '--rows', '20000', '--seed', '7', '--format', 'ndjson'], { maxBuffer: 1 << 26 }).toString();
    expect(foldNdjson(text)).toEqual(generalNdjson(text));
    expect(foldNdjson(text, 1 << 16, false)).toEqual(generalNdjson(text));
  });
});
