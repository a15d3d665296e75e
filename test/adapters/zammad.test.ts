import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/zammad.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const TICKETS = 'fixtures/zammad/tickets.json';
const ARTICLES = 'fixtures/zammad/articles.json';
const B = Date.UTC(2026, 0, 5, 9, 0, 0);

function load() {
  const ctx = testContext('fixtures/zammad');
  const events = [...toEvents(adapter, jsonRecords(TICKETS), ctx), ...toEvents(adapter, jsonRecords(ARTICLES), ctx)];
  return { ctx, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const sample = (records: unknown[]): Sample => ({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records });

describe('zammad', () => {
  it('detects tickets and articles', () => {
    expect(adapter.detect(sample(jsonRecords(TICKETS).map((r) => r.value))).score).toBeGreaterThan(0.8);
    expect(adapter.detect(sample(jsonRecords(ARTICLES).map((r) => r.value))).score).toBeGreaterThan(0.8);
    expect(adapter.detect(sample([{ id: 1, number: '1', state: 'open' }])).score).toBe(0);
  });

  it('ticket 1: a System auto-reply is a bot greeting; Zammad figures kept', () => {
    const c = load().conversations.get('1')!;
    expect(c.requestedAt).toBe(B);
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(5);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(1200);
    expect(c.agent).toBe('luis@support.example.com');
    expect(c.department).toBe('Billing');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.priority).toBe('2 normal');
    expect(c.channel).toBe('email');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(3600);
    expect(c.status).toBe('resolved');
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 1200, source: 'first_response_in_min' },
      { metric: 'resolution_time', seconds: 3600, source: 'close_in_min' },
    ]);
  });

  it('ticket 2: an internal note does not answer', () => {
    const c = load().conversations.get('2')!;
    expect(c.internalNotes).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(900);
  });

  it('ticket 4: closed without an agent article is missed', () => {
    const c = load().conversations.get('4')!;
    expect(c.status).toBe('missed');
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.customerMessages).toBe(2);
  });

  it('ticket 5: created by an agent (phone) is agent-initiated', () => {
    expect(load().conversations.get('5')!.isAgentInitiated).toBe(true);
  });

  it('ticket 8: a public agent note is not a reply (Zammad: not a communication article)', () => {
    const c = load().conversations.get('8')!;
    expect(c.internalNotes).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(500);
  });

  it('open states stay open: 3 open, 7 pending reminder, 10 new', () => {
    const { conversations } = load();
    for (const id of ['3', '7', '10']) {
      expect(conversations.get(id)!.status, id).toBe('open');
      expect(conversations.get(id)!.statusDisagrees, id).toBe(false);
    }
    expect(conversations.get('7')!.vendorStatus).toBe('pending reminder');
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([60, 500, 600, 900, 1200, 1800, 2400]);
  });

  it('sender ids without expand=true; an unknown sender is a FieldError', () => {
    const ctx = testContext('x', undefined, { keepText: false });
    const [e] = adapter.toEvents({ kind: 'json', line: 1, value: { ticket_id: 9, sender_id: 2, internal: false, created_at: '2026-01-05T09:00:00.000Z', type_id: 1 } }, ctx);
    expect(e).toEqual({ conversationId: '9', at: B, type: 'message', role: 'customer' });
    expect(() => adapter.toEvents({ kind: 'json', line: 2, value: { ticket_id: 9, sender: 'Robot', internal: false, created_at: '2026-01-05T09:00:00Z' } }, ctx)).toThrow(/unknown sender "Robot"/);
  });
});
