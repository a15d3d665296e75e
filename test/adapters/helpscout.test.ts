import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/helpscout.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/helpscout/conversations.json';
const B = Date.UTC(2026, 0, 5, 9, 0, 0);
const id = (n: number): string => String(n * 1000 + 7);

function load() {
  const ctx = testContext(FIXTURE);
  const events = toEvents(adapter, jsonRecords(FIXTURE, '_embedded.conversations'), ctx);
  return { ctx, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('helpscout', () => {
  it('detects the conversation list', () => {
    const records = jsonRecords(FIXTURE, '_embedded.conversations').map((r) => r.value);
    const d = adapter.detect({ path: FIXTURE, format: 'json', encoding: 'utf8', hasBom: false, records, wrapperKey: '_embedded.conversations', topLevelKeys: ['_links', 'page'] });
    expect(d.score).toBeGreaterThan(0.9);
    expect(adapter.detect({ path: 'x', format: 'json', encoding: 'utf8', hasBom: false, records: [{ id: 1, createdAt: 'x' }] }).score).toBe(0);
  });

  it('101: assignment, first reply after 30 min, resolved by the closing reply', () => {
    const c = load().conversations.get(id(101))!;
    expect(c.requestedAt).toBe(B);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(60);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(1800);
    expect(c.agent).toBe('Luis Moreno');
    expect(c.department).toBe('12');
    expect(c.channel).toBe('email');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.tags).toEqual(['billing']);
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(3000);
    expect(c.status).toBe('resolved');
  });

  it('102: a system_user (AI) reply is a bot; threads are read oldest first', () => {
    const c = load().conversations.get(id(102))!;
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(3);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(40);
    expect(c.agent).toBe('Marta Vidal');
    expect(c.channel).toBe('chat');
  });

  it('103: a note is internal and does not answer', () => {
    const c = load().conversations.get(id(103))!;
    expect(c.internalNotes).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(300);
  });

  it('104: reassignment to another user is a transfer', () => {
    const c = load().conversations.get(id(104))!;
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(expect.arrayContaining(['Luis Moreno', 'Marta Vidal']));
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(120);
  });

  it('105: a chat closed by a workflow without a reply is missed', () => {
    const c = load().conversations.get(id(105))!;
    expect(c.status).toBe('missed');
    expect(c.customerMessages).toBe(2);
  });

  it('106: closed, reopened by the customer, closed again', () => {
    const c = load().conversations.get(id(106))!;
    expect(c.reopens).toBe(1);
    expect(sec(c.requestedAt, c.firstResolvedAt)).toBe(600);
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(5400);
  });

  it('107 pending and 110 active are open; 108 is outbound; 109 ignores the draft', () => {
    const { conversations } = load();
    const c107 = conversations.get(id(107))!;
    expect(c107.status).toBe('open');
    expect(c107.statusChanges).toEqual([{ at: B + (3600 + 300) * 1000, status: 'pending' }]);
    expect(conversations.get(id(110))!.status).toBe('open');
    expect(conversations.get(id(110))!.statusDisagrees).toBe(false);
    expect(conversations.get(id(108))!.isAgentInitiated).toBe(true);
    const c109 = conversations.get(id(109))!;
    expect(sec(c109.requestedAt, c109.firstResponseAt)).toBe(500);
    expect(c109.agentMessages).toBe(1);
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([40, 120, 300, 300, 500, 600, 1800]);
  });

  it('text only with keepText; a bad time is a FieldError', () => {
    const ctx = testContext('x', undefined, { keepText: false });
    const value = { id: 1, mailboxId: 2, createdAt: '2026-01-05T09:00:00Z', _embedded: { threads: [{ type: 'customer', createdAt: '2026-01-05T09:00:00Z', body: 'hi', createdBy: { type: 'customer', email: 'a@b.c' } }] } };
    const events = adapter.toEvents({ kind: 'json', line: 1, value }, ctx);
    expect(events.find((e) => e.type === 'message')).toEqual({ conversationId: '1', at: B, type: 'message', role: 'customer', customerId: 'a@b.c' });
    expect(() => adapter.toEvents({ kind: 'json', line: 2, value: { ...value, createdAt: 'Monday' } }, ctx)).toThrow(/not a date/);
  });

  it('a whole API page read as one record gives the same events, and is detected', () => {
    const page: unknown = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const expected = toEvents(adapter, jsonRecords(FIXTURE, '_embedded.conversations'), testContext('x'));
    expect(adapter.toEvents({ kind: 'json', line: 1, value: page }, testContext('x'))).toEqual(expected);
    expect(adapter.detect({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records: [page] }).score).toBeGreaterThan(0.8);
  });

  it('spam is skipped with a warning', () => {
    const ctx = testContext('x');
    const value = { id: 9, mailboxId: 2, status: 'spam', createdAt: '2026-01-05T09:00:00Z', _embedded: { threads: [] } };
    expect(adapter.toEvents({ kind: 'json', line: 1, value }, ctx)).toEqual([]);
    expect(ctx.warnings).toEqual(['spam conversations skipped, as Help Scout reports do']);
  });
});
