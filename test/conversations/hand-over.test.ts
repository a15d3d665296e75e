// NDJSON on two threads: the reader hands some chunks' whole lines to the main thread unparsed (handLinesTo,
// takeLines), and the conversations, counts, skipped rows and line numbers must be exactly those of one reader
// reading everything, whichever chunks go over. Both sides run here on one thread, in the order the main thread
// handles the reader's messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastConversationFold, FastMessageFold, FastPathAbort, FastRowReader, type FastReaderOptions, type ReaderStats } from '../../src/conversations/fast-messages.js';
import { withLines } from '../../src/conversations/fast-threaded.js';
import type { Conversation } from '../../src/conversations/types.js';
import { pushRefilled } from '../helpers/records.js';

const OPTIONS: FastReaderOptions = { inputTz: 'UTC', maxSkipped: 1000, format: 'ndjson', people: true, agents: false };

interface Run {
  conversations: Conversation[];
  fileStats: ReaderStats[];
  handed: number;
}

/** One reader, as on one thread. */
function alone(files: readonly string[], chunk: number, idleWindowMs: number | null, options = OPTIONS): Run {
  const conversations: Conversation[] = [];
  const fold = new FastMessageFold({ ...options, countBots: false, idleWindowMs, onConversation: (c) => conversations.push(c) });
  files.forEach((text, k) => {
    if (k > 0) fold.nextFile();
    pushRefilled((piece) => fold.push(piece), Buffer.from(text), chunk, 0x20);
  });
  fold.end();
  return { conversations, fileStats: [...fold.fileStats], handed: 0 };
}

/** The reader thread's reader handing a chunk's lines over whenever `wanted` says so, the main thread's taking them. */
function handing(files: readonly string[], chunk: number, idleWindowMs: number | null, wanted: () => boolean, options = OPTIONS): Run {
  const conversations: Conversation[] = [];
  const fold = new FastConversationFold({ countBots: false, people: true, agents: options.agents !== false, idleWindowMs, onConversation: (c) => conversations.push(c) });
  // as fast-threaded.ts: the main thread's reader numbers no ids (its numbers would collide with the reader's)
  const side: FastRowReader = new FastRowReader({ ...options, numberIds: false }, (b) => {
    fold.apply(b, 1);
    side.recycle(b);
  }, ',', false, 1 << 16);
  const reader: FastRowReader = new FastRowReader(options, (b) => {
    fold.apply(b);
    reader.recycle(b);
  }, ',', true);
  const lineStats = new Map<number, ReaderStats>();
  let file = 0;
  let handed = 0;
  const handsOver = reader.handLinesTo({
    wanted,
    send: (bytes, line, header) => {
      handed++;
      side.takeLines(bytes, line, header);
      lineStats.set(file, side.stats);
      reader.recycle({ bytes });
    },
  });
  expect(handsOver).toBe(true);
  for (; file < files.length; file++) {
    if (file > 0) reader.nextFile();
    pushRefilled((piece) => reader.push(piece), Buffer.from(files[file]!), chunk, 0x20);
  }
  file = files.length - 1;
  reader.end();
  fold.finish();
  return { conversations, fileStats: reader.fileStats.map((s, k) => withLines(s, lineStats.get(k), options.maxSkipped)), handed };
}

const byId = (cs: Conversation[]): Conversation[] => [...cs].sort((a, b) => a.id.localeCompare(b.id) || a.firstEventAt - b.firstEventAt);

type Kind = 'ok' | 'badTime' | 'badRole' | 'noId' | 'blank';

function line(kind: Kind, id: string, at: number, role: string, rating: number | null, agent: string | null = null): string {
  const time = kind === 'badTime' ? 'soon' : new Date(Date.UTC(2026, 0, 5, 9) + at * 1000).toISOString().replace('.000', '');
  if (kind === 'blank') return '  ';
  return JSON.stringify({
    conversation_id: kind === 'noId' ? '' : id,
    timestamp: time,
    author_type: kind === 'badRole' ? 'robot' : role,
    author_name: role === 'customer' ? `Cu ${id}` : 'Luis',
    customer_id: `cust-${id.length}`,
    agent,
    message: 'hello "there"\n',
    rating,
  });
}

/** A file of 1-60 lines from a given second, a few of them skipped (a bad time, an unknown role, no id) or blank; its first line a good one. */
const fileArb = fc.array(
  fc.record({
    kind: fc.constantFrom<Kind>('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'badTime', 'badRole', 'noId', 'blank'),
    id: fc.constantFrom('C1', 'C22', 'C333', 'C4444'),
    gap: fc.integer({ min: 0, max: 4000 }),
    role: fc.constantFrom('customer', 'customer', 'agent', 'bot'),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 }),
    agent: fc.constantFrom(null, 'Luis', 'Zoë Ng', 'Ana Díaz', 'Bo'),
  }),
  { minLength: 1, maxLength: 60 },
).map((rows) => (start: number): string => {
  let at = start;
  return rows.map((r, i) => {
    at += r.gap;
    return line(i === 0 ? 'ok' : r.kind, r.id, at, r.role, r.rating, r.agent);
  }).join('\n');
});

