import { describe, expect, it } from 'vitest';
import adapter, { kindOf, roleOfActor } from '../../src/adapters/freshchat.js';
import type { Sample } from '../../src/inputs/types.js';
import { foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const DIR = 'fixtures/freshchat';
const MESSAGES = `${DIR}/messages.json`;
const CONVERSATIONS = `${DIR}/conversations.json`;
const id = (n: number): string => `3c9e1f52-7a0b-4d8e-b1c2-${String(n).padStart(12, '0')}`;
const LUIS = '8f3c2e9a-1b2c-4d5e-9f00-00000000a001';
const MARTA = '8f3c2e9a-1b2c-4d5e-9f00-00000000a002';

function load(withConversations = true) {
  const ctx = testContext(DIR);
  const events = [
    ...(withConversations ? toEvents(adapter, jsonRecords(CONVERSATIONS), ctx) : []),
    ...toEvents(adapter, jsonRecords(MESSAGES, 'messages'), ctx),
  ];
  return { events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

describe('freshchat', () => {
  it('detects the messages page and the conversations array', () => {
    const messages: Sample = { path: MESSAGES, format: 'json', encoding: 'utf8', hasBom: false, records: jsonRecords(MESSAGES, 'messages').slice(0, 5).map((r) => r.value), wrapperKey: 'messages', topLevelKeys: ['link'] };
    expect(adapter.detect(messages).score).toBeGreaterThan(0.9);
    const conversations: Sample = { path: CONVERSATIONS, format: 'json', encoding: 'utf8', hasBom: false, records: jsonRecords(CONVERSATIONS).slice(0, 5).map((r) => r.value) };
    expect(adapter.detect(conversations).score).toBeGreaterThan(0.5);
    expect(kindOf({ conversation_id: 'x', status: 'open', assigned_agent_id: 'y' })).toBeUndefined();
  });

  it('maps actor types', () => {
    expect(['user', 'agent', 'bot', 'system'].map(roleOfActor)).toEqual(['customer', 'agent', 'bot', 'system']);
  });

  it('F1: the bot greeting and a private note are no reply; the agent answers after 38 s', () => {
    const c = load().conversations.get(id(1))!;
    expect(c.requestedAt).toBe(Date.parse('2026-01-05T09:00:00Z'));
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(1.5);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(38);
    expect(c.internalNotes).toBe(1);
    expect([c.customerMessages, c.agentMessages, c.botMessages]).toEqual([2, 2, 1]);
    expect(c.agent).toBe(LUIS);
    expect(c.department).toBe('0c1d2e3f-4a5b-4c6d-8e7f-0000000000g1');
    expect(c.status).toBe('resolved');
    expect(c.agentTexts).toEqual(['Refund issued', 'Anything else?']);
  });

  it('F2: new and unanswered is open', () => {
    const c = load().conversations.get(id(2))!;
    expect(c.status).toBe('open');
    expect(c.firstResponseAt).toBeUndefined();
  });

  it('F3: two agents answer; the first is credited', () => {
    const c = load().conversations.get(id(3))!;
    expect(c.agent).toBe(LUIS);
    expect(c.agents).toEqual(expect.arrayContaining([LUIS, MARTA]));
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(20);
  });

  it('F5: a bot-only conversation the vendor resolved keeps the vendor status', () => {
    const c = load().conversations.get(id(5))!;
    expect(c.firstResponseAt).toBeUndefined();
    expect(c.status).toBe('resolved');
    expect(c.statusDisagrees).toBe(true);
  });

  it('F6 reopened and F7 assigned are open; F7 is named after its assignee', () => {
    const { conversations } = load();
    expect(conversations.get(id(6))!.status).toBe('open');
    const f7 = conversations.get(id(7))!;
    expect(f7.status).toBe('open');
    expect(f7.agent).toBe(MARTA);
    expect(f7.assignedAt).toBeUndefined();
    expect([id(2), id(6), id(7)].map((k) => conversations.get(k)!.statusDisagrees)).toEqual([false, false, false]);
  });

  it('F8: text of a multi-part message; F10: bot then agent at +21 s', () => {
    const { conversations } = load();
    expect(conversations.get(id(8))!.customerTexts).toEqual(['See the error']);
    expect(sec(conversations.get(id(10))!.requestedAt, conversations.get(id(10))!.firstResponseAt)).toBe(21);
  });

  it('messages alone: status from our rules (no vendor status)', () => {
    const { conversations } = load(false);
    expect(conversations.size).toBe(10);
    expect(conversations.get(id(2))!.status).toBe('missed');
    expect(conversations.get(id(1))!.vendorStatus).toBeUndefined();
  });

  it('a message without created_time is a FieldError', () => {
    const value = { conversation_id: 'c', actor_type: 'user', message_parts: [] };
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value }, testContext(DIR))).toThrow(/timestamp is required/);
  });
});
