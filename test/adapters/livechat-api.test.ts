import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/livechat-api.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/livechat-api/archives.json';
const B = Date.UTC(2026, 0, 5, 9, 0, 0);
const thread = (n: number): string => `K6${String(n).padStart(8, '0')}Z`;

function load() {
  const ctx = testContext(FIXTURE);
  const events = toEvents(adapter, jsonRecords(FIXTURE, 'chats'), ctx);
  return { ctx, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('livechat-api', () => {
  it('detects list_archives pages', () => {
    const records = jsonRecords(FIXTURE, 'chats').map((r) => r.value);
    const d = adapter.detect({ path: FIXTURE, format: 'json', encoding: 'utf8', hasBom: false, records, wrapperKey: 'chats', topLevelKeys: ['found_chats', 'next_page_id', 'previous_page_id'] });
    expect(d.score).toBeGreaterThan(0.9);
    expect(adapter.detect({ path: 'x', format: 'json', encoding: 'utf8', hasBom: false, records: [{ id: 'X', thread: {} }] }).score).toBe(0);
  });

  it('thread 1: ChatBot greets, Luis joins and answers, rated good', () => {
    const c = load().conversations.get(thread(1))!;
    expect(c.requestedAt).toBe(B);
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(3);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(40);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(20);
    expect(c.agent).toBe('Luis Moreno');
    expect(c.department).toBe('group 2');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.tags).toEqual(['refund']);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 1, scaleMin: 0, scaleMax: 1, comment: 'Quick and kind' });
    expect(sec(c.requestedAt, c.endedAt)).toBe(300);
    expect(c.status).toBe('resolved');
  });

  it('thread 2: visibility "agents" is an internal note', () => {
    const c = load().conversations.get(thread(2))!;
    expect(c.internalNotes).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(50);
  });

  it('thread 3: chat_transferred is a transfer to its target', () => {
    const { conversations, events } = load();
    const c = conversations.get(thread(3))!;
    expect(c.transfers).toBe(1);
    expect(events.find((e) => e.conversationId === thread(3) && e.type === 'transferred')?.transferTo).toBe('Marta Vidal');
    expect(c.agent).toBe('Luis Moreno');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(25);
  });

  it('thread 4 (nobody) and 8 (bot only) are missed; 5 is rated bad; 6 is still active', () => {
    const { conversations } = load();
    expect(conversations.get(thread(4))!.status).toBe('missed');
    expect(conversations.get(thread(4))!.customerId).toBe('b7eff798-f8df-4364-0004-3a4b5c6d7e8f');
    expect(conversations.get(thread(8))!.status).toBe('missed');
    expect(conversations.get(thread(5))!.ratings.csat).toMatchObject({ score: 0, comment: 'Slow shipping' });
    expect(conversations.get(thread(6))!.status).toBe('open');
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([9, 25, 25, 30, 40, 45, 50, 180]);
  });

  it('an author missing from users[] is a FieldError; queue.wait_time is the vendor queue time', () => {
    const ctx = testContext('x');
    const chat = { id: 'C', users: [{ id: 'u', type: 'customer' }], thread: { id: 'T', active: false, created_at: '2026-01-05T09:00:00.000000Z', queue: { wait_time: 12 }, events: [] as unknown[] } };
    expect(adapter.toEvents({ kind: 'json', line: 1, value: chat }, ctx).find((e) => e.type === 'vendor_metric')?.vendorMetric).toEqual({ metric: 'queue_time', seconds: 12, source: 'queue.wait_time' });
    chat.thread.events = [{ type: 'message', author_id: 'ghost', created_at: '2026-01-05T09:00:01.000000Z', text: 'hi' }];
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value: chat }, ctx)).toThrow(/"ghost" is not in users/);
  });

  it('a whole API page read as one record gives the same events, and is detected', () => {
    const page: unknown = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const expected = toEvents(adapter, jsonRecords(FIXTURE, 'chats'), testContext('x'));
    expect(adapter.toEvents({ kind: 'json', line: 1, value: page }, testContext('x'))).toEqual(expected);
    expect(adapter.detect({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records: [page] }).score).toBeGreaterThan(0.8);
  });
});
