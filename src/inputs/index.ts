// The input layer's API: resolve paths and globs, open (sniff a head), read records into an adapter.
import { InputError } from '../errors.js';
import { readCsvFast } from './fast-csv.js';
import type { JsonShape } from './json.js';
import { resolveInputs, type InputSource } from './resolve.js';
import { RecordSink, type ReadStats, type SkippedRow } from './skips.js';
import { sniff, toSample } from './sniff.js';
import { contentChunks, decodeHead, HEAD_BYTES, rawChunks, readRawHead } from './source.js';
import type { ColumnMatcher, Encoding, RawRecord, Sample } from './types.js';

export { resolveInputs, type InputSource, type ReadStats, type SkippedRow };
export { resolveFields, neededColumns, normalizeHeader, type FieldMapping } from './columns.js';

interface OpenState {
  gzip: boolean;
  encoding: Encoding;
  hasBom: boolean;
  json?: JsonShape;
  /** stdin only: the raw head already taken from the stream, and the rest of it. */
  replay?: { chunks: Buffer[]; rest: AsyncIterator<unknown> | undefined };
  consumed: boolean;
}

export interface OpenedInput {
  source: InputSource;
  sample: Sample;
  /** @internal reader state; not for adapters. */
  readonly state: OpenState;
}

/**
 * Reads the head of an input (about 64 KiB), decodes it (gzip, BOM, UTF-16) and sniffs its format. Stdin's
 * head is kept and replayed by readRecords; a file is read again from the start.
 */
export async function openInput(source: InputSource, stdin: NodeJS.ReadableStream): Promise<OpenedInput> {
  let chunks: Buffer[];
  let done: boolean;
  let rest: AsyncIterator<unknown> | undefined;
  if (source.isStdin) {
    const it = (stdin as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    ({ chunks, done } = await readRawHead(it, HEAD_BYTES));
    rest = done ? undefined : it;
  } else {
    const stream = rawChunks(source);
    const it = stream[Symbol.asyncIterator]();
    try {
      ({ chunks, done } = await readRawHead(it, HEAD_BYTES));
    } catch (err) {
      throw new InputError('UNREADABLE', { file: source.path }, `cannot read: ${err instanceof Error ? err.message : String(err)}`, 'check the file permissions');
    } finally {
      await it.return?.();
    }
  }
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) throw new InputError('EMPTY_FILE', { file: source.path }, 'the file is empty', 'check the export finished; an empty export has nothing to audit');
  const head = await decodeHead(source.path, raw, done);
  const sniffed = sniff(source.path, head.bytes.toString('utf8'), head.isComplete);
  const state: OpenState = { gzip: head.gzip, encoding: head.encoding, hasBom: head.hasBom, consumed: false };
  if (sniffed.json) state.json = sniffed.json;
  if (source.isStdin) state.replay = { chunks, rest };
  return { source, sample: toSample(source.path, sniffed, head.encoding, head.hasBom), state };
}

export interface ReadOptions {
  /** More skipped rows than this → InputError TOO_MANY_BAD_ROWS (exit 3), naming the first reasons. */
  maxSkipped: number;
  /** Throttled: at most every 100 ms, and once at the end. */
  onProgress?(bytesRead: number, totalBytes: number | undefined): void;
  /** auto = the byte-level reader (fast-csv.ts); csv-parse = the general reader. */
  csvEngine?: 'auto' | 'fast' | 'csv-parse';
  /** Largest record (row, JSON record, NDJSON line) before RECORD_TOO_LARGE; default MAX_RECORD_BYTES (limits.ts). */
  maxRecordBytes?: number;
  /**
   * Asked after each chunk: a promise to wait for before reading on (a consumer that is behind, e.g. a full pipe),
   * undefined to go on at once. What the records became must not pile up in memory faster than it leaves.
   */
  pace?(): Promise<void> | undefined;
}

/** The chunks, waiting between two whenever `pace` asks to. */
async function* paced<T>(chunks: AsyncIterable<T>, pace: () => Promise<void> | undefined): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    yield chunk;
    const wait = pace();
    if (wait !== undefined) await wait;
  }
}

const PROGRESS_MS = 100;

function throttle(onProgress: ReadOptions['onProgress'], total: number | undefined): ((bytes: number) => void) | undefined {
  if (!onProgress) return undefined;
  let last = 0;
  return (bytes) => {
    const now = Date.now();
    if (now - last >= PROGRESS_MS) {
      last = now;
      onProgress(bytes, total);
    }
  };
}

/**
 * Streams every record of an opened input to `onRecord` (synchronously, one at a time). A FieldError thrown by
 * onRecord skips that record (counted, located); other errors propagate. A file may be read again; stdin once.
 */
export async function readRecords(
  input: OpenedInput,
  fields: Readonly<Record<string, ColumnMatcher>> | undefined,
  onRecord: (record: RawRecord) => void,
  options: ReadOptions,
): Promise<ReadStats> {
  const { source, sample, state } = input;
  if (source.isStdin && state.consumed) {
    throw new InputError('STDIN_REREAD', { file: '-' }, 'standard input can be read only once', 'save the input to a file and pass its path');
  }
  state.consumed = true;
  let rawBytes = 0;
  const progress = throttle(options.onProgress, source.size);
  const content = contentChunks(rawChunks(source, state.replay), {
    file: source.path,
    gzip: state.gzip,
    encoding: state.encoding,
    hasBom: state.hasBom,
    onRawBytes: (n) => {
      rawBytes = n;
      progress?.(n);
    },
  });
  const chunks = options.pace ? paced(content, options.pace) : content;
  const sink = new RecordSink(source.path, options.maxSkipped, onRecord);
  let bytes: number;
  switch (sample.format) {
    case 'csv': {
      const csv = { file: source.path, delimiter: sample.delimiter ?? ',', fields, ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}) };
      // csv-parse and the streaming JSON parser load only when a file needs them: start-up is part of every run.
      bytes = options.csvEngine === 'csv-parse' ? await (await import('./csv-general.js')).readCsvGeneral(chunks, csv, sink) : await readCsvFast(chunks, csv, sink);
      break;
    }
    case 'json':
      bytes = await (await import('./json.js')).readJson(source.path, state.json ?? { kind: 'single', records: [] }, chunks, sink, options.maxRecordBytes);
      break;
    case 'ndjson':
      bytes = await (await import('./json.js')).readNdjson(chunks, sink, source.path, options.maxRecordBytes);
      break;
  }
  options.onProgress?.(rawBytes, source.size);
  return sink.stats(bytes);
}
