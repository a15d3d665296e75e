// The general CSV path: csv-parse's streaming API. Slower than fast-csv.ts, but the reference it is tested against.
import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { InputError } from '../errors.js';
import { resolveFields } from './columns.js';
import { MutableCsvRow, raggedReason } from './csv-row.js';
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
}

/** Maps csv-parse's own errors (unclosed quote...) to a located InputError. */
export function csvParseError(file: string, err: unknown, line: number): InputError | undefined {
  if (err instanceof Error && 'code' in err && typeof (err as { code: unknown }).code === 'string' && String((err as { code: string }).code).startsWith('CSV_')) {
    const code = (err as { code: string }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') return unclosedQuote(file, line);
    return new InputError('BAD_CSV', { file, line }, `cannot parse CSV: ${err.message}`, 'check the quoting around this line');
  }
  return undefined;
}

export function unclosedQuote(file: string, line: number): InputError {
  return new InputError('UNCLOSED_QUOTE', { file, line }, 'a quoted field opened here is never closed', 'check the quotes on this line; a quote inside a quoted field is written twice ("")');
}

export async function readCsvGeneral(chunks: AsyncIterable<Buffer>, options: CsvReadOptions, sink: RecordSink): Promise<number> {
  const parser = parse({ ...CSV_PARSE_OPTIONS, delimiter: options.delimiter, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter] });
  let bytes = 0;
  const counted = (async function* () {
    for await (const c of chunks) {
      bytes += c.length;
      yield c;
    }
  })();
  const input = Readable.from(counted);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let header: string[] | undefined;
  let row: MutableCsvRow | undefined;
  let nextLine = 1;
  let emptyBefore = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const { record, info } = item;
      const line = nextLine + (info.empty_lines - emptyBefore);
      emptyBefore = info.empty_lines;
      nextLine = line + 1 + breaksIn(record);
      if (header === undefined) {
        header = record.map((h) => h.replace(/^\uFEFF/, '').trim());
        row = new MutableCsvRow(options.fields ? resolveFields(options.fields, header) : new Map());
        continue;
      }
      if (record.length !== header.length) {
        sink.skip(line, raggedReason(record.length, header.length));
        continue;
      }
      row!.line = line;
      row!.cells = record;
      sink.deliver(row!);
    }
  } catch (err) {
    throw csvParseError(options.file, err, nextLine) ?? err;
  } finally {
    input.destroy();
  }
  return bytes;
}
