// Large files are read on a second thread (fast-threaded.ts); the report must be the one thread's, byte for byte,
// including skipped rows and the fall-back to the general path. Runs the built CLI (the reader thread is a
// separate script of the bundle), so it is skipped when dist/ is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const bin = 'bin/chatkpi.js';
const built = existsSync('dist/bundle/fast-worker.js');
const generator = '../shared/bench/gen-messages.mjs';
const dir = mkdtempSync(join(tmpdir(), 'chatkpi-threads-'));

function report(file: string, threads: '1' | '2', extra: string[] = []): { json: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [bin, 'report', file, '--format', 'json', ...extra], {
    env: { ...process.env, CHATKPI_THREADS: threads, CHATKPI_NO_RESPAWN: '1', NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 60_000,
  });
  return { json: r.stdout, stderr: r.stderr, status: r.status };
}

describe.skipIf(!built)('two threads', () => {
  it.skipIf(!existsSync(generator))('give the one-thread report on the standard workload, as CSV and NDJSON', () => {
    for (const format of ['csv', 'ndjson']) {
      const file = join(dir, `gen.${format}`);
      writeFileSync(file, execFileSync(process.execPath, [generator, '--rows', '30000', '--seed', '3', '--format', format], { maxBuffer: 1 << 27 }));
      const one = report(file, '1');
      const two = report(file, '2');
      expect(one.status).toBe(0);
      expect(two.status).toBe(0);
      expect(JSON.parse(two.json).metrics.chats.value).toBeGreaterThan(2000);
      expect(two.json).toBe(one.json);
      // a glob: bin/chatkpi.js counts no bytes for it and starts no reader early; the run starts its own
      const glob = report(join(dir, `ge?.${format}`), '2');
      expect(glob.status).toBe(0);
      expect(glob.json).toBe(one.json);
    }
  });

  it('end a reader started early that the run does not take (a vendor JSON export: the general path)', () => {
    const file = 'fixtures/intercom/conversations.json';
    const two = report(file, '2'); // an unended thread would hold the process open: killed at the time-out
    expect(two.status).toBe(0);
    expect(two.json).toBe(report(file, '1').json);
  });

  it.skipIf(!existsSync(generator))('read several files of one export the same way (one after the other)', () => {
    const csv = execFileSync(process.execPath, [generator, '--rows', '20000', '--seed', '4'], { encoding: 'utf8', maxBuffer: 1 << 27 });
    const lines = csv.trimEnd().split('\n');
    let cut = 8000;
    while (!/^C[0-9A-Z]{8},\d{4}-/i.test(lines[cut]!)) cut++;
    const a = join(dir, 'part-1.csv');
    const b = join(dir, 'part-2.csv');
    writeFileSync(a, `${lines.slice(0, cut).join('\n')}\n`);
    writeFileSync(b, `${lines[0]}\n${lines.slice(cut).join('\n')}\n`);
    const one = report(a, '1', [b]);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.json).inputs).toHaveLength(2);
    expect(report(a, '2', [b]).json).toBe(one.json);
  });

  it('count the same skipped rows, and fall back to the general path the same way', () => {
    const header = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';
    const rows = [header];
    for (let k = 0; k < 3000; k++) {
      const t = (s: number): string => new Date(Date.UTC(2026, 0, 5, 9) + (k * 7 + s) * 1000).toISOString().replace('.000', '');
      rows.push(`C${k},${t(0)},customer,Ana ${k},,Sales,web,hi,`);
      rows.push(`C${k},${t(k % 40)},agent,Luis,Luis,Sales,web,"hello, ""there""\nsecond line",${k % 9 === 0 ? 5 : ''}`);
    }
    rows.splice(100, 0, 'C50,not a date,customer,Ana,,Sales,web,bad,');
    const skipped = join(dir, 'skipped.csv');
    writeFileSync(skipped, `${rows.join('\n')}\n`);
    const one = report(skipped, '1');
    expect(JSON.parse(one.json).inputs[0].skipped).toBe(1);
    expect(report(skipped, '2').json).toBe(one.json);
    // a report that reads no one who took part (no agent names, no id numbers on the reader)
    const few = ['--metrics', 'first_response_time,service_level'];
    const oneFew = report(skipped, '1', few);
    expect(JSON.parse(oneFew.json).inputs[0].skipped).toBe(1);
    expect(report(skipped, '2', few).json).toBe(oneFew.json);
    // gzipped: the reader also inflates, and ids are not numbered
    const gz = join(dir, 'skipped.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(skipped)));
    const oneGz = report(gz, '1');
    expect(JSON.parse(oneGz.json).metrics).toEqual(JSON.parse(one.json).metrics);
    expect(report(gz, '2').json).toBe(oneGz.json);

    // NDJSON, whose lines the reader also hands to the main thread to split: rows skipped here and there, in two files
    const json = rows.slice(1).map((row, i) => {
      const [id, at, role, author] = row.split(',');
      return JSON.stringify({ conversation_id: id, timestamp: i % 997 === 5 ? 'soon' : at, author_type: role, author_name: author, message: 'hi\n"x"', rating: null });
    });
    const half = json.findIndex((line, i) => i > json.length / 2 && line.includes('"author_type":"customer"'));
    const first = join(dir, 'part-1.ndjson');
    const second = join(dir, 'part-2.ndjson');
    writeFileSync(first, `${json.slice(0, half).join('\n')}\n`);
    writeFileSync(second, `${json.slice(half).join('\n')}\n`);
    const oneJ = report(first, '1', [second]);
    expect(JSON.parse(oneJ.json).inputs.map((i: { skipped: number }) => i.skipped)).toEqual([5, 3]); // every 997th from the 6th, and the "not a date" row
    expect(report(first, '2', [second]).json).toBe(oneJ.json);

    // a conversation's rows out of time order: the fast path gives up, the general path reads the file again
    const unordered = join(dir, 'unordered.csv');
    writeFileSync(unordered, `${[...rows, 'C1,2026-01-05T08:00:00Z,customer,Ana 1,,Sales,web,earlier,'].join('\n')}\n`);
    const oneU = report(unordered, '1');
    expect(oneU.status).toBe(0);
    expect(report(unordered, '2').json).toBe(oneU.json);
  });
});
