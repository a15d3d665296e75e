import { describe, expect, it } from 'vitest';
import adapter, { hoursToSeconds, surveyRating } from '../../src/adapters/freshdesk-csv.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import { csvRows, foldAll, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/freshdesk/tickets.csv';

/** Exported by an agent in New York: local times, no offset. */
function load(inputTz = 'America/New_York') {
  const { rows, mapping, headers } = csvRows(FIXTURE, adapter);
  const ctx = testContext(FIXTURE, mapping, { inputTz });
  const events = toEvents(adapter, rows, ctx);
  return { headers, events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

describe('freshdesk-csv', () => {
  it('is detected from its header', () => {
    const { headers } = load();
    const d = adapter.detect({ path: FIXTURE, format: 'csv', encoding: 'utf8', hasBom: false, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] });
    expect(d.score).toBeGreaterThan(0.9);
  });

  it('reads HH:MM:SS and decimal hours', () => {
    expect(hoursToSeconds('02:27:14', 'x')).toBe(8834);
    expect(hoursToSeconds('2.5', 'x')).toBe(9000);
    expect(hoursToSeconds('', 'x')).toBeUndefined();
    expect(() => hoursToSeconds('soon', 'x')).toThrow(/not a duration/);
  });

  it('maps survey labels and codes onto one 1..7 scale', () => {
    expect(['Extremely Happy', 'Very Happy', 'Happy', 'Neutral', 'Unhappy', 'Very Unhappy', 'Extremely Unhappy'].map((l) => surveyRating(l)?.score)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect([103, -103, '100'].map((c) => surveyRating(c)?.score)).toEqual([7, 1, 4]);
    expect(surveyRating('Awesome')).toEqual({ survey: 'csat', score: 7, scaleMin: 1, scaleMax: 7 });
    expect(() => surveyRating('meh')).toThrow(/survey answer/);
  });

  it('5021: first response at Initial response time, resolved at Resolved time (not Closed time), Extremely Happy', () => {
    const c = load().conversations.get('5021')!;
    expect(iso(c.requestedAt)).toBe('2026-01-05T14:12:44.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(840);
    expect(c.agent).toBe('Luis Gil');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(8834);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 7, scaleMin: 1, scaleMax: 7 });
    expect(c.tags).toEqual(['refund', 'billing']);
    expect(c.channel).toBe('email');
    expect(c.department).toBe('Billing');
    expect(c.priority).toBe('medium');
    expect(c.customerId).toBe('ana.ruiz@example.com');
    expect(c.vendorMetrics).toEqual([
      { metric: 'first_response_time', seconds: 840, source: 'First response time (in hrs) (business hours)' },
      { metric: 'resolution_time', seconds: 8834, source: 'Resolution time (in hrs) (business hours)' },
    ]);
    expect(c.status).toBe('resolved');
  });

  it('5022 open without a reply; 5024 pending is open', () => {
    const { conversations } = load();
    expect(conversations.get('5022')!.status).toBe('open');
    expect(conversations.get('5022')!.firstResponseAt).toBeUndefined();
    expect(conversations.get('5024')!.status).toBe('open');
    expect([conversations.get('5022')!.statusDisagrees, conversations.get('5024')!.statusDisagrees]).toEqual([false, false]);
  });

  it('5025: decimal hours; Unhappy is 3 of 7', () => {
    const c = load().conversations.get('5025')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(9000);
    expect(c.vendorMetrics.map((m) => m.seconds)).toEqual([9000, 10800]);
    expect(c.ratings.csat?.score).toBe(3);
  });

  it('5026: closed without a reply: resolved at Closed time, the vendor status wins', () => {
    const c = load().conversations.get('5026')!;
    expect(iso(c.resolvedAt)).toBe('2026-01-07T14:10:00.000Z');
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.status).toBe('resolved');
    expect(c.statusDisagrees).toBe(true);
  });

  it('5030: across the spring DST change 01:59 EST → 03:01 EDT is 2 minutes', () => {
    const c = load().conversations.get('5030')!;
    expect(iso(c.requestedAt)).toBe('2026-03-08T06:59:00.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(120);
  });

  it('5031: an outbound e-mail is outreach', () => {
    const c = load().conversations.get('5031')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.customerMessages).toBe(0);
  });

  it('11 tickets, 5 rated (5021, 5025, 5027, 5028, 5029)', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(11);
    expect(all.filter((c) => c.ratings.csat !== undefined)).toHaveLength(5);
  });
});
