import { describe, expect, it } from 'vitest';
import adapter, { zoneFromHeader } from '../../src/adapters/livechat-csv.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import { csvRows, foldAll, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/livechat-csv/chats.csv';

function load(botNames: string[] = []) {
  const { rows, mapping, headers } = csvRows(FIXTURE, adapter);
  const ctx = testContext(FIXTURE, mapping, { botNames: new Set(botNames) });
  const events = toEvents(adapter, rows, ctx);
  return { headers, events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('livechat-csv', () => {
  it('is detected from its header', () => {
    const { headers } = load();
    const d = adapter.detect({ path: FIXTURE, format: 'csv', encoding: 'utf8', hasBom: false, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] });
    expect(d.score).toBeGreaterThan(0.9);
  });

  it('reads the zone from the header', () => {
    expect(zoneFromHeader('chat start date Europe/London', 'UTC')).toBe('Europe/London');
    expect(zoneFromHeader('chat start date', 'America/New_York')).toBe('America/New_York');
  });

  it('answered chat: requested at creation, first reply at start + first response time', () => {
    const c = load().conversations.get('RK1Q0Z3L7V')!;
    expect(new Date(c.requestedAt!).toISOString()).toBe('2026-01-05T09:00:01.000Z'); // London = UTC in January
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(39); // 1 s to start + 38 s
    expect(c.agent).toBe('Luis');
    expect(c.department).toBe('Billing');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.ratings.csat).toMatchObject({ score: 1, scaleMin: 0, scaleMax: 1, comment: 'Quick and kind' });
    expect(sec(c.firstMessageAt, c.endedAt)).toBe(402);
    expect(c.status).toBe('resolved');
  });

  it('bot first (ChatBot is a bot by name): no human reply time, a transfer to Marta', () => {
    const { conversations, ctx } = load();
    const c = conversations.get('RK1Q0Z3L8W')!;
    expect(c.firstResponseAt).toBeUndefined();
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(7);
    expect(c.transfers).toBe(1);
    expect(c.agents).toContain('Marta');
    expect(c.status).toBe('resolved');
    expect(ctx.warnings.some((w) => w.includes('bot'))).toBe(true);
  });

  it('no operator and no first response time: missed', () => {
    const c = load().conversations.get('RK1Q0Z3L9X')!;
    expect(c.status).toBe('missed');
    expect(c.firstResponseAt).toBeUndefined();
    expect(sec(c.requestedAt, c.endedAt)).toBe(91); // 1 s to start + 90 s duration
  });

  it('a human second operator is a transfer', () => {
    const c = load().conversations.get('RK1Q0Z3LBZ')!;
    expect(c.transfers).toBe(1);
    expect(c.agent).toBe('Marta');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(11);
  });

  it('DST: created 00:59:50 GMT, started 02:00:05 BST is 15 s, not 1 h 15 s', () => {
    const c = load().conversations.get('RK1Q0Z3LF3')!;
    expect(new Date(c.requestedAt!).toISOString()).toBe('2026-03-29T00:59:50.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(25);
  });

  it("keeps LiveChat's own figures for the cross-check", () => {
    const c = load().conversations.get('RK1Q0Z3LAY')!;
    expect(c.vendorMetrics).toEqual(
      expect.arrayContaining([
        { metric: 'first_response_time', seconds: 15, source: 'first response time' },
        { metric: 'chat_duration', seconds: 300, source: 'chat duration in seconds' },
        { metric: 'queue_time', seconds: 30, source: 'queue duration' },
      ]),
    );
  });

  it('totals match the fixture README', () => {
    const all = [...load().conversations.values()];
    expect(all).toHaveLength(10);
    expect(all.filter((c) => c.status === 'missed').map((c) => c.id).sort()).toEqual(['RK1Q0Z3L9X', 'RK1Q0Z3LC0']);
    const frts = all.map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([5, 11, 20, 25, 39, 45, 121]);
  });

  it('a bad duration is a FieldError naming the column', () => {
    const ctx = load().ctx;
    const row = { kind: 'csv' as const, line: 9, get: (f: string) => ({ id: 'X', createdAt: '2026-01-05 09:00:00', duration: 'abc' } as Record<string, string>)[f], getAll: () => [] };
    expect(() => adapter.toEvents(row, ctx)).toThrow(/chat duration in seconds.*abc|not a number of seconds/);
  });
});
