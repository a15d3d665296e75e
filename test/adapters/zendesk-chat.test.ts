import { describe, expect, it } from 'vitest';
import adapter, { roleFromNick } from '../../src/adapters/zendesk-chat.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/zendesk-chat/chats.json';

function load() {
  const ctx = testContext(FIXTURE);
  const events = toEvents(adapter, jsonRecords(FIXTURE, 'chats'), ctx);
  return { events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

describe('zendesk-chat', () => {
  it('is detected from the incremental export wrapper', () => {
    const records = jsonRecords(FIXTURE, 'chats').slice(0, 5).map((r) => r.value);
    const sample = { path: FIXTURE, format: 'json' as const, encoding: 'utf8' as const, hasBom: false, records, wrapperKey: 'chats', topLevelKeys: ['count', 'end_id', 'end_time', 'next_page'] };
    expect(adapter.detect(sample).score).toBeGreaterThan(0.9);
    expect(adapter.detect({ ...sample, records: [{ id: 1, history: [] }] }).score).toBe(0);
  });

  it('reads roles from nick', () => {
    const ctx = testContext(FIXTURE);
    expect(roleFromNick('visitor:3.45678', 'Visitor 45678', ctx)).toBe('customer');
    expect(roleFromNick('agent:trigger', 'Acme', ctx)).toBe('bot');
    expect(roleFromNick('agent:system', undefined, ctx)).toBe('system');
    expect(roleFromNick('agent:361', 'Luis', ctx)).toBe('agent');
    expect(roleFromNick('agent:363', 'Answer Bot', ctx)).toBe('bot');
  });

  it('Tq1aB: trigger greeting is a bot, Luis answers 38 s after the request, rated good', () => {
    const c = load().conversations.get('2601.10414779.Tq1aB')!;
    expect(iso(c.requestedAt)).toBe('2026-01-05T09:00:02.000Z');
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(38);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(28);
    expect(c.agent).toBe('Luis');
    expect(c.department).toBe('Billing');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.tags).toEqual(['refund']);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 1, scaleMin: 0, scaleMax: 1, comment: 'quick' });
    expect(sec(c.firstMessageAt, c.endedAt)).toBe(402);
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 38, source: 'response_time.first' },
      { metric: 'chat_duration', seconds: 402, source: 'duration' },
    ]);
    expect(c.status).toBe('resolved');
  });

  it('Tq1aC: missed (vendor flag), ended when the visitor left', () => {
    const c = load().conversations.get('2601.10414779.Tq1aC')!;
    expect(c.status).toBe('missed');
    expect(c.vendorStatus).toBe('missed');
    expect(c.customerMessages).toBe(2);
    expect(sec(c.requestedAt, c.endedAt)).toBe(120);
  });

  it('Tq1aD: department change then Marta joining is one transfer', () => {
    const c = load().conversations.get('2601.10414779.Tq1aD')!;
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(['Luis', 'Marta']);
    expect(c.agent).toBe('Luis');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(20);
    expect(c.department).toBe('Billing');
  });

  it('Tq1aE: an offline message is a missed contact', () => {
    const c = load().conversations.get('2601.10414779.Tq1aE')!;
    expect(c.status).toBe('missed');
    expect(c.vendorStatus).toBe('offline');
    expect(c.customerMessages).toBe(1);
    expect(c.customerTexts).toEqual(['Please call me back about my invoice']);
  });

  it('Tq1aG: started by an agent is outreach', () => {
    const c = load().conversations.get('2601.10414779.Tq1aG')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.requestedAt).toBeUndefined();
  });

  it('Tq1aH: only the trigger answered: missed, no human reply', () => {
    const c = load().conversations.get('2601.10414779.Tq1aH')!;
    expect(c.status).toBe('missed');
    expect(c.botMessages).toBe(1);
    expect(c.firstResponseAt).toBeUndefined();
  });

  it('Tq1aJ: a rating changed from bad to good ends good; Tq1aF rated bad', () => {
    const { conversations } = load();
    expect(conversations.get('2601.10414779.Tq1aJ')!.ratings.csat).toMatchObject({ score: 1 });
    expect(conversations.get('2601.10414779.Tq1aF')!.ratings.csat).toEqual({ survey: 'csat', score: 0, scaleMin: 0, scaleMax: 1, comment: 'Took too long' });
  });

  it('Tq1aL: Answer Bot (a bot by name) answers first; Marta is the assignment, not a transfer', () => {
    const c = load().conversations.get('2601.10414779.Tq1aL')!;
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(55);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(121);
    expect(c.transfers).toBe(0);
    expect(c.agents).toEqual(['Marta']);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(60);
  });

  it('10 chats, 3 missed', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    expect(all.filter((c) => c.status === 'missed')).toHaveLength(3);
  });

  it('a history entry without a timestamp is a FieldError', () => {
    const ctx = testContext(FIXTURE);
    const value = { id: 'x', type: 'chat', timestamp: '2026-01-05T09:00:00Z', visitor: {}, history: [{ type: 'chat.msg', nick: 'visitor:1' }] };
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value }, ctx)).toThrow(/timestamp is required/);
  });
});
