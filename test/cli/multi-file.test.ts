// A year of monthly exports: `chatkpi report 2024-*.csv` reads the message files one after the other on the fast
// path, folding idle conversations as it goes, and gives the report of the same rows in one file. A conversation
// that straddles two files is one conversation; files given out of order still give the same figures.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJson } from '../helpers/cli.js';

const generator = '../shared/bench/gen-messages.mjs';
const dir = mkdtempSync(join(tmpdir(), 'chatkpi-multi-'));

describe.skipIf(!existsSync(generator))('several message files', () => {
  const csv = execFileSync(process.execPath, [generator, '--rows', '30000', '--seed', '11'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const [header, ...rows] = csv.trimEnd().split('\n');
  // Cut by rows, not by conversation: conversations open at a cut continue in the next file. Quoted messages may
  // hold line breaks, so cut only where a line starts a record (the id column is C + 8 characters).
  const cuts: number[] = [];
  for (const at of [9000, 21000]) {
    let k = at;
    while (!/^C[0-9A-Z]{8},\d{4}-/i.test(rows[k]!)) k++;
    cuts.push(k);
  }
  const parts = [rows.slice(0, cuts[0]), rows.slice(cuts[0], cuts[1]), rows.slice(cuts[1])];
  const files = parts.map((part, k) => {
    const path = join(dir, `2024-0${k + 1}.csv`);
    writeFileSync(path, `${header}\n${part.join('\n')}\n`);
    return path;
  });
  const whole = join(dir, 'whole.csv');
  writeFileSync(whole, csv);

  it('give the one-file report, with each file counted on its own', async () => {
    const one = await reportJson([whole]);
    const three = await reportJson(files);
    expect((three.metrics.chats as { value: number }).value).toBeGreaterThan(2500);
    expect(three.metrics).toEqual(one.metrics);
    const inputs = three.inputs as { path: string; records: number }[];
    expect(inputs.map((i) => i.path)).toEqual(files);
    expect(inputs.reduce((n, i) => n + i.records, 0)).toBe((one.inputs as { records: number }[])[0]!.records);
  });

  it('agree with the general path on the same files, and in reverse order', async () => {
    const fast = await reportJson(files);
    expect((await reportJson([...files, '--csv-engine', 'csv-parse'])).metrics).toEqual(fast.metrics);
    expect((await reportJson([...files].reverse())).metrics).toEqual(fast.metrics);
  });

  it('with other columns in one file, read by the general path, same figures', async () => {
    const other = join(dir, 'other-columns.csv');
    writeFileSync(other, `${header},note\n${parts[2]!.map((r) => `${r},`).join('\n')}\n`);
    // (a row whose quoted message spans lines gets its extra cell on its last line: the same record)
    const mixed = await reportJson([files[0]!, files[1]!, other]);
    expect(mixed.metrics).toEqual((await reportJson(files)).metrics);
  });
});
