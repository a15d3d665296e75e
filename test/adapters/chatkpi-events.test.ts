import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/chatkpi-events.js';
import { FieldError } from '../../src/errors.js';
import type { ChatEvent } from '../../src/events/types.js';
import { fromWire, toWire } from '../../src/events/wire.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/chatkpi-events/events.ndjson';

describe('chatkpi-events', () => {
  it('round-trips every field through the wire shape', () => {
    const e: ChatEvent = {
      conversationId: 'c1', at: Date.UTC(2026, 0, 5, 9), type: 'rated', role: 'customer', agent: 'Ana', department: 'Sales',
      channel: 'web', text: 'hi', isInternal: false, customerId: 'u1', tags: ['vip'], priority: 'high', isCanned: true,
      rating: { survey: 'nps', score: 9, scaleMin: 0, scaleMax: 10, comment: 'great' }, vendorStatus: 'solved',
    };
    const wire = toWire(e);
    expect(wire.at).toBe('2026-01-05T09:00:00.000Z');
    expect(wire.conversation_id).toBe('c1');
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual(e);
  });

  it('rejects a bad line with the field named', () => {
    expect(() => fromWire({ conversation_id: 'c', at: 'yesterday', type: 'message', role: 'agent' })).toThrow(FieldError);
    expect(() => fromWire({ conversation_id: 'c', at: '2026-01-05T09:00:00Z', type: 'chat', role: 'agent' })).toThrow(/unknown event type/);
    expect(() => fromWire({ at: '2026-01-05T09:00:00Z', type: 'message', role: 'agent' })).toThrow(/conversation id/);
  });

  it('reads the fixture: detection and a folded conversation', () => {
    const records = jsonRecords(FIXTURE);
    expect(adapter.detect({ path: FIXTURE, format: 'ndjson', encoding: 'utf8', hasBom: false, records: records.map((r) => r.value) }).score).toBeGreaterThan(0.9);
    const c = foldAll(toEvents(adapter, records, testContext(FIXTURE))).get('E1')!;
    expect((c.firstResponseAt! - c.requestedAt!) / 1000).toBe(45);
    expect(c.internalNotes).toBe(1);
    expect(c.status).toBe('resolved');
    expect(c.ratings.csat?.score).toBe(5);
  });
});
