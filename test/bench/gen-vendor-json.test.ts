// bench/gen-vendor-json.mjs: the CSV reader, the idle flush, the Intercom objects, and chatkpi's answers on both files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCollector, createCsvParser, createWriter } from '../../bench/gen-vendor-json.mjs';
import { evaluateVendorGoal, kpisFromReport, kpisFromVendorReport, parseSize } from '../../bench/lib.mjs';
import { reportJson } from '../helpers/cli.js';

const CONVERTER = fileURLToPath(new URL('../../bench/gen-vendor-json.mjs', import.meta.url));
const convert = (csv: string): string => execFileSync(process.execPath, [CONVERTER], { input: csv, encoding: 'utf8' });

interface Part { part_type: string; body: string | null; created_at: number; author: { type: string; id: string; name: string }; assigned_to: { type: string; id: string } | null }
interface IntercomConversation {
  id: string; created_at: number; updated_at: number; state: string; admin_assignee_id: number | null; team_assignee_id: number | null;
  conversation_rating: { rating: number; created_at: number; teammate: { id: string } | null } | null;
  source: { type: string; body: string; author: { type: string; name: string; email: string } };
  statistics: Record<string, unknown>;
  conversation_parts: { conversation_parts: Part[]; total_count: number };
}

const HEADER = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';
const T0 = Date.UTC(2024, 0, 1, 9) / 1000; // 2024-01-01T09:00:00Z = 1704099600
// A: bot, hand-off, agent reply at +30 s, closed by the agent at +120 s, rated 5. B: a visitor nobody answers.
// C: a day later, answered at +10 s, rated 2 on the reply.
const CSV = [
  HEADER,
  'C00000001,2024-01-01T09:00:00Z,customer,Ana Ruiz,Luis Gil,Billing,web,"Charged twice, ""help""",',
  'C00000001,2024-01-01T09:00:02Z,bot,Support Bot,Luis Gil,Billing,web,Let me find someone,',
  'C00000001,2024-01-01T09:00:03Z,system,System,Luis Gil,Billing,web,Transferred to Luis Gil,',
  'C00000002,2024-01-01T09:00:05Z,customer,Visitor 12345,,Support,whatsapp,Anyone there?,',
  'C00000001,2024-01-01T09:00:30Z,agent,Luis Gil,Luis Gil,Billing,web,"Refunded <b>now</b>\nsorry",',
  'C00000001,2024-01-01T09:01:00Z,customer,Ana Ruiz,Luis Gil,Billing,web,thanks,',
  'C00000001,2024-01-01T09:02:00Z,system,System,Luis Gil,Billing,web,Chat closed by agent,5',
  'C00000002,2024-01-01T09:05:05Z,system,System,,Support,whatsapp,Visitor left the chat,',
  'C0000000A,2024-01-02T12:00:00Z,customer,Bo Lund,Marta Silva,Sales,web,Hi,',
  'C0000000A,2024-01-02T12:00:10Z,agent,Marta Silva,Marta Silva,Sales,web,Hello,2',
].join('\n') + '\n';

function parseAll(chunks: string[]): string[][] {
  const rows: string[][] = [];
  const parser = createCsvParser((fields: string[]) => rows.push(fields));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return rows;
}

describe('createCsvParser', () => {
  const text = 'a,b,c\r\n"x, ""y""",,"line 1\nline 2"\nlast,"",end';
  const expected = [['a', 'b', 'c'], ['x, "y"', '', 'line 1\nline 2'], ['last', '', 'end']];

  it('reads quoted fields, "" escapes, line breaks inside quotes, CRLF and a last line without a break', () => {
    expect(parseAll([text])).toEqual(expected);
  });

  it('gives the same rows wherever a chunk boundary falls', () => {
    for (let i = 0; i <= text.length; i++) expect(parseAll([text.slice(0, i), text.slice(i)])).toEqual(expected);
    expect(parseAll([...text])).toEqual(expected);
  });
});

