import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/crisp.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const DIR = 'fixtures/crisp';
const B = Date.UTC(2026, 0, 5, 9, 0, 0);
const sid = (n: number): string => `session_${String(n).padStart(8, '0')}-5a1e-4c2b-9d3f-1a2b3c4d5e6f`;
const pages = readdirSync(DIR).filter((f) => f.startsWith('messages-')).sort();

function load() {
  const ctx = testContext(DIR);
  const events = [
    ...toEvents(adapter, jsonRecords(`${DIR}/conversations.json`, 'data'), ctx),
    ...pages.flatMap((f) => toEvents(adapter, jsonRecords(`${DIR}/${f}`, 'data'), ctx)),
  ];
  return { ctx, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const sample = (records: unknown[]): Sample => ({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records, wrapperKey: 'data', topLevelKeys: ['error', 'reason'] });

describe('crisp', () => {
  it('detects the conversation list and every message page', () => {
    expect(adapter.detect(sample(jsonRecords(`${DIR}/conversations.json`, 'data').map((r) => r.value))).score).toBeGreaterThan(0.8);
    for (const f of pages) expect(adapter.detect(sample(jsonRecords(`${DIR}/${f}`, 'data').map((r) => r.value))).score, f).toBeGreaterThan(0.8);
    expect(adapter.detect(sample([{ session_id: 'x' }])).score).toBe(0);
  });

  it('1: bot greeting (urn origin), first human reply, resolved', () => {
    const c = load().conversations.get(sid(1))!;
    expect(c.requestedAt).toBe(B);
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(2);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(35);
    expect(c.agent).toBe('Luis Moreno');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.tags).toEqual(['billing']);
    expect(c.channel).toBe('chat');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(300);
    expect(c.status).toBe('resolved');
  });

  it('2: a note is internal', () => {
    const c = load().conversations.get(sid(2))!;
    expect(c.internalNotes).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(70);
  });

  it('3 (nobody answered) and 6 (only the bot answered) are missed', () => {
    const { conversations } = load();
    expect(conversations.get(sid(3))!.status).toBe('missed');
    expect(conversations.get(sid(3))!.customerId).toBe(sid(3)); // no e-mail: the session
    expect(conversations.get(sid(6))!.status).toBe('missed');
    expect(conversations.get(sid(6))!.botMessages).toBe(1);
  });

  it('4: resolved, unresolved by a new message, resolved again', () => {
    const c = load().conversations.get(sid(4))!;
    expect(c.reopens).toBe(1);
    expect(sec(c.requestedAt, c.firstResolvedAt)).toBe(100);
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(1000);
  });

  it('5: e-mail origin is the channel', () => {
    const c = load().conversations.get(sid(5))!;
    expect(c.channel).toBe('email');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(3600);
  });

  it('7 unresolved, 8 and 10 pending are open', () => {
    const { conversations } = load();
    for (const n of [7, 8, 10]) {
      expect(conversations.get(sid(n))!.status, sid(n)).toBe('open');
      expect(conversations.get(sid(n))!.statusDisagrees).toBe(false);
    }
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([25, 30, 35, 45, 70, 3600]);
  });

  it('an unknown sender is a FieldError; text only with keepText', () => {
    const ctx = testContext('x', undefined, { keepText: false });
    const m = { session_id: 's', fingerprint: 1, from: 'operator', type: 'text', origin: 'chat', content: 'hi', timestamp: B, user: { nickname: 'Rui' } };
    expect(adapter.toEvents({ kind: 'json', line: 1, value: m }, ctx)).toEqual([{ conversationId: 's', at: B, type: 'message', role: 'agent', agent: 'Rui' }]);
    const conv = { session_id: 's', website_id: 'w', state: 'resolved', created_at: B, people_id: 'p-1', meta: {} };
    expect(adapter.toEvents({ kind: 'json', line: 3, value: conv }, ctx)[0]?.customerId).toBe('p-1');
    expect(() => adapter.toEvents({ kind: 'json', line: 2, value: { ...m, from: 'robot' } }, ctx)).toThrow(/unknown sender "robot"/);
  });

  it('a whole API page read as one record gives the same events, and is detected', () => {
    const page: unknown = JSON.parse(readFileSync(`${DIR}/conversations.json`, 'utf8'));
    const expected = toEvents(adapter, jsonRecords(`${DIR}/conversations.json`, 'data'), testContext('x'));
    expect(adapter.toEvents({ kind: 'json', line: 1, value: page }, testContext('x'))).toEqual(expected);
    expect(adapter.detect({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records: [page] }).score).toBeGreaterThan(0.8);
  });
});
