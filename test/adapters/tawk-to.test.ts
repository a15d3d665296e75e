import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/tawk-to.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/tawk-to/webhooks.ndjson';
const B = Date.UTC(2026, 0, 5, 9, 0, 0);
const chat = (n: number): string => `c${String(n).padStart(7, '0')}-1f2e-11f1-9a3b-5a6b7c8d9e0f`;

function load() {
  const ctx = testContext(FIXTURE);
  const events = toEvents(adapter, jsonRecords(FIXTURE), ctx);
  return { ctx, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('tawk-to', () => {
  it('detects webhook payloads', () => {
    const records = jsonRecords(FIXTURE).map((r) => r.value);
    expect(adapter.detect({ path: FIXTURE, format: 'ndjson', encoding: 'utf8', hasBom: false, records }).score).toBeGreaterThan(0.9);
    expect(adapter.detect({ path: 'x', format: 'json', encoding: 'utf8', hasBom: false, records: [{ event: 'chat:start' }] }).score).toBe(0);
  });

  it('chat 1: a trigger greets before the visitor asks; the request is chat:start', () => {
    const c = load().conversations.get(chat(1))!;
    expect(c.requestedAt).toBe(B + 11_000);
    expect(c.botMessages).toBe(1);
    expect(c.firstBotResponseAt).toBeUndefined(); // the greeting came before the request
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(29);
    expect(c.agent).toBe('Luis Moreno');
    expect(c.department).toBe('Example Support');
    expect(c.customerId).toBe('ana@example.com');
    expect(sec(c.requestedAt, c.endedAt)).toBe(289);
    expect(c.status).toBe('resolved');
  });

  it('chat 3: only the visitor wrote: missed', () => {
    const c = load().conversations.get(chat(3))!;
    expect(c.status).toBe('missed');
    expect(c.customerId).toBe('V1767604800123456');
    expect(c.customerMessages).toBe(2);
  });

  it('chat 4: started by an agent is agent-initiated', () => {
    expect(load().conversations.get(chat(4))!.isAgentInitiated).toBe(true);
  });

  it('an offline form ticket is a missed conversation', () => {
    const c = load().conversations.get('ticket:7b1d9e60-2a3b-11f1-8c4d-0e1f2a3b4c5d')!;
    expect(c.status).toBe('missed');
    expect(c.vendorStatus).toBe('offline');
    expect(c.customerId).toBe('eli@example.com');
    expect(c.requestedAt).toBe(B + 2400_000);
  });

  it('unnamed system lines are notices: joined → assigned, transferred → transfer', () => {
    const { conversations } = load();
    const c6 = conversations.get(chat(6))!;
    expect(sec(c6.requestedAt, c6.assignedAt)).toBe(80);
    expect(c6.botMessages).toBe(0);
    const c10 = conversations.get(chat(10))!;
    expect(c10.transfers).toBe(1);
    expect(c10.agents).toEqual(expect.arrayContaining(['Luis Moreno', 'Marta Vidal']));
    expect(c10.agent).toBe('Luis Moreno');
  });

  it('the property is the department', () => {
    expect(load().conversations.get(chat(8))!.department).toBe('Acme Store');
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([8, 15, 20, 25, 29, 90, 300]);
    expect(all.filter((c) => c.status === 'missed')).toHaveLength(2);
  });

  it('an unknown sender is a FieldError; text only with keepText', () => {
    const ctx = testContext('x', undefined, { keepText: false });
    const value = { event: 'chat:transcript_created', property: { id: 'p' }, chat: { id: 'C', visitor: {}, messages: [{ sender: { t: 'v' }, type: 'msg', msg: 'hi', time: '2026-01-05T09:00:00.000Z' }] } };
    expect(adapter.toEvents({ kind: 'json', line: 1, value }, ctx)).toEqual([{ conversationId: 'C', department: 'p', channel: 'chat', at: B, type: 'message', role: 'customer' }]);
    const bad = { ...value, chat: { ...value.chat, messages: [{ sender: { t: 'x' }, msg: 'hi', time: '2026-01-05T09:00:00Z' }] } };
    expect(() => adapter.toEvents({ kind: 'json', line: 2, value: bad }, ctx)).toThrow(/unknown sender "x"/);
  });
});
