import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/generic-messages.js';
import { FieldError } from '../../src/errors.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import { csvRows, foldAll, testContext, toEvents } from '../helpers/records.js';

const FIXTURE = 'fixtures/generic-messages/messages.csv';

function load() {
  const { rows, mapping, headers } = csvRows(FIXTURE, adapter);
  const ctx = testContext(FIXTURE, mapping);
  const events = toEvents(adapter, rows, ctx);
  return { rows, headers, events, ctx, conversations: foldAll(events) };
}
const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('generic-messages', () => {
  it('is detected from the standard header, and from synonyms with a lower score', () => {
    const { headers } = load();
    const sample = (h: string[]) => ({ path: 'x.csv', format: 'csv' as const, encoding: 'utf8' as const, hasBom: false, headers: h, normalizedHeaders: h.map(normalizeHeader), records: [] });
    expect(adapter.detect(sample(headers)).score).toBe(0.9);
    expect(adapter.detect(sample(['Chat ID', 'Time', 'Role', 'Text'])).score).toBe(0.6);
    expect(adapter.detect(sample(['id', 'name'])).score).toBe(0);
  });

  it('bot greeting, internal note, multi-line message, outreach: as the fixture README says', () => {
    const { conversations } = load();
    const frt = (id: string) => sec(conversations.get(id)!.requestedAt, conversations.get(id)!.firstResponseAt);
    expect(frt('A1')).toBe(30);
    expect(frt('A2')).toBe(15);
    expect(conversations.get('A2')!.internalNotes).toBe(1);
    expect(conversations.get('A3')!.status).toBe('missed');
    expect(conversations.get('A5')!.status).toBe('missed');
    expect(frt('A6')).toBe(20);
    expect(conversations.get('A7')!.isAgentInitiated).toBe(true);
    expect(frt('A10')).toBe(50);
    expect(conversations.get('A1')!.ratings.csat?.score).toBe(5);
    expect(conversations.get('A9')!.customerTexts).toContain('谢谢，解决了');
  });

  it('the multi-line quoted message keeps its line breaks and quotes', () => {
    const { events } = load();
    const text = events.find((e) => e.conversationId === 'A6' && e.role === 'customer')?.text;
    expect(text).toBe('My invoice says:\n"Total: 0"\nIs that right?');
  });

  it('rows after the multi-line message keep their physical line numbers', () => {
    const { rows } = load();
    const a6agent = rows.find((r) => r.get('conversationId') === 'A6' && r.get('role') === 'agent');
    expect(a6agent?.line).toBe(25); // header 1, 20 rows before A6, A6's customer row spans lines 22-24
  });

  it('an unknown author type is a FieldError on that field', () => {
    const ctx = load().ctx;
    const values: Record<string, string> = { conversationId: 'Z', at: '2026-01-05T09:00:00Z', role: 'alien' };
    const row = { kind: 'csv' as const, line: 3, get: (f: string) => values[f], getAll: () => [] };
    expect(() => adapter.toEvents(row, ctx)).toThrow(FieldError);
    try {
      adapter.toEvents(row, ctx);
    } catch (e) {
      expect((e as FieldError).field).toBe('author_type');
    }
  });

  it('an unparseable timestamp names the field and the value', () => {
    const ctx = load().ctx;
    const values: Record<string, string> = { conversationId: 'Z', at: '31/02/2026 10:00', role: 'customer' };
    const row = { kind: 'csv' as const, line: 3, get: (f: string) => values[f], getAll: () => [] };
    expect(() => adapter.toEvents(row, ctx)).toThrow(/not a date: "31\/02\/2026 10:00"/);
  });
});

describe('generic-messages as NDJSON', () => {
  it('reads message objects with the same synonyms, null as empty', () => {
    const ctx = testContext('x.ndjson');
    const rec = (value: Record<string, unknown>, line: number) => ({ kind: 'json' as const, line, value });
    const events = [
      rec({ conversation_id: 'N1', timestamp: '2026-01-05T09:00:00Z', author_type: 'customer', author_name: 'Ana', agent: null, message: 'hi', rating: null }, 1),
      rec({ conversation_id: 'N1', timestamp: '2026-01-05T09:00:12Z', author_type: 'agent', author_name: 'Luis', agent: 'Luis', message: 'hello', rating: null }, 2),
      rec({ conversation_id: 'N1', timestamp: '2026-01-05T09:01:00Z', author_type: 'customer', author_name: 'Ana', agent: 'Luis', message: 'ok', rating: 5 }, 3),
    ].flatMap((r) => adapter.toEvents(r, ctx));
    const c = foldAll(events).get('N1')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(12);
    expect(c.ratings.csat?.score).toBe(5);
    expect(c.agent).toBe('Luis');
    const sample = { path: 'x.ndjson', format: 'ndjson' as const, encoding: 'utf8' as const, hasBom: false, records: [{ conversation_id: 'x', timestamp: 't', author_type: 'agent', author_name: '', agent: '', department: '', channel: '', message: '', rating: null }] };
    expect(adapter.detect(sample).score).toBe(0.9);
  });
});
