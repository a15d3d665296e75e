// The general CSV path: csv-parse's streaming API. Slower than fast-csv.ts, but the reference it is tested against.
import { parse } from 'csv-parse';
import { InputError } from '../errors.js';
import { resolveFields } from './columns.js';
import { MutableCsvRow, raggedReason } from './csv-row.js';
import { MAX_LINE_DELIMITERS, MAX_RECORD_BYTES, recordTooLarge } from './limits.js';
import type { RecordSink } from './skips.js';
import type { ColumnMatcher } from './types.js';

/** Line breaks inside a record's cells: CRLF, LF and a lone CR each count once, as they do in an editor. */
function breaksIn(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 10) n++;
      else if (c === 13) {
        n++;
        if (cell.charCodeAt(i + 1) === 10) i++;
      }
    }
  }
  return n;
}

export const CSV_PARSE_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  info: true,
} as const;

export interface CsvReadOptions {
  file: string;
  delimiter: string;
  fields: Readonly<Record<string, ColumnMatcher>> | undefined;
  /** A row longer than this is an InputError RECORD_TOO_LARGE (limits.ts); default MAX_RECORD_BYTES. */
  maxRecordBytes?: number;
  /** csv-parse only: more delimiters on one line is TOO_MANY_CELLS; default MAX_LINE_DELIMITERS. */
  maxLineDelimiters?: number;
}

/**
 * Counts delimiters per physical line ahead of csv-parse. A whole line shorter than the limit cannot pass it, so
 * only long lines and the unfinished one at a chunk's end are counted byte by byte: the rest costs an indexOf.
 */
class DelimiterGuard {
  private line = 1;
  /** Delimiters on the unfinished line so far (exact). */
  private run = 0;
  constructor(
    private readonly file: string,
    private readonly delimiter: number,
    private readonly max: number,
  ) {}

  scan(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(10, pos);
      const end = nl < 0 ? chunk.length : nl;
      if (nl < 0 || this.run + (end - pos) > this.max) this.count(chunk, pos, end);
      if (nl < 0) return;
      this.line++;
      this.run = 0;
      pos = nl + 1;
    }
  }

  private count(chunk: Buffer, start: number, end: number): void {
    const d = this.delimiter;
    let run = this.run;
    for (let i = start; i < end; i++) {
      if (chunk[i] === d && ++run > this.max) {
        throw new InputError('TOO_MANY_CELLS', { file: this.file, line: this.line }, `more than ${this.max} delimiters on one line`,
          'check the delimiter and the quoting of this line; no chat export has that many columns');
      }
    }
    this.run = run;
  }
}

/** Maps csv-parse's own errors (unclosed quote...) to a located InputError. */
export function csvParseError(file: string, err: unknown, line: number, header?: readonly string[], maxRecordBytes = MAX_RECORD_BYTES): InputError | undefined {
  if (err instanceof Error && 'code' in err && typeof (err as { code: unknown }).code === 'string' && String((err as { code: string }).code).startsWith('CSV_')) {
    const code = (err as { code: string }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') return unclosedQuote(file, line);
    if (code === 'CSV_MAX_RECORD_SIZE') {
      // csv-parse's context names the column being read (its index, as no `columns` option is set).
      const column = (err as { column?: unknown }).column;
      const field = typeof column === 'number' ? header?.[column] ?? `column ${column + 1}` : undefined;
      return recordTooLarge(file, line, maxRecordBytes, 'the row starting here', field);
    }
    return new InputError('BAD_CSV', { file, line }, `cannot parse CSV: ${err.message}`, 'check the quoting around this line');
  }
  return undefined;
}

export function unclosedQuote(file: string, line: number): InputError {
  return new InputError('UNCLOSED_QUOTE', { file, line }, 'a quoted field opened here is never closed', 'check the quotes on this line; a quote inside a quoted field is written twice ("")');
}

export async function readCsvGeneral(chunks: AsyncIterable<Buffer>, options: CsvReadOptions, sink: RecordSink): Promise<number> {
  let header: string[] | undefined;
  let row: MutableCsvRow | undefined;
  let nextLine = 1;
  let emptyBefore = 0;
  let failure: unknown;
  // on_record does the work synchronously and returns undefined, so csv-parse buffers nothing: ~4x faster
  // than iterating its stream of { record, info } objects.
  const onRecord = (record: string[], info: { empty_lines: number }): undefined => {
    if (failure !== undefined) return undefined;
    const line = nextLine + (info.empty_lines - emptyBefore);
    emptyBefore = info.empty_lines;
    nextLine = line + 1 + breaksIn(record);
    try {
      if (header === undefined) {
        header = record.map((h) => h.replace(/^\uFEFF/, '').trim());
        row = new MutableCsvRow(options.fields ? resolveFields(options.fields, header) : new Map());
      } else if (record.length !== header.length) {
        sink.skip(line, raggedReason(record.length, header.length));
      } else {
        row!.line = line;
        row!.cells = record;
        sink.deliver(row!);
      }
    } catch (err) {
      failure = err;
    }
    return undefined;
  };
  const { info: _info, ...base } = CSV_PARSE_OPTIONS;
  void _info;
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const parser = parse({
    ...base,
    delimiter: options.delimiter,
    record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter],
    // csv-parse buffers a row until it ends: this bounds that buffer (a 50 MB field, an unclosed quote).
    max_record_size: maxRecordBytes,
    on_record: onRecord,
  });
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.resume();
  let bytes = 0;
  const check = (): void => {
    if (failure !== undefined) throw csvParseError(options.file, failure, nextLine, header, maxRecordBytes) ?? failure;
  };
  const guard = new DelimiterGuard(options.file, options.delimiter.charCodeAt(0), options.maxLineDelimiters ?? MAX_LINE_DELIMITERS);
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      guard.scan(chunk);
      parser.write(chunk);
      check();
    }
    // A parser that failed while writing (max_record_size) has already emitted its error and will never finish.
    if (failure === undefined && !parser.destroyed) {
      await new Promise<void>((resolve) => {
        parser.once('finish', resolve);
        parser.once('error', () => resolve());
        parser.once('close', () => resolve());
        parser.end();
      });
    }
    check();
  } finally {
    parser.destroy();
  }
  return bytes;
}
