import { describe, expect, it } from 'vitest';
import adapter, { kindOf } from '../../src/adapters/zendesk-support-json.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const DIR = 'fixtures/zendesk-support';
const FILES = [
  { path: `${DIR}/users.json`, wrapperKey: 'users' },
  { path: `${DIR}/tickets.ndjson`, wrapperKey: undefined },
  { path: `${DIR}/ticket_metrics.json`, wrapperKey: 'ticket_metrics' },
  { path: `${DIR}/audits.json`, wrapperKey: 'audits' },
] as const;

/** Users first (they name the authors), then tickets, metrics and audits, in one run. */
function load(files: readonly { path: string; wrapperKey: string | undefined }[] = FILES) {
  const ctx = testContext(DIR);
  const events = files.flatMap((f) => toEvents(adapter, jsonRecords(f.path, f.wrapperKey), ctx));
  return { events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

function sampleOf(path: string, wrapperKey: string | undefined): Sample {
  const recs = jsonRecords(path, wrapperKey).slice(0, 5).map((r) => r.value);
  return { path, format: path.endsWith('.ndjson') ? 'ndjson' : 'json', encoding: 'utf8', hasBom: false, records: recs, ...(wrapperKey ? { wrapperKey } : {}) };
}

describe('zendesk-support-json', () => {
  it.each(FILES.map((f) => [f.path, f.wrapperKey]))('detects %s', (path, wrapperKey) => {
    expect(adapter.detect(sampleOf(path, wrapperKey)).score).toBeGreaterThan(0.5);
  });

  it('tells the kinds of record apart', () => {
    expect(kindOf({ ticket: { id: 1, requester_id: 2, via: { channel: 'web' }, created_at: 'x' } })).toBe('ticket');
    expect(kindOf({ ticket_id: 1, reply_time_in_minutes: { calendar: 3 } })).toBe('metrics');
    expect(kindOf({ ticket_id: 1, author_id: 2, events: [] })).toBe('audit');
    expect(kindOf({ id: 5, role: 'agent', name: 'Luis' })).toBe('user');
    expect(kindOf({ id: 5, incoming: true, private: false })).toBeUndefined();
  });

  it('1041: internal note is not a reply; FRT 14 min; rated good; vendor figures kept', () => {
    const c = load().conversations.get('1041')!;
    expect(iso(c.requestedAt)).toBe('2026-01-05T09:12:44.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(840);
    expect(c.internalNotes).toBe(1);
    expect(c.agent).toBe('Luis Gil');
    expect(c.customerId).toBe('ana.ruiz@example.com');
    expect(c.department).toBe('360000111');
    expect(c.channel).toBe('email');
    expect(c.priority).toBe('normal');
    expect(c.tags).toEqual(['billing', 'refund']);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 1, scaleMin: 0, scaleMax: 1, comment: 'Fast' });
    expect(iso(c.assignedAt)).toBe('2026-01-05T09:20:10.000Z');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(8820); // 09:12:44 → 11:39:44 solved_at
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 840, source: 'reply_time_in_minutes.calendar' },
      { metric: 'resolution_time', seconds: 8820, source: 'full_resolution_time_in_minutes.calendar' },
    ]);
    expect(c.status).toBe('resolved');
  });

  it('1043: trigger auto-reply is a bot; solved → open is a reopen; comments in ticket and audits count once', () => {
    const c = load().conversations.get('1043')!;
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(5);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(2460); // 08:00:00 → 08:41:00, Marta
    expect(c.agent).toBe('Marta Pons');
    expect([c.customerMessages, c.agentMessages, c.botMessages]).toEqual([2, 2, 1]);
    expect(c.reopens).toBe(1);
    expect(iso(c.firstResolvedAt)).toBe('2026-01-06T09:30:00.000Z');
    expect(iso(c.resolvedAt)).toBe('2026-01-07T09:58:31.000Z'); // the later "closed" by automation is not a resolution
    expect(c.statusChanges.map((s) => s.status)).toEqual(['new', 'pending', 'solved', 'open', 'solved']);
    expect(iso(c.assignedAt)).toBe('2026-01-06T08:10:00.000Z');
    expect(c.status).toBe('resolved');
  });

  it('1044: assignee and group moved in one audit is one transfer', () => {
    const c = load().conversations.get('1044')!;
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(expect.arrayContaining(['Luis Gil', 'Marta Pons']));
    expect(c.department).toBe('360000222'); // the ticket holds its current group, as Zendesk's reports attribute it
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(300);
    expect(c.agent).toBe('Luis Gil');
  });

  it('1045: an agent opened the ticket: outbound, no request', () => {
    const c = load().conversations.get('1045')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.requestedAt).toBeUndefined();
  });

  it('1042 new and 1047 pending are open; 1048 closed without a public reply keeps the vendor status', () => {
    const { conversations } = load();
    expect(conversations.get('1042')!.status).toBe('open');
    expect(conversations.get('1042')!.vendorMetrics).toEqual([]); // reply_time_in_minutes.calendar is null
    expect(conversations.get('1047')!.status).toBe('open');
    // The open status at updated_at keeps our rules in step with the vendor's: no disagreement.
    expect([conversations.get('1042')!.statusDisagrees, conversations.get('1047')!.statusDisagrees]).toEqual([false, false]);
    const spam = conversations.get('1048')!;
    expect(spam.firstResponseAt).toBeUndefined();
    expect(spam.internalNotes).toBe(1);
    expect(spam.status).toBe('resolved');
    expect(spam.statusDisagrees).toBe(true);
  });

  it('1046 rated bad; 1049 "offered" is no rating', () => {
    const { conversations } = load();
    expect(conversations.get('1046')!.ratings.csat).toEqual({ survey: 'csat', score: 0, scaleMin: 0, scaleMax: 1, comment: 'Did not help' });
    expect(conversations.get('1049')!.ratings.csat).toBeUndefined();
  });

  it('1050: a CC\'d end user (from the users list) is a customer, not an agent', () => {
    const c = load().conversations.get('1050')!;
    expect(c.customerMessages).toBe(2);
    expect(c.agentMessages).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(3600);
  });

  it('without a users list, non-requester authors are agents named by id, and it warns', () => {
    const { conversations, ctx } = load(FILES.slice(1));
    const c = conversations.get('1050')!;
    expect(c.customerMessages).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(300); // the CC'd 08:35 comment now reads as an agent reply
    expect(conversations.get('1041')!.agent).toBe('501');
    expect(ctx.warnings.some((w) => w.includes('users'))).toBe(true);
  });

  it('reads a ticket line wrapped as {"ticket": {...}} like a bare one', () => {
    const bare = jsonRecords(`${DIR}/tickets.ndjson`)[0]!;
    const wrapped = { kind: 'json' as const, line: 1, value: { ticket: bare.value } };
    expect(adapter.toEvents(wrapped, testContext(DIR))).toEqual(adapter.toEvents(bare, testContext(DIR)));
  });

  it('comments with ticket_id (a ticket_comments dump) and satisfaction_ratings join their ticket', () => {
    const ctx = testContext(DIR);
    const ticket = { id: 7, requester_id: 70, via: { channel: 'web' }, created_at: '2026-01-05T09:00:00Z', status: 'solved' };
    const records = [
      ticket,
      { id: 71, ticket_id: 7, author_id: 70, public: true, body: 'Hi', created_at: '2026-01-05T09:00:00Z' },
      { id: 72, ticket_id: 7, author_id: 5, public: false, body: 'note', created_at: '2026-01-05T09:01:00Z' },
      { id: 73, ticket_id: 7, author_id: 5, public: true, body: 'Hello', created_at: '2026-01-05T09:02:30Z' },
      { id: 74, ticket_id: 7, requester_id: 70, score: 'bad', comment: 'slow', created_at: '2026-01-05T10:00:00Z' },
    ].map((value, i) => ({ kind: 'json' as const, line: i + 1, value }));
    const c = foldAll(toEvents(adapter, records, ctx)).get('7')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(150);
    expect(c.internalNotes).toBe(1);
    expect(c.agent).toBe('5');
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 0, scaleMin: 0, scaleMax: 1, comment: 'slow' });
  });

  it('keeps text only with keepText', () => {
    const ctx = testContext(DIR, new Map(), { keepText: false });
    const events = toEvents(adapter, jsonRecords(`${DIR}/tickets.ndjson`), ctx);
    expect(events.some((e) => e.text !== undefined)).toBe(false);
  });

  it('a ticket with a bad created_at is a FieldError', () => {
    const ctx = testContext(DIR);
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value: { id: 1, requester_id: 2, via: { channel: 'web' }, created_at: 'yesterday' } }, ctx)).toThrow(/not a date/);
  });
});
