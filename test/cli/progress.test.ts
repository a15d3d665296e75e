import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import type { Io } from '../../src/cli/io.js';
import { colorAllowed } from '../../src/cli/io.js';

function io(isStderrTTY: boolean): { io: Io; text: () => string } {
  const chunks: string[] = [];
  const stderr = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c.toString()); cb(); } });
  return { io: { stdin: process.stdin, stdout: stderr, stderr, env: {}, isTTY: false, isStderrTTY }, text: () => chunks.join('') };
}

describe('progress bar', () => {
  it('draws on a terminal stderr for a large input, then clears its line', () => {
    vi.useFakeTimers();
    const t = io(true);
    const p = createProgress(t.io, true);
    vi.setSystemTime(Date.now() + 1000);
    p.update('export.csv', 50e6, 100e6);
    p.done();
    vi.useRealTimers();
    expect(t.text()).toMatch(/export\.csv \[#{15}-{15}\]  50% \d+ MB\/s/);
    expect(t.text()).toMatch(/\r\x1b\[2K$/);
  });

  it('never in a pipe, with --quiet, or for a small file', () => {
    for (const [tty, enabled, total] of [[false, true, 100e6], [true, false, 100e6], [true, true, 1e6]] as const) {
      const t = io(tty);
      const p = createProgress(t.io, enabled);
      p.update('x.csv', total / 2, total);
      p.done();
      expect(t.text()).toBe('');
    }
  });
});

describe('colour', () => {
  it('only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces it', () => {
    const base = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    expect(colorAllowed({ ...base, env: {}, isTTY: true }, false)).toBe(true);
    expect(colorAllowed({ ...base, env: {}, isTTY: false }, false)).toBe(false);
    expect(colorAllowed({ ...base, env: { NO_COLOR: '' }, isTTY: true }, false)).toBe(false);
    expect(colorAllowed({ ...base, env: {}, isTTY: true }, true)).toBe(false);
    expect(colorAllowed({ ...base, env: { FORCE_COLOR: '1' }, isTTY: false }, false)).toBe(true);
  });
});
