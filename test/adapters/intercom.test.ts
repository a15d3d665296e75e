import { describe, expect, it } from 'vitest';
import adapter, { htmlToText, roleOfAuthor } from '../../src/adapters/intercom.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/intercom/conversations.json';
const T0 = Date.parse('2026-01-05T09:00:00Z');

function load() {
  const ctx = testContext(FIXTURE);
  const events = toEvents(adapter, jsonRecords(FIXTURE, 'conversations'), ctx);
  return { events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('intercom', () => {
  it('is detected from a conversation.list page', () => {
    const records = jsonRecords(FIXTURE, 'conversations').slice(0, 5).map((r) => r.value);
    const sample = { path: FIXTURE, format: 'json' as const, encoding: 'utf8' as const, hasBom: false, records, wrapperKey: 'conversations', topLevelKeys: ['type', 'pages', 'total_count'] };
    expect(adapter.detect(sample).score).toBeGreaterThan(0.9);
    expect(adapter.detect({ ...sample, records: [{ type: 'conversation', id: '1' }] }).score).toBe(0);
  });

  it('maps author types and strips HTML', () => {
    expect(['user', 'lead', 'contact', 'admin', 'bot', 'team'].map(roleOfAuthor)).toEqual(['customer', 'customer', 'customer', 'agent', 'bot', 'system']);
    expect(htmlToText('<p>Fish &amp; chips</p><p>now</p>')).toBe('Fish & chips\nnow');
  });

  it('1911149811: Fin greets, assigns Luis, a note, Luis replies at +38 s, closed, rated 5', () => {
    const c = load().conversations.get('1911149811')!;
    expect(c.requestedAt).toBe(T0 + 2000);
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(38);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(25);
    expect(c.internalNotes).toBe(1);
    expect(c.agent).toBe('Luis Gil');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(420);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 5, scaleMin: 1, scaleMax: 5, comment: 'great' });
    expect(c.department).toBe('5');
    expect(c.channel).toBe('messenger');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.tags).toEqual(['billing']);
    expect(c.customerTexts).toEqual(['Charged twice']);
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 38, source: 'statistics.time_to_admin_reply' },
      { metric: 'queue_time', seconds: 25, source: 'statistics.time_to_assignment' },
      { metric: 'resolution_time', seconds: 420, source: 'statistics.time_to_last_close' },
    ]);
    expect(c.status).toBe('resolved');
  });

  it('1911149812: unanswered and open', () => {
    const c = load().conversations.get('1911149812')!;
    expect(c.status).toBe('open');
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.customerMessages).toBe(2);
    expect(c.statusDisagrees).toBe(false);
  });

  it('1911149813: reassigned from Luis to Marta is a transfer', () => {
    const c = load().conversations.get('1911149813')!;
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(['Luis Gil', 'Marta Pons']);
    expect(c.agent).toBe('Luis Gil');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(20);
  });

  it('1911149814: an open part after a close is a reopen', () => {
    const c = load().conversations.get('1911149814')!;
    expect(c.reopens).toBe(1);
    expect(sec(c.requestedAt, c.firstResolvedAt)).toBe(150);
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(7560);
    expect(c.replyWaits.length).toBe(4); // two waits: 0 → 90 s, 7200 → 7500 s
    expect(c.status).toBe('resolved');
  });

  it('1911149815: rating 2 of 5 with remark', () => {
    expect(load().conversations.get('1911149815')!.ratings.csat).toEqual({ survey: 'csat', score: 2, scaleMin: 1, scaleMax: 5, comment: 'slow' });
  });

  it('1911149816: admin_initiated is outreach', () => {
    const c = load().conversations.get('1911149816')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.requestedAt).toBeUndefined();
    expect(c.channel).toBe('email');
  });

  it('an automated message sent on an admin\'s behalf is a bot opening: outreach, no human reply', () => {
    const value = {
      type: 'conversation', id: '77', created_at: 1767603600, state: 'closed', statistics: {},
      source: { type: 'email', delivered_as: 'automated', body: '<p>Your trial ends soon</p>', author: { type: 'admin', id: '814', name: 'Luis Gil' } },
      conversation_parts: { conversation_parts: [] },
    };
    const events = adapter.toEvents({ kind: 'json', line: 1, value }, testContext(FIXTURE));
    expect(events.filter((e) => e.type !== 'vendor_metric').map((e) => [e.type, e.role])).toEqual([['created', 'bot'], ['message', 'bot']]);
  });

  it('1911149817: snoozed is open', () => {
    const c = load().conversations.get('1911149817')!;
    expect(c.status).toBe('open');
    expect(c.statusChanges.map((s) => s.status)).toEqual(['snoozed']);
  });

  it('1911149818: Fin answered and closed alone: no human reply, the vendor state wins', () => {
    const c = load().conversations.get('1911149818')!;
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.botMessages).toBe(1);
    expect(c.status).toBe('resolved');
    expect(c.statusDisagrees).toBe(true);
  });

  it('1911149819: without parts, milestones come from statistics and a warning says so', () => {
    const { conversations, ctx } = load();
    const c = conversations.get('1911149819')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(65);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(20);
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(300);
    expect(ctx.warnings.some((w) => w.includes('statistics'))).toBe(true);
  });

  it('1911149820: a lead is a customer; 1911149821: a team then an admin is no transfer', () => {
    const { conversations } = load();
    expect(sec(conversations.get('1911149820')!.requestedAt, conversations.get('1911149820')!.firstResponseAt)).toBe(12);
    const c = conversations.get('1911149821')!;
    expect(c.transfers).toBe(0);
    expect(sec(c.requestedAt, c.assignedAt)).toBe(40);
    expect(c.priority).toBe('priority');
  });

  it('12 conversations; text dropped without keepText', () => {
    expect(load().conversations.size).toBe(12);
    const ctx = testContext(FIXTURE, new Map(), { keepText: false });
    expect(toEvents(adapter, jsonRecords(FIXTURE, 'conversations'), ctx).some((e) => e.text !== undefined)).toBe(false);
  });

  it('a part without created_at is a FieldError', () => {
    const value = { type: 'conversation', id: '1', created_at: 1767603600, conversation_parts: { conversation_parts: [{ part_type: 'comment', author: { type: 'admin', id: '1' } }] } };
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value }, testContext(FIXTURE))).toThrow(/timestamp is required/);
  });
});
