import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter, { tweetKey } from '../../src/adapters/twcs.js';
import type { ChatEvent } from '../../src/events/types.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import type { CsvRow } from '../../src/inputs/types.js';
import { csvRows, foldAll, testContext } from '../helpers/records.js';

const FIXTURE = 'fixtures/twcs/twcs.csv';

/** Streams the fixture row by row, keeping what each row emitted, then calls finish. */
function load() {
  const { rows, mapping, headers } = csvRows(FIXTURE, adapter);
  const ctx = testContext(FIXTURE, mapping);
  const perRow = rows.map((r) => adapter.toEvents(r, ctx));
  const finished = adapter.finish!(ctx);
  const events = [...perRow.flat(), ...finished];
  return { headers, ctx, perRow, finished, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

/** A hand-made row: tweet id, author, inbound, created_at, parent. */
function row(line: number, id: string, author: string, inbound: string, createdAt: string, parent: string): CsvRow {
  const values: Record<string, string> = { id, author, inbound, at: createdAt, parent, text: 'hi' };
  return { kind: 'csv', line, get: (f) => values[f], getAll: () => [] };
}

describe('twcs', () => {
  it('is detected from its header', () => {
    const { headers } = load();
    const d = adapter.detect({ path: FIXTURE, format: 'csv', encoding: 'utf8', hasBom: false, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] });
    expect(d.score).toBeGreaterThan(0.9);
    expect(adapter.detect({ path: 'x.csv', format: 'csv', encoding: 'utf8', hasBom: false, headers: ['tweet_id', 'text'], normalizedHeaders: ['tweet_id', 'text'], records: [] }).score).toBe(0);
  });

  it('reads pandas float ids as the integer', () => {
    expect(tweetKey('3.0')).toBe(3);
    expect(tweetKey(' 3 ')).toBe(3);
    expect(tweetKey('abc')).toBe('abc');
  });

  it('thread 8, every reply before its parent: nothing until the root arrives, then the whole thread', () => {
    const { perRow, conversations } = load();
    expect(perRow.slice(0, 6).every((e) => e.length === 0)).toBe(true); // tweets 1..6
    expect(perRow[6]!.map((e) => e.conversationId)).toEqual(Array(7).fill('8')); // tweet 8 releases all 7
    const c = conversations.get('8')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(74); // 21:45:10 → 21:46:24
    expect(c.customerMessages).toBe(4);
    expect(c.agentMessages).toBe(3);
    expect(c.agent).toBe('sprintcare');
    expect(c.department).toBe('sprintcare');
    expect(c.customerId).toBe('115712');
    expect(c.channel).toBe('twitter');
    expect(c.status).toBe('resolved');
  });

  it('root in the last row: its reply waits the whole file', () => {
    const { perRow, conversations } = load();
    expect(perRow.at(-1)!.map((e) => e.role)).toEqual(['customer', 'agent']);
    expect(sec(conversations.get('20')!.requestedAt, conversations.get('20')!.firstResponseAt)).toBe(396);
  });

  it('a branch (21 → 22 and 23) stays one conversation', () => {
    const c = load().conversations.get('29')!;
    expect(c.customerMessages + c.agentMessages).toBe(9);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(242); // 22:01:35 → 22:05:37
    expect(c.replyWaits.length / 2).toBe(4); // 29→28, 24→21, 22+23→25, 26→27
  });

  it('an unanswered customer tweet is missed', () => {
    const c = load().conversations.get('33')!;
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.status).toBe('missed');
  });

  it('a company broadcast answered by customers is agent-initiated', () => {
    const c = load().conversations.get('81')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.customerMessages + c.agentMessages).toBe(5);
  });

  it('replies to tweets not in the file become roots at finish, with a warning', () => {
    const { finished, ctx, conversations } = load();
    expect([...new Set(finished.map((e) => e.conversationId))].sort()).toEqual(['1621', '222', '3745']);
    expect(ctx.warnings.filter((w) => w.includes('not in the file'))).toHaveLength(3);
    expect(sec(conversations.get('222')!.requestedAt, conversations.get('222')!.firstResponseAt)).toBe(10313); // 19:05:30 → 21:57:23
    expect(conversations.get('1621')!.isAgentInitiated).toBe(true);
    expect(conversations.get('3745')!.customerMessages).toBe(1);
  });

  it('totals match the fixture README', () => {
    const { events, conversations } = load();
    expect(events).toHaveLength(36);
    expect(conversations.size).toBe(10);
    const frts = [...conversations.values()].map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([74, 167, 242, 315, 396, 10313]);
  });

  it('a reply after its root is known is emitted at once; a late parent releases a waiting chain', () => {
    const ctx = testContext('t.csv');
    const t = (id: string, author: string, inbound: string, s: number, parent: string): ChatEvent[] =>
      adapter.toEvents(row(1, id, author, inbound, `Tue Oct 31 22:00:${String(s).padStart(2, '0')} +0000 2017`, parent), ctx);
    expect(t('10', '900', 'True', 0, '')).toHaveLength(1);
    expect(t('11', 'Brand', 'False', 5, '10')[0]).toMatchObject({ conversationId: '10', role: 'agent', agent: 'Brand' });
    expect(t('13', '900', 'TRUE', 20, '12.0')).toEqual([]); // grandchild before child
    expect(t('12', 'Brand', 'FALSE', 10, '11').map((e) => e.conversationId)).toEqual(['10', '10']);
    expect(adapter.finish!(ctx)).toEqual([]);
  });

  it('text only with keepText', () => {
    const ctx = testContext('t.csv', undefined, { keepText: false });
    const [e] = adapter.toEvents(row(1, '1', '900', 'True', 'Tue Oct 31 22:00:00 +0000 2017', ''), ctx);
    expect(e!.text).toBeUndefined();
  });

  it('bad values are FieldErrors naming the column', () => {
    const ctx = testContext('t.csv');
    expect(() => adapter.toEvents(row(2, '1', '900', 'maybe', 'Tue Oct 31 22:00:00 +0000 2017', ''), ctx)).toThrow(/True\/False.*maybe/);
    expect(() => adapter.toEvents(row(3, '1', '900', 'True', 'yesterday', ''), ctx)).toThrow(/not a date/);
    expect(() => adapter.toEvents(row(4, '', '900', 'True', 'Tue Oct 31 22:00:00 +0000 2017', ''), ctx)).toThrow(/tweet needs its id/);
  });

  // The project's real sample (5,000 rows; not in the repository): its README counts 1,312 threads, 24 of them
  // started by a company tweet, and six tweets replying to a tweet outside the sample.
  const REAL = '/work/shared/real/twcs-sample.csv';
  it.skipIf(!existsSync(REAL))('the real sample threads as its README counts', () => {
    const { rows, mapping } = csvRows(REAL, adapter);
    const ctx = testContext(REAL, mapping, { keepText: false });
    const events = [...rows.flatMap((r) => adapter.toEvents(r, ctx)), ...adapter.finish!(ctx)];
    const all = [...foldAll(events).values()];
    expect(rows).toHaveLength(5000);
    expect(events).toHaveLength(5000);
    expect(all).toHaveLength(1312);
    expect(all.filter((c) => c.isAgentInitiated)).toHaveLength(24);
    expect(ctx.warnings).toHaveLength(6);
  });
});
