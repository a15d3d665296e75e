// bench/gen-messages.mjs: the workload's format, order and shape on a small deterministic run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const GENERATOR = fileURLToPath(new URL('../../bench/gen-messages.mjs', import.meta.url));
const generate = (...args: string[]): string => execFileSync(process.execPath, [GENERATOR, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const COLUMNS = ['conversation_id', 'timestamp', 'author_type', 'author_name', 'agent', 'department', 'channel', 'message', 'rating'];

const csv = generate('--rows', '4000', '--seed', '7');
const rows = parse(csv, { columns: true }) as Record<string, string>[];

function conversations(): Map<string, Record<string, string>[]> {
  const byId = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const id = row.conversation_id ?? '';
    byId.set(id, [...(byId.get(id) ?? []), row]);
  }
  return byId;
}

describe('gen-messages', () => {
  it('writes the header and exactly --rows rows', () => {
    expect(csv.slice(0, csv.indexOf('\n')).split(',')).toEqual(COLUMNS);
    expect(rows).toHaveLength(4000);
  });

  it('keeps rows in time order with conversations interleaved', () => {
    const times = rows.map((row) => row.timestamp ?? '');
    expect(times.every((t, i) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t) && (i === 0 || t >= (times[i - 1] ?? '')))).toBe(true);
    const switches = rows.filter((row, i) => i > 0 && row.conversation_id !== rows[i - 1]?.conversation_id).length;
    const ids = conversations().size;
    expect(switches).toBeGreaterThan(ids * 2); // grouped rows would switch once per conversation
  });

  it('starts every conversation with the customer and rates only a last row, 1 to 5', () => {
    for (const list of conversations().values()) {
      expect(list[0]?.author_type).toBe('customer');
      list.slice(0, -1).forEach((row) => expect(row.rating).toBe(''));
      expect(['', '1', '2', '3', '4', '5']).toContain(list[list.length - 1]?.rating);
    }
  });

  it('has the standard mix of missed, bot-only, rated, quoted and multi-line rows', () => {
    const list = [...conversations().values()];
    const share = (count: number, total: number): number => count / total;
    const withoutAgent = list.filter((c) => !c.some((row) => row.author_type === 'agent')).length;
    const rated = list.filter((c) => c.some((row) => row.rating !== '')).length;
    const multiLine = rows.filter((row) => row.message?.includes('\n')).length;
    const quotedLines = csv.split('\n').filter((line) => line.includes(',"')).length;
    expect(share(withoutAgent, list.length)).toBeGreaterThan(0.15); // 15% missed + 5% bot-only
    expect(share(withoutAgent, list.length)).toBeLessThan(0.25);
    expect(share(rated, list.length)).toBeGreaterThan(0.15);
    expect(share(rated, list.length)).toBeLessThan(0.25);
    expect(share(multiLine, rows.length)).toBeGreaterThan(0.02);
    expect(share(quotedLines, rows.length)).toBeGreaterThan(0.03);
    expect(share(quotedLines, rows.length)).toBeLessThan(0.07);
    expect(csv.length / rows.length).toBeGreaterThan(140); // ~152 bytes a row
    expect(csv.length / rows.length).toBeLessThan(165);
  });

  it('is deterministic per seed', () => {
    expect(generate('--rows', '4000', '--seed', '7')).toBe(csv);
    expect(generate('--rows', '4000', '--seed', '8')).not.toBe(csv);
  });

  it('writes the same rows as NDJSON, with null for an empty agent or rating and a numeric rating', () => {
    const lines = generate('--rows', '4000', '--seed', '7', '--format', 'ndjson').trimEnd().split('\n');
    expect(lines).toHaveLength(4000);
    lines.forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      const row = rows[i] ?? {};
      expect(Object.keys(record)).toEqual(COLUMNS);
      expect(record.message).toBe(row.message);
      expect(record.agent).toBe(row.agent === '' ? null : row.agent);
      expect(record.rating).toBe(row.rating === '' ? null : Number(row.rating));
    });
  });

  it('rejects a bad option with exit code 2', () => {
    expect(() => execFileSync(process.execPath, [GENERATOR, '--rows', '-1'], { stdio: 'pipe' })).toThrow(expect.objectContaining({ status: 2 }));
  });
});
