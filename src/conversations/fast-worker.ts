// The fast path's reader thread: reads the file and turns its bytes into row records (FastRowReader), handing
// each chunk's records and bytes to the main thread, which folds conversations and runs the metrics meanwhile.
// The batches live in shared memory and come back to be filled again; at most MAX_IN_FLIGHT batches wait on the
// main thread, so a slow fold holds the reader back instead of letting batches pile up in memory.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { FastPathAbort, type RowBatch } from './fast-batch.js';
import { FastRowReader } from './fast-messages.js';
import type { ReaderReply, ReaderRequest, ReaderStart } from './fast-threaded.js';
import { STANDBY } from './reader-thread.js';
import { fileBytes } from '../inputs/file-bytes.js';

/**
 * Eight batches of 256 KiB (2 MB of input): the main thread's work comes in bursts (idle conversations are folded
 * and measured every few hours of data), and with two the threads waited on each other a third of the time.
 */
const MAX_IN_FLIGHT = 8;
/**
 * NDJSON lines go over unparsed while fewer than this many messages wait on the main thread (1 GB: 3 and 5 alike,
 * about a fifth of the chunks; 2 hands over fewer and is slower, 0.84x the wall time without any). With ids
 * numbered on this thread (its share of the work larger), 5: 0.975x the wall time of 3 (4: 0.983x, 6: 0.980x).
 */
const HAND_OVER_BELOW = 5;
/** Chunks of 256 KiB: the segments alive at once (in flight, being filled, spare) stay a few MB. */
const CHUNK_BYTES = 256 * 1024;

async function run(port: NonNullable<typeof parentPort>, input: ReaderStart): Promise<void> {
  /** Messages posted to the main thread, and batches it gave back: their difference is what it holds. */
  let posted = 0;
  let returned = 0;
  let wake: (() => void) | undefined;
  let file = 0;
  let bytesRead = 0;
  const reader = new FastRowReader(input.options, (b: RowBatch) => {
    posted++;
    // shared memory (fast-batch.ts newRecords): the message carries views, not copies
    port.postMessage({ type: 'batch', batch: b, file, bytesRead } satisfies ReaderReply);
  }, input.delimiter, true);
  // NDJSON: a chunk's lines go over unparsed while the main thread has little else waiting (handLinesTo), so it
  // splits about as many as it has time for
  reader.handLinesTo({
    wanted: () => posted - Atomics.load(input.handled, 0) < HAND_OVER_BELOW,
    send: (bytes, line, header) => {
      posted++;
      port.postMessage({ type: 'lines', bytes, line, header, file, bytesRead } satisfies ReaderReply);
    },
  });
  port.on('message', (m: ReaderRequest) => {
    returned++;
    reader.recycle(m);
    wake?.();
  });
  const waitForRoom = async (): Promise<void> => {
    while (posted - returned >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => { wake = resolve; });
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

function start(port: NonNullable<typeof parentPort>, input: ReaderStart): void {
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
  if (workerData === STANDBY) port.once('message', (input: ReaderStart) => start(port, input));
  else start(port, workerData as ReaderStart);
}
