// Where the fast path's reader thread comes from: its script, and a thread started before the input is looked at.
// Kept apart from the rest of the fast path (no imports of it) so that bin/chatkpi.js can load it before the CLI's
// bundle: a worker takes ~80 ms to start and load its modules, which then overlap the main thread's own start-up
// (loading the CLI, reading the options, sniffing the input) instead of following it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Below this size a second thread costs more than it saves (quiet 2-core machine: 30 MB 6% slower, 61 MB 4% faster). */
export const THREADED_MIN_BYTES = 48 * 1024 * 1024;

/** The workerData of a thread started early: it waits for its WorkerInput as its first message. */
export const STANDBY = 'standby';

/** The reader makes little garbage (its buffers come back): a small young generation keeps its heap small. */
export const READER_OPTIONS: WorkerOptions = { resourceLimits: { maxYoungGenerationSizeMb: 2 } };

/**
 * The reader thread's script for an input of `bytes`, or undefined to stay on one thread: below
 * THREADED_MIN_BYTES, on a one-core machine, when not built (running from the TypeScript sources), or as
 * CHATKPI_THREADS says: 1 one thread always, 2 two threads at any size (measuring, tests).
 */
export function readerScript(bytes: number): URL | undefined {
  const setting = process.env['CHATKPI_THREADS'];
  if (setting === '1') return undefined;
  if (setting !== '2' && (bytes < THREADED_MIN_BYTES || availableParallelism() < 2)) return undefined;
  for (const rel of ['./fast-worker.js', './conversations/fast-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

let standby: { script: string; worker: Worker } | undefined;

/**
 * Starts the reader thread for an input of `bytes` (the files named on the command line; 0 when unknown) now, if
 * readerScript would give it one: it loads its modules and waits. Unused, it keeps nothing alive (unref) and
 * `releaseReader` ends it.
 */
export function startReaderEarly(bytes: number): void {
  if (standby !== undefined || bytes <= 0) return;
  const script = readerScript(bytes);
  if (script === undefined) return;
  let worker: Worker;
  try {
    worker = new Worker(script, { ...READER_OPTIONS, workerData: STANDBY });
  } catch {
    return; // the run starts its own when it needs one, and reports what goes wrong then
  }
  worker.unref();
  // A thread that failed to start is not used: takeReader() starts a fresh one, whose error is reported.
  worker.on('error', () => {
    if (standby?.worker === worker) standby = undefined;
  });
  standby = { script: script.href, worker };
}

/**
 * A reader thread for `script` sent `input`: the one started early when there is one for that script, else a new
 * one (started with the input as its workerData).
 */
export function takeReader(script: URL, input: unknown): Worker {
  const early = standby;
  standby = undefined;
  if (early !== undefined && early.script === script.href) {
    early.worker.ref();
    early.worker.postMessage(input);
    return early.worker;
  }
  if (early !== undefined) void early.worker.terminate();
  return new Worker(script, { ...READER_OPTIONS, workerData: input });
}

/** Ends a thread started early that nothing took (the general path ran, or one thread sufficed). */
export function releaseReader(): void {
  if (standby !== undefined) void standby.worker.terminate();
  standby = undefined;
}
