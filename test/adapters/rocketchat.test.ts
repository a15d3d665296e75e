import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/rocketchat.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const ROOMS = 'fixtures/rocketchat/rooms.json';
const MESSAGES = 'fixtures/rocketchat/messages.ndjson';
const B = Date.UTC(2026, 0, 5, 9, 0, 0);
const room = (n: number): string => `KuACMJ5MpN6Sf${String(n).padStart(4, '0')}`;

function load() {
  const ctx = testContext('fixtures/rocketchat');
  const events = [...toEvents(adapter, jsonRecords(ROOMS, 'rooms'), ctx), ...toEvents(adapter, jsonRecords(MESSAGES), ctx)];
  return { ctx, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const sample = (records: unknown[], format: 'json' | 'ndjson', wrapperKey?: string): Sample => ({
  path: 'x', format, encoding: 'utf8', hasBom: false, records, ...(wrapperKey ? { wrapperKey, topLevelKeys: ['count', 'offset', 'total', 'success'] } : {}),
});

describe('rocketchat', () => {
  it('detects rooms and mongoexport messages', () => {
    expect(adapter.detect(sample(jsonRecords(ROOMS, 'rooms').map((r) => r.value), 'json', 'rooms')).score).toBeGreaterThan(0.9);
    expect(adapter.detect(sample(jsonRecords(MESSAGES).map((r) => r.value), 'ndjson')).score).toBeGreaterThan(0.5);
    expect(adapter.detect(sample([{ t: 'c', _id: 'x' }], 'json')).score).toBe(0);
  });

  it('room 1: bot greeting, agent joins, first human reply; Rocket.Chat counted the bot', () => {
    const c = load().conversations.get(room(1))!;
    expect(c.requestedAt).toBe(B);
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(2);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(38);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(20);
    expect(c.agent).toBe('luis');
    expect(c.department).toBe('billing01');
    expect(c.channel).toBe('widget');
    expect(c.customerId).toBe('YgEoq2djbGdjjZnsL');
    expect(c.tags).toEqual(['refund']);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 5, scaleMin: 1, scaleMax: 5 });
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 2, source: 'metrics.response.ft' },
      { metric: 'chat_duration', seconds: 402, source: 'metrics.chatDuration' },
    ]);
    expect(c.status).toBe('resolved');
    expect(sec(c.requestedAt, c.endedAt)).toBe(402);
  });

  it('room 2: agent-to-agent transfer; room 4: department transfer', () => {
    const { conversations } = load();
    const r2 = conversations.get(room(2))!;
    expect(r2.transfers).toBe(1);
    expect(r2.agents).toEqual(expect.arrayContaining(['luis', 'marta']));
    expect(r2.agent).toBe('luis'); // first responder
    expect(sec(r2.requestedAt, r2.firstResponseAt)).toBe(25);
    const r4 = conversations.get(room(4))!;
    expect(r4.transfers).toBe(1);
    expect(load().events.find((e) => e.conversationId === room(4) && e.type === 'transferred')).toMatchObject({ transferTo: 'Support', role: 'system' });
    expect(sec(r4.requestedAt, r4.firstResponseAt)).toBe(12);
  });

  it('rooms 3 and 9: closed without being served are missed', () => {
    const { conversations } = load();
    for (const n of [3, 9]) {
      const c = conversations.get(room(n))!;
      expect(c.status, room(n)).toBe('missed');
      expect(c.firstResponseAt).toBeUndefined();
    }
    expect(sec(conversations.get(room(3))!.requestedAt, conversations.get(room(3))!.endedAt)).toBe(600);
    expect(sec(conversations.get(room(9))!.requestedAt, conversations.get(room(9))!.endedAt)).toBe(10);
  });

  it('room 6 is open; room 7 went on hold and resumed', () => {
    const { conversations } = load();
    const r6 = conversations.get(room(6))!;
    expect(r6.status).toBe('open');
    expect(r6.statusDisagrees).toBe(false);
    const r7 = conversations.get(room(7))!;
    expect(r7.statusChanges).toEqual([
      { at: B + (3600 + 60) * 1000, status: 'on-hold' },
      { at: B + (3600 + 600) * 1000, status: 'open' },
    ]);
    expect(r7.status).toBe('resolved');
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([9, 12, 20, 25, 30, 38, 40, 1800]);
    expect(all.filter((c) => c.ratings.csat).map((c) => c.ratings.csat!.score).sort()).toEqual([3, 4, 5]);
  });

  it('reads {"$date": {"$numberLong"}} and ISO times; a bad time is a FieldError', () => {
    const ctx = testContext('x');
    const [e] = adapter.toEvents({ kind: 'json', line: 1, value: { rid: 'R', msg: 'hi', ts: { $date: { $numberLong: String(B) } }, u: { username: 'g' }, token: 'tk' } }, ctx);
    expect(e).toMatchObject({ conversationId: 'R', at: B, role: 'customer' });
    expect(() => adapter.toEvents({ kind: 'json', line: 2, value: { rid: 'R', msg: 'hi', ts: 'later', u: { username: 'g' } } }, ctx)).toThrow(/not a date/);
    expect(() => adapter.toEvents({ kind: 'json', line: 3, value: { _id: 'R', t: 'l', v: {}, ts: '2026-01-05T09:00:00Z', surveyFeedback: { satisfaction: 'great' } } }, ctx)).toThrow(/1-5/);
  });

  it('a whole API page read as one record gives the same events, and is detected', () => {
    const page: unknown = JSON.parse(readFileSync(ROOMS, 'utf8'));
    const expected = toEvents(adapter, jsonRecords(ROOMS, 'rooms'), testContext('x'));
    expect(adapter.toEvents({ kind: 'json', line: 1, value: page }, testContext('x'))).toEqual(expected);
    expect(adapter.detect({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records: [page] }).score).toBeGreaterThan(0.8);
  });
});
