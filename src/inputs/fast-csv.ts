// The fast CSV path: a byte-level tokenizer over UTF-8 Buffer chunks that turns only the needed columns into
// strings. Same records, lines and skip decisions as csv-general.ts (test/inputs/differential.test.ts checks it).
//
// Semantics (those of csv-parse with relax_quotes, relax_column_count, skip_empty_lines and record delimiters
// CRLF | LF | CR):
// - a field is quoted only when its first byte is `"`; inside, `""` is a quote and line breaks are data;
// - a quote elsewhere in an unquoted field is a literal character;
// - bytes after a closing quote (`"ab"c`) make the whole field literal, as csv-parse does for a one-line field
//   (a multi-line field followed by junk is not promised to match csv-parse);
// - a line with no bytes is ignored; a row whose cell count differs from the header's is skipped. Every cell is
//   counted (the scan visits every byte anyway to find the record end, so counting costs one increment).
// A record cut by a chunk boundary is carried over and scanned again with the next chunk.
import { resolveFields, neededColumns } from './columns.js';
import { MutableCsvRow, raggedReason } from './csv-row.js';
import { unclosedQuote, type CsvReadOptions } from './csv-general.js';
import type { RecordSink } from './skips.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Node's unchecked slice bindings: several times cheaper than toString(encoding, start, end) for short cells. */
interface SliceBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

const HAS_SLICES = typeof (Buffer.prototype as Partial<SliceBuffer>).latin1Slice === 'function'
  && typeof (Buffer.prototype as Partial<SliceBuffer>).utf8Slice === 'function';

function decodeCell(buf: Buffer, start: number, end: number, highBits: number, doubled: boolean): string {
  if (start === end) return '';
  let v: string;
  if (HAS_SLICES) v = highBits < 128 ? (buf as SliceBuffer).latin1Slice(start, end) : (buf as SliceBuffer).utf8Slice(start, end);
  else v = buf.toString(highBits < 128 ? 'latin1' : 'utf8', start, end);
  return doubled ? v.replaceAll('""', '"') : v;
}

/** Signals that the buffer ends inside a record: keep its bytes and wait for the next chunk. */
const INCOMPLETE = -1;

export class FastCsvTokenizer {
  /** Line where the next byte is (1-based). */
  private line = 1;
  private header: string[] | undefined;
  private need: Uint8Array = new Uint8Array(0);
  private row: MutableCsvRow | undefined;
  private readonly cells: (string | undefined)[] = [];
  private readonly delim: number;

  constructor(
    private readonly options: CsvReadOptions,
    private readonly sink: RecordSink,
  ) {
    this.delim = options.delimiter.charCodeAt(0);
  }

  get headers(): readonly string[] | undefined {
    return this.header;
  }

  private onHeader(count: number): void {
    const header = this.cells.slice(0, count).map((h) => (h ?? '').replace(/^\uFEFF/, '').trim());
    this.header = header;
    const mapping = this.options.fields ? resolveFields(this.options.fields, header) : new Map();
    this.need = new Uint8Array(header.length);
    for (const i of neededColumns(mapping)) this.need[i] = 1;
    this.cells.length = 0;
    for (let i = 0; i < header.length; i++) this.cells.push(undefined);
    this.row = new MutableCsvRow(mapping);
    this.row.cells = this.cells;
  }

  /**
   * Tokenizes the complete records of `buf` and returns where the unfinished one starts (buf.length when none).
   * With `final`, the end of `buf` ends the last record.
   */
  feed(buf: Buffer, final: boolean): number {
    const n = buf.length;
    const d = this.delim;
    const cells = this.cells;
    let p = 0;
    let line = this.line;
    while (p < n) {
      const recStart = p;
      const recLine = line;
      let c = buf[p]!;
      if (c === LF) {
        p++;
        line++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= n && !final) break;
        p += buf[p + 1] === LF ? 2 : 1;
        line++;
        continue;
      }
      const decodeAll = this.header === undefined;
      const need = this.need;
      let col = 0;
      let complete = true;
      for (;;) {
        let start: number;
        let end: number;
        let hi = 0;
        let doubled = false;
        if (p < n && buf[p] === QUOTE) {
          const fieldLine = line;
          const open = p;
          p++;
          start = p;
          let closed = false;
          while (p < n) {
            c = buf[p]!;
            if (c === QUOTE) {
              if (p + 1 >= n) {
                if (!final) break;
                closed = true;
                break;
              }
              if (buf[p + 1] === QUOTE) {
                doubled = true;
                p += 2;
                continue;
              }
              closed = true;
              break;
            }
            if (c === LF) line++;
            else if (c === CR) {
              if (p + 1 >= n && !final) break;
              if (buf[p + 1] !== LF) line++;
            }
            hi |= c;
            p++;
          }
          if (!closed) {
            if (!final) {
              complete = false;
              break;
            }
            throw unclosedQuote(this.options.file, recLine);
          }
          end = p;
          p++;
          const after = p < n ? buf[p]! : -1;
          if (after !== d && after !== LF && after !== CR && after !== -1) {
            // `"ab"c`: csv-parse (relax_quotes) keeps the field as written; rescan it unquoted.
            p = open;
            line = fieldLine;
            start = p;
            hi = 0;
            doubled = false;
            while (p < n) {
              c = buf[p]!;
              if (c === d || c === LF || c === CR) break;
              hi |= c;
              p++;
            }
            end = p;
          }
        } else {
          start = p;
          while (p < n) {
            c = buf[p]!;
            if (c === d || c === LF || c === CR) break;
            hi |= c;
            p++;
          }
          end = p;
        }
        if (p >= n && !final) {
          complete = false;
          break;
        }
        if (decodeAll || need[col] === 1) cells[col] = decodeCell(buf, start, end, hi, doubled);
        col++;
        if (p >= n) break;
        c = buf[p]!;
        if (c === d) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= n && !final) {
            complete = false;
            break;
          }
          p += buf[p + 1] === LF ? 2 : 1;
        } else p++;
        line++;
        break;
      }
      if (!complete) {
        this.line = recLine;
        return recStart;
      }
      this.emit(recLine, col);
    }
    this.line = line;
    return p;
  }

  private emit(line: number, count: number): void {
    if (this.header === undefined) {
      this.onHeader(count);
      return;
    }
    if (count !== this.header.length) {
      this.sink.skip(line, raggedReason(count, this.header.length));
      return;
    }
    const row = this.row!;
    row.line = line;
    this.sink.deliver(row);
  }
}
void INCOMPLETE;

export async function readCsvFast(chunks: AsyncIterable<Buffer>, options: CsvReadOptions, sink: RecordSink): Promise<number> {
  const tokenizer = new FastCsvTokenizer(options, sink);
  let carry: Buffer | undefined;
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const used = tokenizer.feed(buf, false);
    carry = used < buf.length ? buf.subarray(used) : undefined;
  }
  if (carry !== undefined) tokenizer.feed(carry, true);
  return bytes;
}