describe('createCollector', () => {
  const row = (id: string, seconds: number, role = 'customer'): string[] =>
    [id, new Date((T0 + seconds) * 1000).toISOString(), role, 'N', '', '', '', 'm', ''];

  it('hands a conversation over once the data is an idle window past its last row, oldest first', () => {
    const out: string[] = [];
    const collector = createCollector(3600, (c: { id: string }) => out.push(c.id));
    collector.row(HEADER.split(','));
    collector.row(row('X', 0));
    collector.row(row('Y', 10));
    collector.row(row('Z', 3600)); // the horizon is 0: X (last row at 0) is not idle yet
    expect(out).toEqual([]);
    collector.row(row('Z', 3611)); // horizon 11: X and Y are
    expect(out).toEqual(['X', 'Y']);
    collector.end();
    expect(out).toEqual(['X', 'Y', 'Z']);
  });

  it('keeps created_at order: an idle conversation waits behind an older one still active', () => {
    const out: string[] = [];
    const collector = createCollector(3600, (c: { id: string }) => out.push(c.id));
    collector.row(HEADER.split(','));
    collector.row(row('X', 0));
    collector.row(row('Y', 10));
    collector.row(row('X', 3650, 'agent'));
    collector.row(row('Z', 3700)); // horizon 100: Y is idle, X is not
    expect(out).toEqual([]);
    collector.end();
    expect(out).toEqual(['X', 'Y', 'Z']);
  });
});

describe('gen-vendor-json', () => {
  const page = JSON.parse(convert(CSV)) as { type: string; conversations: IntercomConversation[]; total_count: number; pages: { total_pages: number } };
  const [a, b, c] = page.conversations as [IntercomConversation, IntercomConversation, IntercomConversation];

  it('writes one conversation.list page, conversations in created_at order, ids read from base 36', () => {
    expect(page).toMatchObject({ type: 'conversation.list', total_count: 3, pages: { total_pages: 1 } });
    expect(page.conversations.map((x) => [x.id, x.created_at])).toEqual([['1', T0], ['2', T0 + 5], ['10', T0 + 27 * 3600]]);
  });

  it('opens with the first customer row as the source and maps the other rows to parts', () => {
    expect(a.source).toMatchObject({ type: 'conversation', body: '<p>Charged twice, "help"</p>', author: { type: 'user', name: 'Ana Ruiz', email: 'ana.ruiz@example.com' } });
    const parts = a.conversation_parts.conversation_parts.map((p) => [p.part_type, p.created_at - T0, p.author.type, p.author.name, p.assigned_to?.id ?? null, p.body]);
    expect(parts).toEqual([
      ['comment', 2, 'bot', 'Support Bot', null, '<p>Let me find someone</p>'],
      ['assignment', 3, 'bot', 'Support Bot', '801', null],
      ['comment', 30, 'admin', 'Luis Gil', null, '<p>Refunded &lt;b&gt;now&lt;/b&gt;</p><p>sorry</p>'],
      ['comment', 60, 'user', 'Ana Ruiz', null, '<p>thanks</p>'],
      ['close', 120, 'admin', 'Luis Gil', null, null],
    ]);
    expect(a).toMatchObject({ state: 'closed', admin_assignee_id: 801, team_assignee_id: 1, updated_at: T0 + 120 });
    expect(a.conversation_rating).toMatchObject({ rating: 5, created_at: T0 + 120, teammate: { id: '801' } });
  });

  it('computes statistics from the parts as Intercom defines them', () => {
    expect(a.statistics).toMatchObject({
      time_to_assignment: 3, time_to_admin_reply: 30, time_to_first_close: 120, time_to_last_close: 120,
      first_contact_reply_at: T0 + 60, first_admin_reply_at: T0 + 30, last_assignment_admin_reply_at: T0 + 30,
      last_closed_by_id: '801', count_assignments: 1, count_conversation_parts: 5,
    });
    expect(b.statistics).toMatchObject({ time_to_admin_reply: null, time_to_last_close: 300, count_conversation_parts: 1 });
  });

  it('closes a missed chat by the Operator bot and writes an anonymous visitor as a lead', () => {
    expect(b.source).toMatchObject({ type: 'whatsapp', author: { type: 'lead', name: 'Visitor 12345', email: '' } });
    expect(b.conversation_parts.conversation_parts.map((p) => [p.part_type, p.created_at - T0, p.author.type, p.author.name])).toEqual([['close', 305, 'bot', 'Operator']]);
    expect(b).toMatchObject({ state: 'closed', admin_assignee_id: null, team_assignee_id: 2, conversation_rating: null });
  });

  it('numbers a second agent 802 and rates on the row that carries the rating', () => {
    expect(c).toMatchObject({ admin_assignee_id: 802, team_assignee_id: 3 });
    expect(c.conversation_rating).toMatchObject({ rating: 2, created_at: T0 + 27 * 3600 + 10, teammate: { id: '802' } });
  });

  it('is a pure function of the input', () => {
    const toIntercom = createWriter();
    expect(typeof toIntercom).toBe('function');
    expect(convert(CSV)).toBe(convert(CSV));
  });

  it('stops with exit 3 and the row on input it cannot map', () => {
    const run = (csv: string) => () => execFileSync(process.execPath, [CONVERTER], { input: csv, stdio: 'pipe', encoding: 'utf8' });
    expect(run('id,when\n1,2\n')).toThrow(expect.objectContaining({ status: 3, stderr: expect.stringMatching(/missing column/) }));
    expect(run(`${HEADER}\nC1,2024-01-01T09:00:00Z,agent,Ana,Ana,S,web,hi,\n`)).toThrow(expect.objectContaining({ status: 3, stderr: expect.stringMatching(/row 1: conversation C1 starts with a agent row, not a customer one/) }));
    expect(run(`${HEADER}\nC1,yesterday,customer,Ana,,S,web,hi,\n`)).toThrow(expect.objectContaining({ status: 3, stderr: expect.stringMatching(/row 1: needs/) }));
  });
});