describe('NDJSON lines handed to the main thread', () => {
  it('gives the same conversations, agents, counts, skipped rows and line numbers whichever chunks go over (property)', () => {
    let handed = 0;
    let handedWithSkips = 0;
    fc.assert(
      fc.property(
        fc.array(fileArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(7, 64, 300, 1 << 16),
        fc.constantFrom(null, 600_000),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (files, pattern, chunk, idle, finalEol, agents, numberIds) => {
          // each file days after the one before: conversations go on across them, in time order
          const texts = files.map((f, k) => f(k * 240_000) + (finalEol ? '\n' : ''));
          // with agents, each side indexes their names its own way; with numbered ids, the reader's rows carry
          // numbers and the main thread's none
          const options = { ...OPTIONS, agents, numberIds };
          const expected = alone(texts, chunk, idle, options);
          let call = 0;
          const got = handing(texts, chunk, idle, () => pattern[call++ % pattern.length]!, options);
          expect(byId(got.conversations)).toEqual(byId(expected.conversations));
          expect(got.fileStats).toEqual(expected.fileStats);
          handed += got.handed;
          if (got.handed > 0 && expected.fileStats.some((f) => f.skipped > 0)) handedWithSkips++;
        },
      ),
      { numRuns: 300 },
    );
    expect(handed).toBeGreaterThan(300);
    expect(handedWithSkips).toBeGreaterThan(30);
  });

  it('hands lines over and numbers a line the main thread refuses as one reader does', () => {
    const lines = Array.from({ length: 400 }, (_, i) => line('ok', `C${i % 7}`, i * 30, i % 2 === 0 ? 'customer' : 'agent', null));
    lines[301] = lines[301]!.replace('"message":"hello \\"there\\"\\n"', '"message":{"text":"nested"}');
    const text = lines.join('\n');
    const message = (run: () => unknown): string => {
      try {
        run();
      } catch (err) {
        expect(err).toBeInstanceOf(FastPathAbort);
        return (err as Error).message;
      }
      throw new Error('no abort');
    };
    const one = message(() => alone([text], 4096, null));
    expect(one).toBe('line 302: not a flat JSON object');
    let handed = 0;
    expect(message(() => handing([text], 4096, null, () => true))).toBe(one);
    // the lines up to the bad one, with every chunk after the first handed over: the main thread read them
    const before = handing([lines.slice(0, 301).join('\n')], 4096, null, () => {
      handed++;
      return true;
    });
    expect(before.handed).toBeGreaterThan(5);
    expect(handed).toBe(before.handed);
    expect(before.fileStats[0]!.records).toBe(301);
  });

  it('is not for CSV, nor for a reader on the main thread', () => {
    const sink = { wanted: () => true, send: (): void => {} };
    const reader = (options: FastReaderOptions, own = true): FastRowReader => new FastRowReader(options, () => {}, ',', own);
    expect(reader(OPTIONS).handLinesTo(sink)).toBe(true);
    expect(reader({ ...OPTIONS, format: 'csv' }).handLinesTo(sink)).toBe(false);
    expect(reader({ ...OPTIONS, agents: true }).handLinesTo(sink)).toBe(true);
    expect(reader({ ...OPTIONS, numberIds: true }).handLinesTo(sink)).toBe(true);
    expect(reader(OPTIONS, false).handLinesTo(sink)).toBe(false); // a reader on the main thread keeps its lines
  });

  it('adds both threads’ counts of a file, the first skipped rows in line order, and checks their sum against the limit', () => {
    const reader: ReaderStats = { records: 10, skipped: 2, firstSkipped: [{ line: 3, reason: 'a' }, { line: 40, reason: 'b' }] };
    const lines: ReaderStats = { records: 5, skipped: 1, firstSkipped: [{ line: 20, field: 'timestamp', reason: 'c' }] };
    expect(withLines(reader, lines, 3)).toEqual({ records: 15, skipped: 3, firstSkipped: [{ line: 3, reason: 'a' }, { line: 20, field: 'timestamp', reason: 'c' }, { line: 40, reason: 'b' }] });
    expect(withLines(reader, undefined, 0)).toBe(reader);
    expect(() => withLines(reader, lines, 2)).toThrow(FastPathAbort);
  });
});
