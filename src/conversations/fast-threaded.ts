// The fast path on two threads: a worker reads and tokenizes (fast-worker.ts), this thread folds conversations
// and runs the metric folds. The split is a pipeline over batches of row records in time order, not byte ranges
// of the file, so quoted line breaks and conversations spanning a range never need stitching.
import { FastPathAbort, type RowBatch } from './fast-batch.js';
import { FastConversationFold, FastRowReader, type FastFoldOptions, type FastReaderOptions, type ReaderStats } from './fast-messages.js';
import { takeReader } from './reader-thread.js';

export interface WorkerInput {
  /** The files of one export, read one after the other. */
  paths: string[];
  /** Which of them are gzipped (as the input layer found when it opened them). */
  gzipped: boolean[];
  options: FastReaderOptions;
  delimiter: ',' | ';' | '\t';
}

/** What the reader thread is sent. */
export interface ReaderStart extends WorkerInput {
  /**
   * How many of the reader's messages this thread has handled, written here after each: the reader's own count of
   * replies lags, since it reads on without turning its event loop until it must wait.
   */
  handled: Int32Array;
}

/** Reader → main thread. */
export type ReaderReply =
  | { type: 'batch'; batch: RowBatch; file: number; bytesRead: number }
  // whole NDJSON lines for this thread to split (FastRowReader.handLinesTo)
  | { type: 'lines'; bytes: Uint8Array; line: number; header: Uint8Array | undefined; file: number; bytesRead: number }
  | { type: 'end'; fileStats: ReaderStats[]; file: number; bytesRead: number }
  | { type: 'abort' | 'error'; message: string; stack?: string | undefined };

/** Main thread → reader: a batch's arrays, folded, to fill again (only the bytes of handed-over lines). */
export type ReaderRequest = Pick<RowBatch, 'bytes'> & Partial<Pick<RowBatch, 'ints' | 'times' | 'region'>>;

export interface ThreadedRun {
  /** Each file's counts, in order. */
  fileStats: ReaderStats[];
  peakOpen: number;
}

/** Runs the reader on `script`'s thread and the fold here; rejects with FastPathAbort when the general path must run. */
export function foldOnTwoThreads(
  script: URL,
  input: WorkerInput,
  foldOptions: FastFoldOptions,
  onProgress: (file: number, bytesRead: number) => void,
): Promise<ThreadedRun> {
  const fold = new FastConversationFold(foldOptions);
  const handled = new Int32Array(new SharedArrayBuffer(4));
  let handledCount = 0;
  const worker = takeReader(script, { ...input, handled } satisfies ReaderStart);
  // NDJSON lines handed over by the reader: split here, in file order with the reader's batches
  let lines: FastRowReader | undefined;
  /** The counts of those lines, by file (added to the reader's at the end). */
  const lineStats = new Map<number, ReaderStats>();
  return new Promise<ThreadedRun>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (m: ReaderReply) => {
      if (settled) return;
      try {
        if (m.type === 'batch') {
          fold.apply(m.batch);
          Atomics.store(handled, 0, ++handledCount);
          const { bytes, ints, times, region } = m.batch;
          worker.postMessage({ bytes, ints, times, region } satisfies ReaderRequest);
          onProgress(m.file, m.bytesRead);
        } else if (m.type === 'lines') {
          if (lines === undefined) {
            const side: FastRowReader = new FastRowReader({ ...input.options, numberIds: false }, (b) => {
              fold.apply(b, 1);
              side.recycle(b);
            }, input.delimiter, false, SIDE_CAPACITY);
            lines = side;
          }
          lines.takeLines(m.bytes, m.line, m.header);
          Atomics.store(handled, 0, ++handledCount);
          lineStats.set(m.file, lines.stats);
          worker.postMessage({ bytes: m.bytes } satisfies ReaderRequest);
          onProgress(m.file, m.bytesRead);
        } else if (m.type === 'end') {
          fold.finish();
          const fileStats = m.fileStats.map((s, k) => withLines(s, lineStats.get(k), input.options.maxSkipped));
          settled = true;
          onProgress(m.file, m.bytesRead);
          resolve({ fileStats, peakOpen: fold.peakOpen });
        } else if (m.type === 'abort') {
          fail(new FastPathAbort(m.message));
        } else {
          const err = new Error(`reader thread: ${m.message}`);
          if (m.stack !== undefined) err.stack = m.stack;
          fail(err);
        }
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
    worker.on('error', (err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
    worker.on('exit', (code) => fail(new Error(`reader thread exited (${code}) before the end of the input`)));
  });
}

/** Handed-over lines come a chunk at a time, as the reader reads them (fast-worker.ts CHUNK_BYTES), whole. */
const SIDE_CAPACITY = 320 << 10;

/**
 * A file's counts from both threads: the records and skipped rows of each, the first skipped rows in line order.
 * Each thread checks its own skipped rows against the limit as it goes; their sum is checked here.
 */
export function withLines(reader: ReaderStats, lines: ReaderStats | undefined, maxSkipped: number): ReaderStats {
  if (lines === undefined) return reader;
  const skipped = reader.skipped + lines.skipped;
  if (skipped > maxSkipped) throw new FastPathAbort('too many skipped rows: the general path reports them');
  const firstSkipped = [...reader.firstSkipped, ...lines.firstSkipped].sort((a, b) => a.line - b.line).slice(0, 20);
  return { records: reader.records + lines.records, skipped, firstSkipped };
}
