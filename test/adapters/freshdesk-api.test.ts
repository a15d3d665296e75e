import { describe, expect, it } from 'vitest';
import adapter, { kindOf } from '../../src/adapters/freshdesk-api.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const DIR = 'fixtures/freshdesk';
const FILES = [`${DIR}/conversations.json`, `${DIR}/tickets.json`, `${DIR}/satisfaction_ratings.json`];

function load(files: string[] = FILES) {
  const ctx = testContext(DIR);
  const events = files.flatMap((f) => toEvents(adapter, jsonRecords(f), ctx));
  return { events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

describe('freshdesk-api', () => {
  it.each(FILES)('detects %s (a bare array)', (path) => {
    const sample: Sample = { path, format: 'json', encoding: 'utf8', hasBom: false, records: jsonRecords(path).slice(0, 5).map((r) => r.value) };
    expect(adapter.detect(sample).score).toBeGreaterThan(0.8);
  });

  it('tells the kinds apart and refuses others', () => {
    expect(kindOf({ id: 1, requester_id: 2, responder_id: null, fr_due_by: 'x' })).toBe('ticket');
    expect(kindOf({ ticket_id: 1, incoming: true, private: false })).toBe('conversation');
    expect(kindOf({ ticket_id: 1, survey_id: 1, ratings: { default_question: 103 } })).toBe('rating');
    expect(kindOf({ ticket_id: 1, author_id: 2, public: true })).toBeUndefined();
  });

  it('6001: the description is the request, a private note is no reply, the stats reply counts once', () => {
    const c = load().conversations.get('6001')!;
    expect(iso(c.requestedAt)).toBe('2026-01-05T09:00:00.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(840);
    expect(c.internalNotes).toBe(1);
    expect([c.customerMessages, c.agentMessages]).toEqual([2, 2]);
    expect(c.agent).toBe('77');
    expect(iso(c.resolvedAt)).toBe('2026-01-05T10:00:00.000Z'); // resolved_at, not the later closed_at
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 7, scaleMin: 1, scaleMax: 7, comment: 'Fast refund' });
    expect(c.channel).toBe('email');
    expect(c.priority).toBe('medium');
    expect(c.department).toBe('24000000001');
    expect(c.customerId).toBe('43001');
    expect(c.vendorStatus).toBe('closed');
    expect(c.status).toBe('resolved');
  });

  it('the same counts whichever file comes first', () => {
    const c = load([FILES[1]!, FILES[0]!, FILES[2]!]).conversations.get('6001')!;
    expect([c.customerMessages, c.agentMessages]).toEqual([2, 2]);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(840);
  });

  it('6002 open without a reply; 6007 pending is open', () => {
    const { conversations } = load();
    expect(conversations.get('6002')!.status).toBe('open');
    expect(conversations.get('6002')!.channel).toBe('chat');
    expect(conversations.get('6007')!.status).toBe('open');
    expect([conversations.get('6002')!.statusDisagrees, conversations.get('6007')!.statusDisagrees]).toEqual([false, false]);
  });

  it('6003: reopened_at is a reopen; resolved_at the last resolution', () => {
    const c = load().conversations.get('6003')!;
    expect(c.reopens).toBe(1);
    expect(iso(c.resolvedAt)).toBe('2026-01-07T09:58:31.000Z');
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(2460);
  });

  it('6004: an outbound e-mail is outreach', () => {
    const c = load().conversations.get('6004')!;
    expect(c.isAgentInitiated).toBe(true);
    expect(c.requestedAt).toBeUndefined();
  });

  it('6005: rated -103, the bottom of the scale', () => {
    const c = load().conversations.get('6005')!;
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 1, scaleMin: 1, scaleMax: 7, comment: 'Took two hours' });
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(7200);
  });

  it('6006: no conversations, the reply comes from stats.first_responded_at', () => {
    const c = load().conversations.get('6006')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(420);
    expect(c.agent).toBe('77');
  });

  it('6009: conversations first: the reply keeps its author, not the current responder', () => {
    const c = load().conversations.get('6009')!;
    expect(c.agent).toBe('77');
    expect(c.internalNotes).toBe(1);
    expect(c.agentMessages).toBe(2);
  });

  it('6010: closed without a reply: resolved at closed_at, the vendor status wins', () => {
    const c = load().conversations.get('6010')!;
    expect(iso(c.resolvedAt)).toBe('2026-01-08T12:05:00.000Z');
    expect(c.status).toBe('resolved');
    expect(c.statusDisagrees).toBe(true);
  });

  it('a conversation without ticket_id value is a FieldError', () => {
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value: { ticket_id: null, incoming: true, private: false, created_at: '2026-01-05T09:00:00Z' } }, testContext(DIR))).toThrow(/ticket id/);
  });
});
