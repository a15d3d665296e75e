// Whole-run behaviour: joining files, early folding and its fallback, the fast path against the general one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, reportJson } from './helpers/cli.js';
import { ndjsonKeys } from '../src/pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'chatkpi-pipeline-'));
const HEADER = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
}

describe('pipeline', () => {
  it('a conversation split across two files is one conversation', async () => {
    const a = file('part1.csv', ['X1,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,']);
    const b = file('part2.csv', ['X1,2026-01-05T09:00:40Z,agent,Luis,Luis,Sales,web,hello,']);
    const r = await reportJson([a, b]);
    expect(r.metrics.chats!.value).toBe(1);
    expect(r.metrics.first_response_time).toMatchObject({ count: 1, median: 40 });
    expect((r.inputs as unknown[]).length).toBe(2);
  });

  it('a conversation that comes back after the idle window is still one conversation (re-read without early folding)', async () => {
    // X2 asks at 09:00 and is answered two days later, after 9,000 rows of other conversations in between
    const filler = Array.from({ length: 9000 }, (_, i) => `F${i},${new Date(Date.UTC(2026, 0, 5, 10) + i * 20_000).toISOString().replace('.000', '')},customer,C${i},,Sales,web,q,`);
    const path = file('late.csv', ['X2,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,', ...filler, 'X2,2026-01-07T09:00:00Z,agent,Luis,Luis,Sales,web,sorry for the wait,']);
    const r = await cli(['report', path, '--format', 'json', '--metrics', 'chats,first_response_time']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { metrics: Record<string, Record<string, unknown>> };
    expect(report.metrics.chats!.value).toBe(9001);
    expect(report.metrics.first_response_time).toMatchObject({ count: 1, max: 2 * 86_400 });
  });

  it('the fast path and csv-parse give the same report', async () => {
    const lines = [
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,"hi, there",',
      'A,2026-01-05T09:00:02Z,bot,Bot,,Sales,web,hello,',
      'A,2026-01-05T09:00:25Z,agent,Luis,Luis,Sales,web,"multi',
      'line",',
      'B,2026-01-05T09:01:00Z,customer,Bo,,Support,ios,help,',
      'C,2026-01-05T09:02:00Z,customer,Cy,Marta,Support,web,q,',
      'C,2026-01-05T09:02:10Z,agent,Marta,Marta,Support,web,a,',
      'A,2026-01-05T09:03:00Z,customer,Ana,Luis,Sales,web,thanks,4',
      'C,2026-01-05T09:04:00Z,customer,Cy,Marta,Support,web,bye,2',
    ];
    const path = file('same.csv', lines);
    const fast = await reportJson([path, '--group-by', 'agent']);
    const general = await reportJson([path, '--group-by', 'agent', '--csv-engine', 'csv-parse']);
    expect(fast.metrics).toEqual(general.metrics);
    expect(fast.groups).toEqual(general.groups);
    expect(fast.metrics.first_response_time).toMatchObject({ count: 2, median: 17.5 });
  });

  it('an id with a doubled quote is one conversation on either path (the fast path gives it to the general one)', async () => {
    const path = file('doubled-quote.csv', [
      '"A""B",2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'C,2026-01-05T09:00:02Z,customer,Cy,,Sales,web,hi,',
      '"A""B",2026-01-05T09:00:30Z,agent,Luis,Luis,Sales,web,hello,',
    ]);
    const fast = await reportJson([path]);
    expect(fast.metrics).toEqual((await reportJson([path, '--csv-engine', 'csv-parse'])).metrics);
    expect(fast.metrics.chats).toMatchObject({ value: 2 });
    expect(fast.metrics.first_response_time).toMatchObject({ count: 1, median: 30 });
  });

  it('metrics that never read who took part get the same figures from the fast path, which then leaves it out', async () => {
    // the anonymous set alone (the fast path folds without names), then grouped by agent (names needed again)
    const lines = [
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'A,2026-01-05T09:00:20Z,agent,Luis,Luis,Sales,web,hello,',
      'B,2026-01-05T09:01:00Z,customer,Bo,,Support,ios,help,',
      'B,2026-01-05T09:01:45Z,agent,Marta,Marta,Support,ios,here,',
      'B,2026-01-05T09:03:00Z,customer,Bo,Marta,Support,ios,thanks,5',
      'C,2026-01-05T09:02:00Z,customer,Cy,,Support,web,anyone?,',
    ];
    const path = file('anonymous.csv', lines);
    for (const extra of [[], ['--group-by', 'agent']]) {
      const args = [path, '--metrics', 'first_response_time,service_level,chats,missed_rate,csat', ...extra];
      const fast = await reportJson(args);
      const general = await reportJson([...args, '--csv-engine', 'csv-parse']);
      expect(fast.metrics).toEqual(general.metrics);
      expect(fast.groups).toEqual(general.groups);
      expect(fast.metrics.first_response_time).toMatchObject({ count: 2, median: 32.5 });
    }
  });

  it('the default report (FCR reads the customer alone: no agents kept) gives the same figures on either path', async () => {
    const lines = [
      'A,2026-01-05T09:00:00Z,customer,Ana,,Sales,web,hi,',
      'A,2026-01-05T09:00:20Z,agent,Luis,Luis,Sales,web,hello,',
      'A,2026-01-05T09:05:00Z,system,System,Luis,Sales,web,Chat closed by agent,',
      'B,2026-01-05T09:01:00Z,customer,Bo,,Support,ios,help,',
      'B,2026-01-05T09:01:45Z,agent,Marta,Marta,Support,ios,here,',
      'A2,2026-01-06T10:00:00Z,customer,Ana,,Sales,web,me again,',
      'A2,2026-01-06T10:00:30Z,agent,Marta,Marta,Sales,web,hi Ana,',
      'C,2026-01-06T11:00:00Z,customer,Cy,,Support,web,anyone?,',
    ];
    const path = file('default-report.csv', lines);
    const fast = await reportJson([path]);
    expect(fast.metrics).toEqual((await reportJson([path, '--csv-engine', 'csv-parse'])).metrics);
    // Ana came back within the week: her first conversation is not a first-contact resolution; Bo's is
    expect(fast.metrics.fcr).toMatchObject({ count: 3, recontacted: 1, resolved_first_contact: 2 });
  });

  it('NDJSON that leaves null keys out of its first line: the columns are the first lines\' keys, the same figures either path', async () => {
    const lines = [
      '{"conversation_id":"A","timestamp":"2026-01-05T09:00:00Z","author_type":"customer","author_name":"Ana","message":"hi"}',
      '{"conversation_id":"A","timestamp":"2026-01-05T09:00:20Z","author_type":"agent","author_name":"Luis","agent":"Luis","channel":"web","message":"hello"}',
      '{"conversation_id":"B","timestamp":"2026-01-05T09:01:00Z","author_type":"customer","author_name":"Bo","message":"help"}',
      '{"conversation_id":"A","timestamp":"2026-01-05T09:03:00Z","author_type":"customer","author_name":"Ana","agent":"Luis","channel":"web","message":"thanks","rating":5}',
    ];
    expect(ndjsonKeys(lines.map((l) => JSON.parse(l) as unknown))).toEqual(['conversation_id', 'timestamp', 'author_type', 'author_name', 'message', 'agent', 'channel', 'rating']);
    const path = join(dir, 'omitted.ndjson');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const args = [path, '--group-by', 'agent'];
    const fast = await reportJson(args);
    const general = await reportJson([...args, '--csv-engine', 'csv-parse']);
    expect(fast.metrics).toEqual(general.metrics);
    expect(fast.groups).toEqual(general.groups);
    expect(fast.metrics.first_response_time).toMatchObject({ count: 1, median: 20 });
    expect(fast.metrics.csat).toMatchObject({ responses: 1 });
  });

  it('standard input with -', async () => {
    const r = await reportJson(['-'], { stdin: [HEADER, 'S,2026-01-05T09:00:00Z,customer,A,,x,web,hi,', 'S,2026-01-05T09:00:09Z,agent,L,L,x,web,yo,'].join('\n') });
    expect(r.metrics.first_response_time).toMatchObject({ count: 1, median: 9 });
    expect(r.inputs).toEqual([expect.objectContaining({ path: '-' })]);
  });
});
