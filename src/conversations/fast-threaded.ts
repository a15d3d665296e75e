// The fast path on two threads: a worker reads and tokenizes (fast-worker.ts), this thread folds conversations
// and runs the metric folds. The split is a pipeline over batches of row records in time order, not byte ranges
// of the file, so quoted line breaks and conversations spanning a range never need stitching.
import { FastPathAbort, type RowBatch } from './fast-batch.js';
import { FastConversationFold, type FastFoldOptions, type FastReaderOptions, type ReaderStats } from './fast-messages.js';
import { takeReader } from './reader-thread.js';

export interface WorkerInput {
  /** The files of one export, read one after the other. */
  paths: string[];
  /** Which of them are gzipped (as the input layer found when it opened them). */
  gzipped: boolean[];
  options: FastReaderOptions;
  delimiter: ',' | ';' | '\t';
}

/** Reader → main thread. */
export type ReaderReply =
  | { type: 'batch'; batch: RowBatch; file: number; bytesRead: number }
  | { type: 'end'; fileStats: ReaderStats[]; file: number; bytesRead: number }
  | { type: 'abort' | 'error'; message: string; stack?: string | undefined };

/** Main thread → reader: a batch's arrays, folded, to fill again. */
export type ReaderRequest = Omit<RowBatch, 'count' | 'names'>;

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
  const worker = takeReader(script, input);
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
          const { bytes, ints, times } = m.batch;
          worker.postMessage({ bytes, ints, times } satisfies ReaderRequest);
          onProgress(m.file, m.bytesRead);
        } else if (m.type === 'end') {
          fold.finish();
          settled = true;
          onProgress(m.file, m.bytesRead);
          resolve({ fileStats: m.fileStats, peakOpen: fold.peakOpen });
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
