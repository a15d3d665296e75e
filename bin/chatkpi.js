#!/usr/bin/env node
// A small young generation and a slower-growing old one keep memory flat on large exports at no cost in speed
// (1 GB benchmark file: peak RSS 142 MB without them, 108-130 MB with the young generation alone depending on
// when the collector ran, ~109 MB with both in every run; same wall time). V8 reads these flags at start-up only,
// so for large inputs (over 256 MB, standard input or a glob) the command re-runs itself once with them; other
// runs skip the ~0.1 s that costs (100 MB: 106 MB peak RSS without it). The growth factor is not a cap: a run
// that needs more memory still gets it. CHATKPI_NO_RESPAWN=1 never re-runs. The re-run also asks glibc for at
// most two malloc arenas (MALLOC_ARENA_MAX, ignored elsewhere): with the reader thread of large files, a third
// arena only held freed buffers (1 GB: 122 -> 116 MiB peak RSS, same time).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=20'];
const LARGE_BYTES = 256 * 1024 * 1024;
const args = process.argv.slice(2);

/** The bytes of the files named on the command line (options and missing paths count nothing). */
function fileBytes(argv) {
  let bytes = 0;
  for (const a of argv) {
    try {
      const s = statSync(a);
      if (s.isFile()) bytes += s.size;
    } catch {
      // not a file: an option value or a missing path, reported by the command itself
    }
  }
  return bytes;
}

function inputsMayBeLarge(argv) {
  return argv.some((a) => a === '-' || /[*?[]/.test(a)) || fileBytes(argv) > LARGE_BYTES;
}

if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size')) && process.env.CHATKPI_NO_RESPAWN === undefined && inputsMayBeLarge(args)) {
  const env = { MALLOC_ARENA_MAX: '2', ...process.env };
  const child = spawnSync(process.execPath, [...FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit', env });
  process.exitCode = child.status ?? (child.signal ? 128 + (constants.signals[child.signal] ?? 0) : 4);
} else {
  // `chatkpi events x | head`: the reader left; stop quietly, as Unix tools do, instead of a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  // A report on a large file reads it on a second thread: started now, it loads while this thread loads the CLI
  // (1 GB report: ~70 ms sooner to its first row). Only the named files count: a glob or stdin starts it later.
  if (args[0] === 'report' || args[0] === 'check') {
    const { startReaderEarly } = await import('../dist/bundle/reader-thread.js');
    startReaderEarly(fileBytes(args.slice(1)));
  }
  // One bundled file loads ~30 ms faster than the hundred modules tsc writes (dist/cli stays for debugging).
  const { run } = await import('../dist/bundle/main.js');
  process.exitCode = await run(args, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    isStderrTTY: Boolean(process.stderr.isTTY),
  });
}