describe('chatkpi on the CSV and on its vendor JSON export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatkpi-vendor-json-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same chats, FRT, service level and CSAT; missed comes from service_level.missed', async () => {
    const csvFile = join(dir, 'messages.csv');
    const jsonFile = join(dir, 'intercom.json');
    writeFileSync(csvFile, CSV);
    writeFileSync(jsonFile, convert(CSV));
    const fromCsv = kpisFromReport(await reportJson([csvFile]));
    const report = await reportJson([jsonFile]);
    expect(report.inputs).toEqual([expect.objectContaining({ adapter: 'intercom', records: 3, skipped: 0 })]);
    // By hand: A answered at 30 s, C at 10 s, B missed; within 20 s: C only; ratings 5 and 2.
    const expected = { chats: 3, missed: 1, frt_count: 2, frt_mean: 20, frt_median: 20, frt_p90: 28, frt_max: 30, service_level: 0.333333, ratings: 2, csat: 0.5 };
    expect(fromCsv).toEqual(expected);
    expect(kpisFromVendorReport(report)).toEqual(expected);
    // Intercom closes every conversation: chatkpi lets the vendor's status win, so none is "missed" by status.
    expect(report.metrics.chats).toMatchObject({ by_status: { missed: 0, resolved: 3 } });
  });
});

describe('evaluateVendorGoal', () => {
  const small = parseSize('10m');
  const size = parseSize('100m');
  const at = (rssMiB: number, bytes: number, seconds: number) => ({ 'chatkpi-vendor-json': { rssMiB, bytes, seconds } });

  it('passes at 1.25x the small figure and reports both throughputs', () => {
    const goal = evaluateVendorGoal(small, size, { '10m': at(160, 33e6, 3), '100m': at(200, 330e6, 30) });
    expect(goal).toMatchObject({ size: '100m', status: 'PASS' });
    expect(goal.detail).toBe('200 MB vs 160 MB: 1.25x (goal <= 1.25); 11.0 MB/s on 330 MB (10m: 11.0 MB/s on 33 MB)');
  });

  it('misses above it, and is n/a without both runs', () => {
    expect(evaluateVendorGoal(small, size, { '10m': at(160, 33e6, 3), '100m': at(201, 330e6, 30) }).status).toBe('MISS');
    expect(evaluateVendorGoal(small, size, { '100m': at(200, 330e6, 30) }).status).toBe('n/a');
  });
});
