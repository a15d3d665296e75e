import { describe, expect, it } from 'vitest';
import adapter, { widenYear } from '../../src/adapters/zendesk-support-csv.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import { csvRows, foldAll, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/zendesk-support/export_2026_01_10_7fq2k9_1.csv';

/** The account's zone is Europe/Madrid (UTC+1 in January): the export writes local times without an offset. */
function load(inputTz = 'Europe/Madrid') {
  const { rows, mapping, headers } = csvRows(FIXTURE, adapter);
  const ctx = testContext(FIXTURE, mapping, { inputTz });
  const events = toEvents(adapter, rows, ctx);
  return { headers, events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

describe('zendesk-support-csv', () => {
  it('is detected from its header', () => {
    const { headers } = load();
    const d = adapter.detect({ path: FIXTURE, format: 'csv', encoding: 'utf8', hasBom: false, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] });
    expect(d.score).toBeGreaterThan(0.9);
  });

  it('reads US dates with two-digit years', () => {
    expect(widenYear('01/05/26 09:12')).toBe('01/05/2026 09:12');
    expect(widenYear('2026-01-05 09:12:44')).toBe('2026-01-05 09:12:44');
  });

  it('1041: local Madrid times, reply at Created at + 14 min by the only assignee, rated good', () => {
    const { conversations, ctx } = load();
    const c = conversations.get('1041')!;
    expect(iso(c.requestedAt)).toBe('2026-01-05T09:12:44.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(840);
    expect(c.agent).toBe('Luis Gil');
    expect(iso(c.assignedAt)).toBe('2026-01-05T09:20:10.000Z');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(8820);
    expect(c.ratings.csat).toMatchObject({ score: 1, scaleMin: 0, scaleMax: 1 });
    expect(c.customerId).toBe('ana.ruiz@example.com');
    expect(c.department).toBe('Billing');
    expect(c.channel).toBe('Email');
    expect(c.priority).toBe('normal');
    expect(c.tags).toEqual(['billing', 'refund']);
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 840, source: 'First reply time in minutes' },
      { metric: 'resolution_time', seconds: 8820, source: 'Full resolution time in minutes' },
    ]);
    expect(c.status).toBe('resolved');
    expect(ctx.warnings.some((w) => w.includes('First reply time in minutes'))).toBe(true);
  });

  it('without --input-tz the same row reads an hour later', () => {
    expect(iso(load('UTC').conversations.get('1041')!.requestedAt)).toBe('2026-01-05T10:12:44.000Z');
  });

  it('1044: two assignee stations is one transfer; the first reply is not credited to the current assignee', () => {
    const c = load().conversations.get('1044')!;
    expect(c.transfers).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(300);
    expect(c.replyAgents[0]).toBeUndefined();
    expect(c.agents).toEqual(['Marta Pons']);
  });

  it('1043: solved after a reopen, closed later: resolved at Solved at', () => {
    const c = load().conversations.get('1043')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(2460);
    expect(iso(c.resolvedAt)).toBe('2026-01-07T09:58:31.000Z');
    expect(c.vendorStatus).toBe('closed');
    expect(c.status).toBe('resolved');
  });

  it('1045: submitter is not the requester: outbound, no request', () => {
    const c = load().conversations.get('1045')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.customerMessages).toBe(0);
    expect(c.agent).toBe('Luis Gil'); // the submitter wrote the opening comment
    expect(c.statusDisagrees).toBe(false); // solved, and an agent wrote: resolved by our rules too
  });

  it('1042 new and 1047 pending are open; 1048 closed without a reply keeps the vendor status', () => {
    const { conversations } = load();
    expect(conversations.get('1042')!.status).toBe('open');
    expect(conversations.get('1042')!.firstResponseAt).toBeUndefined();
    expect(conversations.get('1047')!.status).toBe('open');
    expect([conversations.get('1042')!.statusDisagrees, conversations.get('1047')!.statusDisagrees]).toEqual([false, false]);
    expect(conversations.get('1047')!.statusChanges).toEqual([{ at: Date.parse('2026-01-08T09:20:00Z'), status: 'pending' }]);
    const spam = conversations.get('1048')!;
    expect(spam.firstResponseAt).toBeUndefined();
    expect(spam.status).toBe('resolved');
    expect(spam.statusDisagrees).toBe(true);
  });

  it('Bad is a binary 0; Offered and Not Offered are no rating', () => {
    const { conversations } = load();
    expect(conversations.get('1046')!.ratings.csat).toMatchObject({ score: 0, scaleMax: 1 });
    expect(conversations.get('1049')!.ratings.csat).toBeUndefined();
    expect(conversations.get('1042')!.ratings.csat).toBeUndefined();
    const rated = [...conversations.values()].filter((c) => c.ratings.csat !== undefined).length;
    expect(rated).toBe(3); // 1041 Good, 1046 Bad, 1051 Good
  });

  it('a bad Created at is a FieldError', () => {
    const values: Record<string, string> = { id: '1', createdAt: '31/31/2026' };
    const ctx = testContext(FIXTURE);
    expect(() => adapter.toEvents({ kind: 'csv', line: 2, get: (f) => values[f], getAll: () => [] }, ctx)).toThrow(/not a date/);
  });
});
