// Bad input: a clear one-line message naming file (line, field), the documented exit code, never a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chatkpi-bad-'));
const HEADER = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const GOOD = ['A,2026-01-05T09:00:00Z,customer,x,,,,hi,', 'A,2026-01-05T09:00:30Z,agent,y,y,,,yo,'];

describe('bad input through the CLI', () => {
  it.each([
    ['missing file', () => [join(dir, 'nope.csv')], 3, /nope\.csv: no such file/],
    ['a directory', () => [dir], 3, /is a directory/],
    ['empty file', () => [file('empty.csv', '')], 3, /empty\.csv: the file is empty/],
    ['header only', () => [file('header.csv', `${HEADER}\n`)], 3, /header\.csv: no records to audit/],
    ['unknown format', () => [file('junk.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]))], 3, /junk\.bin: not CSV, JSON or NDJSON/],
    ['no adapter matches', () => [file('other.csv', 'a,b,c\n1,2,3\n')], 3, /other\.csv: no adapter recognizes this CSV \(headers: a, b, c\)/],
    ['truncated JSON', () => [file('cut.json', '[{"conversation_id":"a","at":"2026-01-05T09:00:00Z","type":"message","role":"customer"},{"conv')], 3, /cut\.json:\d+: JSON ends early/],
    ['UTF-16 without BOM', () => [file('u16.csv', Buffer.from(`${HEADER}\n${GOOD.join('\n')}\n`, 'utf16le'))], 3, /u16\.csv.*UTF-16/],
    ['too many broken rows', () => [file('broken.csv', [HEADER, ...GOOD, 'B,yesterday,customer,x,,,,a,', 'C,2026-01-05T09:00:00Z,alien,x,,,,a,'].join('\n')), '--max-skipped', '1'], 3, /broken\.csv: more than 1 rows skipped \(first: line 4: field "timestamp": not a date: "yesterday"/],
    ['bad target expression', () => [file('ok.csv', [HEADER, ...GOOD].join('\n')), '--target', 'csat >= eighty'], 2, /csat >= eighty/],
    ['unknown adapter', () => [file('ok2.csv', [HEADER, ...GOOD].join('\n')), '--adapter', 'zendesk'], 2, /--adapter zendesk: no such adapter/],
    ['bad zone', () => [file('ok3.csv', [HEADER, ...GOOD].join('\n')), '--tz', 'Mars/Olympus'], 2, /Mars\/Olympus: not an IANA time zone/],
  ])('%s', async (_name, args, code, message) => {
    const r = await cli(['report', ...args(), '--format', 'json']);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(r.stdout).toBe('');
  });

  it('a broken row among good ones is skipped, counted, and named on stderr; the rest is reported', async () => {
    const path = file('one-bad.csv', [HEADER, ...GOOD, 'B,31/02/2026 10:00,customer,x,,,,a,', 'C,2026-01-05T09:00:00Z,customer,x,,,,"a","b",'].join('\n'));
    for (const engine of ['auto', 'csv-parse']) {
      const r = await cli(['report', path, '--format', 'json', '--csv-engine', engine]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { inputs: { records: number; skipped: number; warnings: string[] }[]; metrics: { chats: { value: number } } };
      expect(report.inputs[0]).toMatchObject({ records: 2, skipped: 2 });
      expect(report.inputs[0]!.warnings.join('\n')).toMatch(/line 4: field "timestamp": not a date: "31\/02\/2026 10:00"/);
      expect(report.inputs[0]!.warnings.join('\n')).toMatch(/line 5: row has 10 fields, the header has 9/);
      expect(report.metrics.chats.value).toBe(1);
      expect(r.stderr).toMatch(/2 rows skipped/);
    }
  });
});
