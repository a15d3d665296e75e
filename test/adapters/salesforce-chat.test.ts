import { describe, expect, it } from 'vitest';
import adapter, { chatStartedAt, isToTheMinute, offsetSeconds } from '../../src/adapters/salesforce-chat.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import { csvRows, foldAll, jsonRecords, testContext, toEvents } from '../helpers/records.js';

const CSV = 'fixtures/salesforce-chat/LiveChatTranscript.csv';
const JSON_FILE = 'fixtures/salesforce-chat/transcripts.json';

function loadCsv() {
  const { rows, mapping, headers } = csvRows(CSV, adapter);
  const ctx = testContext(CSV, mapping);
  const events = toEvents(adapter, rows, ctx);
  return { headers, events, ctx, conversations: foldAll(events) };
}

function loadJson() {
  const ctx = testContext(JSON_FILE);
  const events = toEvents(adapter, jsonRecords(JSON_FILE, 'records'), ctx);
  return { events, ctx, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

describe('salesforce-chat', () => {
  it('detects the Data Export CSV and the SOQL JSON', () => {
    const { headers } = loadCsv();
    expect(adapter.detect({ path: CSV, format: 'csv', encoding: 'utf8', hasBom: false, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] }).score).toBeGreaterThan(0.9);
    const records = jsonRecords(JSON_FILE, 'records').slice(0, 5).map((r) => r.value);
    expect(adapter.detect({ path: JSON_FILE, format: 'json', encoding: 'utf8', hasBom: false, records, wrapperKey: 'records', topLevelKeys: ['totalSize', 'done'] }).score).toBeGreaterThan(0.9);
  });

  it('reads the transcript clock', () => {
    expect(iso(chatStartedAt('Chat Started: Monday, January 05, 2026, 09:00:30 (+0000)'))).toBe('2026-01-05T09:00:30.000Z');
    expect(iso(chatStartedAt('Chat Started: Monday, January 05, 2026, 10:00:30 (+0100)'))).toBe('2026-01-05T09:00:30.000Z');
    expect([offsetSeconds('38s'), offsetSeconds('6m 10s'), offsetSeconds('1h 2m 3s')]).toEqual([38, 370, 3723]);
  });

  it('AbcQ: Body lines are messages at chat start + offset; the greeting answers the request after 33 s', () => {
    const c = loadCsv().conversations.get('5708d000001AbcQ')!;
    expect(iso(c.requestedAt)).toBe('2026-01-05T09:00:02.000Z');
    expect(sec(c.requestedAt, c.assignedAt)).toBe(28);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(33);
    expect(c.agent).toBe('Luis G');
    expect(c.agents).toEqual(['Luis G']);
    expect([c.customerMessages, c.agentMessages]).toEqual([2, 2]);
    expect(c.customerTexts).toEqual(['I was charged twice, order 1041', 'Thanks & bye']);
    expect(iso(c.endedAt)).toBe('2026-01-05T09:06:44.000Z');
    expect(c.vendorMetrics).toEqual([
      { metric: 'queue_time', seconds: 28, source: 'WaitTime' },
      { metric: 'chat_duration', seconds: 374, source: 'ChatDuration' },
    ]);
    expect(c.status).toBe('resolved');
  });

  it('AbcR: Missed ends after Abandoned seconds', () => {
    const c = loadCsv().conversations.get('5708d000001AbcR')!;
    expect(c.status).toBe('missed');
    expect(c.vendorStatus).toBe('missed');
    expect(sec(c.requestedAt, c.endedAt)).toBe(95);
    expect(c.firstResponseAt).toBeUndefined();
  });

  it('AbcS: without Body the reply is the acceptance (WaitTime), warned', () => {
    const { conversations, ctx } = loadCsv();
    const c = conversations.get('5708d000001AbcS')!;
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(12);
    expect(c.agent).toBe('0058d000002XyZb'); // a Data Export names the owner by id only
    expect(ctx.warnings.some((w) => w.includes('StartTime'))).toBe(true);
  });

  it('AbcT: a transfer line in the Body', () => {
    const c = loadCsv().conversations.get('5708d000001AbcT')!;
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(['Luis G', 'Marta P']);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(18);
  });

  it('AbcU: the Einstein bot accepts and greets; Marta is the first human reply', () => {
    const c = loadCsv().conversations.get('5708d000001AbcU')!;
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(3);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(46);
    expect(c.assignedAt).toBeUndefined();
    expect(c.transfers).toBe(1);
    expect(c.agents).toEqual(['Marta P']);
  });

  it('AbcY: Waiting is open; AbcZ: hour offsets', () => {
    const { conversations } = loadCsv();
    expect(conversations.get('5708d000001AbcY')!.status).toBe('open');
    expect(conversations.get('5708d000001AbcY')!.statusDisagrees).toBe(false);
    const z = conversations.get('5708d000001AbcZ')!;
    expect(sec(z.requestedAt, z.firstResponseAt)).toBe(32);
    expect(iso(z.lastMessageAt)).toBe('2026-01-08T09:09:20.000Z');
  });

  it('CSV totals: 10 chats, 2 missed, 1 open', () => {
    const all = [...loadCsv().conversations.values()];
    expect(all).toHaveLength(10);
    expect(all.filter((c) => c.status === 'missed')).toHaveLength(2);
    expect(all.filter((c) => c.status === 'open')).toHaveLength(1);
  });

  it('SOQL: Owner.Name and Skill.MasterLabel name the agent and department', () => {
    const { conversations } = loadJson();
    const a = conversations.get('5708d000001AbdA')!;
    expect(a.agent).toBe('Luis Gil');
    expect(a.department).toBe('Billing');
    expect(sec(a.requestedAt, a.firstResponseAt)).toBe(20);
    expect(conversations.get('5708d000001AbdB')!.status).toBe('missed');
    const b = conversations.get('5708d000001AbdC')!;
    expect(sec(b.requestedAt, b.firstResponseAt)).toBe(15);
    expect(b.agent).toBe('Marta Pons');
    expect(conversations.get('5708d000001AbdD')!.status).toBe('open'); // InProgress
    expect(conversations.get('5708d000001AbdD')!.statusDisagrees).toBe(false);
  });

  it('SOQL: a chatbot session owned by the bot has no human reply; the vendor says Completed', () => {
    const c = loadJson().conversations.get('5708d000001AbdE')!;
    expect(c.firstResponseAt).toBeUndefined();
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(1);
    expect(c.status).toBe('resolved');
    expect(c.statusDisagrees).toBe(true);
  });

  it('report CSV: labels, US dates in the user zone, footer lines ignored', () => {
    const REPORT = 'fixtures/salesforce-chat/report.csv';
    const { rows, mapping, headers } = csvRows(REPORT, adapter);
    expect(adapter.detect({ path: REPORT, format: 'csv', encoding: 'utf8', hasBom: true, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] }).score).toBeGreaterThan(0.5);
    const ctx = testContext(REPORT, mapping, { inputTz: 'America/Los_Angeles' });
    const conversations = foldAll(toEvents(adapter, rows, ctx));
    expect(conversations.size).toBe(5);
    const first = conversations.get('00000471')!;
    expect(iso(first.requestedAt)).toBe('2026-01-12T16:59:00.000Z');
    expect(sec(first.requestedAt, first.firstResponseAt)).toBe(40); // the minutes say 60 s; Wait Time says 40 s
    expect(sec(first.assignedAt, first.endedAt)).toBe(360); // Chat Duration from the acceptance
    expect(isToTheMinute('1/12/2026, 9:00 AM')).toBe(true);
    expect(isToTheMinute('2026-01-05T09:00:30.000Z')).toBe(false);
    expect(first.agent).toBe('Luis Gil');
    expect(first.department).toBe('Billing');
    expect(first.vendorMetrics).toContainEqual({ metric: 'queue_time', seconds: 40, source: 'Wait Time' });
    const missed = conversations.get('00000472')!;
    expect(missed.status).toBe('missed');
    expect(sec(missed.requestedAt, missed.endedAt)).toBe(45);
    expect(iso(conversations.get('00000473')!.requestedAt)).toBe('2026-01-13T07:15:00.000Z'); // 11:15 PM PST
  });

  it('report footer lines (one cell, no times, no status) are no transcript and no error', () => {
    const footer = (text: string) => ({ kind: 'csv' as const, line: 9, get: (f: string) => (f === 'id' ? text : ''), getAll: () => [] });
    for (const text of ['Grand Totals (5 records)', 'Confidential Information - Do Not Distribute', 'Acme Corp']) {
      expect(adapter.toEvents(footer(text), testContext('report.csv'))).toEqual([]);
    }
  });

  it('a transcript without RequestTime and StartTime is a FieldError', () => {
    expect(() => adapter.toEvents({ kind: 'json', line: 1, value: { Id: 'x', Status: 'Completed' } }, testContext(JSON_FILE))).toThrow(/RequestTime/);
  });
});
