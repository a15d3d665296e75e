// The reader thread hands its CSV chunks to the main thread in the regions of shared memory it read and indexed
// them in (FastRowReader.handsRegions, RowBatch.region), and reads on into other regions meanwhile. Here both
// sides run on one thread with the main thread's side behind by `behind` batches: the conversations must be those
// of one reader reading everything, so no region was read into while its batch was still to be folded.
import { describe, expect, it } from 'vitest';
import type { RowBatch } from '../../src/conversations/fast-batch.js';
import { FastConversationFold, FastMessageFold, FastRowReader, type FastReaderOptions } from '../../src/conversations/fast-messages.js';
import type { Conversation } from '../../src/conversations/types.js';

const OPTIONS: FastReaderOptions = { inputTz: 'UTC', maxSkipped: 1000, format: 'csv', people: true, agents: true };
/** The reader thread's reads (fast-worker.ts CHUNK_BYTES). */
const CHUNK = 256 * 1024;

/** Conversations of three to six rows, a quoted text with doubled quotes in some, and `long` one text this long. */
function csv(conversations: number, long: number): string {
  const rows = ['conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating'];
  const at = (s: number): string => new Date(Date.UTC(2026, 2, 2) + s * 1000).toISOString().replace('.000', '');
  for (let c = 0; c < conversations; c++) {
    const id = `C${String(c).padStart(7, '0')}`;
    const start = c * 40;
    const text = c === Math.floor(conversations / 2) ? `"${'x'.repeat(long)}"` : c % 3 === 0 ? '"she said ""hi"", then left"' : 'hello there';
    rows.push(`${id},${at(start)},customer,Cust ${c % 97},,Support,web,${text},`);
    rows.push(`${id},${at(start + 12)},agent,Agent ${c % 7},Agent ${c % 7},Support,web,"Hi, how can I help?",`);
    for (let k = 0; k < c % 4; k++) rows.push(`${id},${at(start + 20 + k)},customer,Cust ${c % 97},Agent ${c % 7},Support,web,more,`);
    if (c % 5 === 0) rows.push(`${id},${at(start + 30)},customer,Cust ${c % 97},Agent ${c % 7},Support,web,,${1 + (c % 5)}`);
  }
  return `${rows.join('\n')}\n`;
}

function alone(text: string): Conversation[] {
  const out: Conversation[] = [];
  const fold = new FastMessageFold({ ...OPTIONS, countBots: false, idleWindowMs: 3_600_000, onConversation: (c) => out.push(c) });
  fold.push(Buffer.from(text));
  fold.end();
  return out;
}

interface Handed {
  conversations: Conversation[];
  /** Batches whose bytes came in a region, and in a segment of their own. */
  inRegions: number;
  copied: number;
}

/** The reader thread's reader, its batches folded `behind` batches later (then given back). */
function handing(text: string, behind: number): Handed {
  const conversations: Conversation[] = [];
  const fold = new FastConversationFold({ countBots: false, people: true, agents: true, idleWindowMs: 3_600_000, onConversation: (c) => conversations.push(c) });
  const waiting: RowBatch[] = [];
  let inRegions = 0;
  let copied = 0;
  const handle = (): void => {
    const b = waiting.shift()!;
    fold.apply(b);
    reader.recycle({ bytes: b.bytes, ints: b.ints, times: b.times, ...(b.region !== undefined ? { region: b.region } : {}) });
  };
  const reader: FastRowReader = new FastRowReader(OPTIONS, (b) => {
    if (b.region !== undefined) inRegions++;
    else copied++;
    waiting.push(b);
    if (waiting.length > behind) handle();
  }, ',', true);
  const bytes = Buffer.from(text);
  let at = 0;
  while (reader.fill((into, offset, length) => {
    const n = Math.min(length, bytes.length - at);
    bytes.copy(into, offset, at, at + n);
    at += n;
    return n;
  }, CHUNK));
  reader.end();
  while (waiting.length > 0) handle();
  fold.finish();
  return { conversations, inRegions, copied };
}

describe('the reader thread hands CSV chunks over in the regions it read them in', () => {
  const text = csv(40_000, 600_000); // ~4.6 MB, one text longer than a region (320 KiB)
  const expected = alone(text);

  it('folds the same conversations, the main thread a batch behind or eight (every region but the spare in use)', () => {
    expect(expected.length).toBe(40_000);
    for (const behind of [0, 1, 8]) {
      const run = handing(text, behind);
      expect(run.conversations).toEqual(expected);
      // the chunks of the long text are parsed from a buffer of the reader's own and copied out; the rest are not
      expect(run.inRegions).toBeGreaterThan(10);
      expect(run.copied).toBeGreaterThan(0);
      expect(run.copied).toBeLessThan(5);
    }
  });

  it('copies chunks out when no region is free (the main thread further behind than the regions go), and folds the same', () => {
    const run = handing(text, 14);
    expect(run.conversations).toEqual(expected);
    expect(run.copied).toBeGreaterThan(3);
    expect(run.inRegions).toBeGreaterThan(10);
  });
});
