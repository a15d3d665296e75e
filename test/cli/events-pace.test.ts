// `chatkpi events big.csv | slow-consumer`: the events wait in the export, not in memory. The run reads on only
// when stdout has room, so what is buffered stays about one chunk's events however large the input.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

const generator = '../shared/bench/gen-messages.mjs';

describe.skipIf(!existsSync(generator))('events into a slow pipe', () => {
  it('buffers a bounded share of the output, and still writes every event', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chatkpi-pace-')), 'msgs.csv');
    writeFileSync(file, execFileSync(process.execPath, [generator, '--rows', '60000', '--seed', '5'], { maxBuffer: 1 << 26 }));
    let written = 0;
    let lines = 0;
    let maxBuffered = 0;
    // A consumer that takes each write a moment later, like a pipe to a slower process.
    const stdout = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        setTimeout(cb, 0);
      },
    });
    const track = setInterval(() => { maxBuffered = Math.max(maxBuffered, stdout.writableLength); }, 1);
    const stderr = new Writable({ write(_c, _e, cb) { cb(); } });
    const code = await run(['events', file, '--no-text'], { stdin: Readable.from([]), stdout, stderr, env: {}, isTTY: false, isStderrTTY: false });
    await new Promise<void>((resolve) => stdout.end(resolve));
    clearInterval(track);
    expect(code).toBe(0);
    expect(lines).toBeGreaterThan(60_000); // every message is an event, and more (created, ended...)
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(written / 4);
  }, 60_000);
});
