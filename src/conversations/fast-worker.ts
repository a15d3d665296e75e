// The fast path's reader thread: reads the file and turns its bytes into row records (FastRowReader), handing
// each chunk's records and bytes to the main thread, which folds conversations and runs the metrics meanwhile.
// The batches live in shared memory and come back to be filled again; at most MAX_IN_FLIGHT batches wait on the
// main thread, so a slow fold holds the reader back instead of letting batches pile up in memory.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { FastPathAbort, type RowBatch } from './fast-batch.js';
import { FastRowReader } from './fast-messages.js';
import type { ReaderReply, ReaderRequest, WorkerInput } from './fast-threaded.js';
import { STANDBY } from './reader-thread.js';
import { fileBytes } from '../inputs/file-bytes.js';

/**
 * Eight batches of 256 KiB (2 MB of input): the main thread's work comes in bursts (idle conversations are folded
 * and measured every few hours of data), and with two the threads waited on each other a third of the time.
 */
const MAX_IN_FLIGHT = 8;
/** Chunks of 256 KiB: the segments alive at once (in flight, being filled, spare) stay a few MB. */
const CHUNK_BYTES = 256 * 1024;

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let file = 0;
  let bytesRead = 0;
  const reader = new FastRowReader(input.options, (b: RowBatch) => {
    inFlight++;
    // shared memory (fast-batch.ts newRecords): the message carries views, not copies
    port.postMessage({ type: 'batch', batch: b, file, bytesRead } satisfies ReaderReply);
  }, input.delimiter, true);
  port.on('message', (m: ReaderRequest) => {
    inFlight--;
    reader.recycle(m);
    wake?.();
  });
  const waitForRoom = async (): Promise<void> => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => { wake = resolve; });
    wake = undefined;
  };
  for (; file < input.paths.length; file++) {
    const path = input.paths[file]!;
    if (file > 0) reader.nextFile();
    bytesRead = 0;
    if (input.gzipped[file]) {
      for await (const chunk of fileBytes(path, (n) => { bytesRead += n; }, CHUNK_BYTES)) {
        reader.push(chunk);
        await waitForRoom();
      }
      continue;
    }
    // A plain file is read synchronously (this thread has nothing else to do) straight into the segment that
    // goes to the main thread; the event loop turns only when the main thread is behind (its replies wait till then).
    const fd = openSync(path, 'r');
    try {
      const read = (into: Buffer, offset: number, length: number): number => {
        const n = readSync(fd, into, offset, length, null);
        bytesRead += n;
        return n;
      };
      while (reader.fill(read, CHUNK_BYTES)) await waitForRoom();
    } finally {
      closeSync(fd);
    }
  }
  file = input.paths.length - 1;
  reader.end();
  port.postMessage({ type: 'end', fileStats: reader.fileStats, file, bytesRead } satisfies ReaderReply);
}

function start(port: NonNullable<typeof parentPort>, input: WorkerInput): void {
  run(port, input).then(
    () => port.close(),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      port.postMessage({ type: err instanceof FastPathAbort ? 'abort' : 'error', message, stack: err instanceof Error ? err.stack : undefined } satisfies ReaderReply);
      port.close();
    },
  );
}

const port = parentPort;
if (port !== null) {
  // started early (reader-thread.ts): the input comes as the first message
  if (workerData === STANDBY) port.once('message', (input: WorkerInput) => start(port, input));
  else start(port, workerData as WorkerInput);
}
