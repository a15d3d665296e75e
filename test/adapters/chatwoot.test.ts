import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/adapters/chatwoot.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const DIR = 'fixtures/chatwoot';
const B = Date.UTC(2026, 0, 5, 9, 0, 0); // 1767603600 s, the fixture's first conversation

function load() {
  const ctx = testContext(DIR);
  const conversations = jsonRecords(`${DIR}/conversations.json`, 'data.payload');
  const messageFiles = readdirSync(DIR).filter((f) => f.startsWith('messages-')).sort();
  const messages = messageFiles.flatMap((f) => jsonRecords(`${DIR}/${f}`, 'payload'));
  const csat = jsonRecords(`${DIR}/csat_survey_responses.json`);
  const events = [...toEvents(adapter, conversations, ctx), ...toEvents(adapter, messages, ctx), ...toEvents(adapter, csat, ctx)];
  return { ctx, events, conversations: foldAll(events), messageFiles };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const sample = (records: unknown[], wrapperKey: string): Sample => ({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records, wrapperKey });

describe('chatwoot', () => {
  it('detects the conversation list and each message page', () => {
    const list = jsonRecords(`${DIR}/conversations.json`, 'data.payload').map((r) => r.value);
    expect(adapter.detect(sample(list, 'data.payload')).score).toBeGreaterThan(0.9);
    for (const f of load().messageFiles) {
      const page = jsonRecords(`${DIR}/${f}`, 'payload').map((r) => r.value);
      expect(adapter.detect(sample(page, 'payload')).score, f).toBeGreaterThan(0.5);
    }
    const csat = jsonRecords(`${DIR}/csat_survey_responses.json`).map((r) => r.value);
    expect(adapter.detect({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records: csat }).score).toBeGreaterThan(0.5);
    expect(adapter.detect(sample([{ id: 1, status: 'open' }], 'data')).score).toBe(0);
  });

  it('101: bot greeting, assignment, first human reply, conversation fields', () => {
    const c = load().conversations.get('101')!;
    expect(c.requestedAt).toBe(B);
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(2);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(45); // the bot's greeting does not count
    expect(sec(c.requestedAt, c.assignedAt)).toBe(20);
    expect(c.agent).toBe('Luis Moreno');
    expect(c.department).toBe('Billing');
    expect(c.channel).toBe('WebWidget');
    expect(c.customerId).toBe('ana@example.com');
    expect(c.tags).toEqual(['billing', 'refund']);
    expect(c.status).toBe('resolved');
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(300);
    expect(c.vendorMetrics).toEqual([{ metric: 'first_response_time', seconds: 45, source: 'first_reply_created_at' }]);
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 5, scaleMin: 1, scaleMax: 5, comment: 'Great help' }); // from the CSAT responses file
  });

  it('102: a private message is an internal note and does not answer', () => {
    const c = load().conversations.get('102')!;
    expect(c.internalNotes).toBe(1);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(50);
    expect(c.priority).toBe('low');
  });

  it('103: a second assignment to another agent is a transfer', () => {
    const c = load().conversations.get('103')!;
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(expect.arrayContaining(['Luis Moreno', 'Marta Vidal']));
    expect(c.agent).toBe('Luis Moreno'); // first responder
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(25);
  });

  it('104: auto-resolved without a human reply is missed, not resolved', () => {
    const c = load().conversations.get('104')!;
    expect(c.status).toBe('missed');
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.customerId).toBe('contact:94'); // no email or phone: the contact id
    expect(c.vendorMetrics).toEqual([]); // first_reply_created_at 0 = unset
  });

  it('105: the CSAT form answer is a 1-5 rating', () => {
    const c = load().conversations.get('105')!;
    expect(c.ratings.csat).toEqual({ survey: 'csat', score: 4, scaleMin: 1, scaleMax: 5, comment: 'Quick answer' });
    expect(c.botMessages).toBe(0); // the form is not a message
  });

  it('106: resolved, reopened by a new message, resolved again', () => {
    const c = load().conversations.get('106')!;
    expect(c.reopens).toBe(1);
    expect(sec(c.requestedAt, c.firstResolvedAt)).toBe(100);
    expect(sec(c.requestedAt, c.resolvedAt)).toBe(700);
    expect(c.status).toBe('resolved');
  });

  it('107 open (list only), 108 pending, 109 WhatsApp, 110 answered by Captain only', () => {
    const { conversations } = load();
    expect(conversations.get('107')!.status).toBe('open');
    expect(conversations.get('107')!.statusDisagrees).toBe(false);
    const c108 = conversations.get('108')!;
    expect(c108.status).toBe('open');
    expect(c108.statusChanges).toEqual([{ at: B + 4200 * 1000, status: 'open' }, { at: B + (4200 + 7210) * 1000, status: 'pending' }]);
    expect(sec(c108.requestedAt, c108.firstResponseAt)).toBe(7200);
    expect(conversations.get('109')!.customerId).toBe('+15550100');
    expect(conversations.get('109')!.channel).toBe('Whatsapp');
    expect(conversations.get('109')!.ratings.csat).toEqual({ survey: 'csat', score: 2, scaleMin: 1, scaleMax: 5 });
    const c110 = conversations.get('110')!;
    expect(c110.botMessages).toBe(1);
    expect(c110.status).toBe('missed');
  });

  it('totals: 10 conversations, FRTs as in the README, no unrecognized activity', () => {
    const { conversations, ctx } = load();
    expect(conversations.size).toBe(10);
    const frts = [...conversations.values()].map((c) => sec(c.requestedAt, c.firstResponseAt)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    expect(frts).toEqual([15, 25, 30, 45, 50, 180, 7200]);
    expect(ctx.warnings).toEqual([]);
  });

  it('message_type names as well as numbers; text only with keepText', () => {
    const ctx = testContext('x', undefined, { keepText: false });
    const [e] = adapter.toEvents({ kind: 'json', line: 1, value: { conversation_id: 5, message_type: 'outgoing', private: false, created_at: 1767603600, content: 'hi', sender_type: 'User', sender: { name: 'Rui' } } }, ctx);
    expect(e).toEqual({ conversationId: '5', at: B, type: 'message', role: 'agent', agent: 'Rui' });
  });

  it('an unknown activity text warns; a bad time is a FieldError', () => {
    const ctx = testContext('x');
    expect(adapter.toEvents({ kind: 'json', line: 1, value: { conversation_id: 5, message_type: 2, private: false, created_at: 1767603600, content: 'Conversa resolvida por Ana' } }, ctx)).toEqual([]);
    expect(ctx.warnings).toHaveLength(1);
    expect(() => adapter.toEvents({ kind: 'json', line: 2, value: { conversation_id: 5, message_type: 0, private: false, created_at: 'soon' } }, ctx)).toThrow(/not a date/);
  });

  it('a whole API page read as one record gives the same events, and is detected', () => {
    const page: unknown = JSON.parse(readFileSync(`${DIR}/conversations.json`, 'utf8'));
    const expected = toEvents(adapter, jsonRecords(`${DIR}/conversations.json`, 'data.payload'), testContext('x'));
    expect(adapter.toEvents({ kind: 'json', line: 1, value: page }, testContext('x'))).toEqual(expected);
    expect(adapter.detect({ path: 'x.json', format: 'json', encoding: 'utf8', hasBom: false, records: [page] }).score).toBeGreaterThan(0.8);
  });

  it('a CSAT response outside 1-5 is a FieldError', () => {
    const value = { id: 1, rating: 7, feedback_message: null, conversation_id: 5, created_at: 1767603600 };
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value }, testContext('x'))).toThrow(/not a 1-5 rating: 7/);
  });
});
