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
import { isAscii } from 'node:buffer';
import { resolveFields, neededColumns } from './columns.js';
import { MutableCsvRow, raggedReason } from './csv-row.js';
import { unclosedQuote, type CsvReadOptions } from './csv-general.js';
import { MAX_RECORD_BYTES, recordTooLarge } from './limits.js';
import type { RecordSink } from './skips.js';
import { latin1, utf8 } from './slices.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
/**
 * V8 makes a substring of 13 or more characters a view on the whole 4 KiB block; a consumer that keeps it
 * (the sessionizer keeps events until their conversation is folded) would pin every block it came from: measured
 * 375 MB peak RSS on the 100 MB standard file through the general path. Such cells are decoded as their own copy.
 */
const SLICE_MIN = 13;

/**
 * Bytes are scanned as a latin1 string of one block of whole lines: V8's String#indexOf finds
 * delimiters several times faster than a byte loop, and a short cell is a substring (no call into C++ per cell).
 * A cell with a byte >= 0x80 is decoded from the Buffer as UTF-8 instead.
 *
 * Measured on the bench file (100 MB, 660,000 rows; get() on the 8 generic columns, message not needed), on a
 * shared 2-core machine: ~255 MB/s when cells of 13+ chars were substrings, ~150 MB/s now that they are copies
 * (SLICE_MIN: a kept substring pinned its whole block; the general path's report on the same file went from
 * 3.0 s / 378 MB to 2.3 s / 270 MB, the copies cost less than the garbage they spare); csv-parse on the same
 * machine: ~13-23 MB/s. Tried and dropped (slower here): a byte loop instead of indexOf, a per-column intern
 * table, 16/64 KiB blocks.
 */
const BLOCK = 4 * 1024;

export class FastCsvTokenizer {
  /** Line where the next byte is (1-based). */
  private line = 1;
  private header: string[] | undefined;
  private need: Uint8Array = new Uint8Array(0);
  private row: MutableCsvRow | undefined;
  private readonly cells: (string | undefined)[] = [];
  private readonly delim: number;
  private readonly delimChar: string;
  private readonly maxRecordBytes: number;

  constructor(
    private readonly options: CsvReadOptions,
    private readonly sink: RecordSink,
  ) {
    this.delim = options.delimiter.charCodeAt(0);
    this.delimChar = options.delimiter;
    this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
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
    let b0 = 0;
    let size = BLOCK;
    while (b0 < n) {
      let b1 = b0 + size;
      if (b1 >= n) b1 = n;
      else {
        const nl = buf.indexOf(LF, b1);
        b1 = nl < 0 ? n : nl + 1;
      }
      const blockFinal = final && b1 === n;
      const used = this.feedBlock(latin1(buf, b0, b1), buf, b0, blockFinal, isAscii(buf.subarray(b0, b1)));
      if (b1 === n) {
        if (used === 0 && n - b0 > this.maxRecordBytes) throw this.tooLarge(buf, b0, n);
        return b0 + used;
      }
      if (used === 0) {
        // One record longer than the block (a huge quoted field): widen it, up to the record limit.
        if (b1 - b0 > this.maxRecordBytes) throw this.tooLarge(buf, b0, b1);
        size *= 2;
      } else {
        b0 += used;
        size = BLOCK;
      }
    }
    return n;
  }

  /** Returns how many chars (= bytes) of `str` form complete records. */
  private feedBlock(str: string, buf: Buffer, base: number, final: boolean, ascii: boolean): number {
    const n = str.length;
    const d = this.delim;
    const dc = this.delimChar;
    const cells = this.cells;
    const hasCR = str.indexOf('\r') >= 0;
    const maxBytes = this.maxRecordBytes;
    let nextQuote = -2;
    let p = 0;
    let line = this.line;
    while (p < n) {
      const recStart = p;
      const recLine = line;
      let c = str.charCodeAt(p);
      if (c === LF) {
        p++;
        line++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= n && !final) break;
        p += str.charCodeAt(p + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      if (this.header !== undefined) {
        // Simple row: no quote and no stray CR before its LF. Split with indexOf, cut cells as substrings.
        const lineEnd = str.indexOf('\n', p);
        if (nextQuote !== -1 && nextQuote < p) nextQuote = str.indexOf('"', p);
        if (lineEnd >= 0 && (nextQuote === -1 || nextQuote > lineEnd)) {
          let end = lineEnd;
          let simple = true;
          if (hasCR) {
            const cr = str.indexOf('\r', p);
            if (cr === lineEnd - 1) end = cr;
            else if (cr >= 0 && cr < lineEnd) simple = false;
          }
          if (simple) {
            const need = this.need;
            let col = 0;
            for (;;) {
              let q = str.indexOf(dc, p);
              if (q < 0 || q > end) q = end;
              if (need[col] === 1) {
                if (q - p >= SLICE_MIN) cells[col] = ascii ? latin1(buf, base + p, base + q) : utf8(buf, base + p, base + q);
                else if (ascii) cells[col] = str.slice(p, q);
                else {
                  let hi = 0;
                  for (let i = p; i < q; i++) hi |= str.charCodeAt(i);
                  cells[col] = hi < 128 ? str.slice(p, q) : utf8(buf, base + p, base + q);
                }
              }
              col++;
              p = q + 1;
              if (q === end) break;
            }
            p = lineEnd + 1;
            line++;
            if (p - recStart > maxBytes) throw this.tooLarge(buf, base + recStart, base + p, recLine);
            this.emit(recLine, col);
            continue;
          }
        }
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
        if (p < n && str.charCodeAt(p) === QUOTE) {
          const fieldLine = line;
          const open = p;
          p++;
          start = p;
          let closed = false;
          while (p < n) {
            c = str.charCodeAt(p);
            if (c === QUOTE) {
              if (p + 1 >= n) {
                if (!final) break;
                closed = true;
                break;
              }
              if (str.charCodeAt(p + 1) === QUOTE) {
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
              if (str.charCodeAt(p + 1) !== LF) line++;
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
          const after = p < n ? str.charCodeAt(p) : -1;
          if (after !== d && after !== LF && after !== CR && after !== -1) {
            // `"ab"c`: csv-parse (relax_quotes) keeps the field as written; rescan it unquoted.
            p = open;
            line = fieldLine;
            start = p;
            hi = 0;
            doubled = false;
            while (p < n) {
              c = str.charCodeAt(p);
              if (c === d || c === LF || c === CR) break;
              hi |= c;
              p++;
            }
            end = p;
          }
        } else {
          start = p;
          while (p < n) {
            c = str.charCodeAt(p);
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
        if (decodeAll || need[col] === 1) {
          let v = start === end ? '' : hi < 128 && end - start < SLICE_MIN ? str.slice(start, end) : hi < 128 ? latin1(buf, base + start, base + end) : utf8(buf, base + start, base + end);
          if (doubled) v = v.replaceAll('""', '"');
          cells[col] = v;
        }
        col++;
        if (p >= n) break;
        c = str.charCodeAt(p);
        if (c === d) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= n && !final) {
            complete = false;
            break;
          }
          p += str.charCodeAt(p + 1) === LF ? 2 : 1;
        } else p++;
        line++;
        break;
      }
      if (!complete) {
        this.line = recLine;
        return recStart;
      }
      if (p - recStart > maxBytes) throw this.tooLarge(buf, base + recStart, base + p, recLine);
      this.emit(recLine, col);
    }
    this.line = line;
    return p;
  }

  /** The unfinished record at `start` already spans more than the limit: name its line and the open field. */
  tooLarge(buf: Buffer, start: number, end: number, line = this.line): Error {
    const col = columnAt(buf, start, Math.min(end, start + this.maxRecordBytes + 1), this.delim);
    const field = this.header === undefined ? undefined : this.header[col] ?? `column ${col + 1}`;
    return recordTooLarge(this.options.file, line, this.maxRecordBytes, this.header === undefined ? 'the header row' : 'the row starting here', field);
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

/** Index of the column open at `end` in the record starting at `start` (quotes as the tokenizer reads them). */
function columnAt(buf: Buffer, start: number, end: number, delim: number): number {
  let col = 0;
  let p = start;
  while (p < end) {
    if (buf[p] === QUOTE) {
      p++;
      while (p < end && !(buf[p] === QUOTE && buf[p + 1] !== QUOTE)) p += buf[p] === QUOTE ? 2 : 1;
      p++;
    }
    while (p < end && buf[p] !== delim && buf[p] !== LF && buf[p] !== CR) p++;
    if (p < end && buf[p] === delim) {
      col++;
      p++;
    } else break;
  }
  return col;
}

export async function readCsvFast(chunks: AsyncIterable<Buffer>, options: CsvReadOptions, sink: RecordSink): Promise<number> {
  const tokenizer = new FastCsvTokenizer(options, sink);
  const limit = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  let carry: Buffer | undefined;
  // A record longer than a chunk: its chunks wait here until they double the carry, so a 50 MB field is
  // joined and rescanned ~log2(50) times instead of once per 1 MiB chunk (measured 10.6 s before, 1.2 s after).
  let waiting: Buffer[] = [];
  let waitingBytes = 0;
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    let buf = chunk;
    if (carry !== undefined) {
      waiting.push(chunk);
      waitingBytes += chunk.length;
      if (waitingBytes < carry.length && carry.length + waitingBytes <= limit) continue;
      buf = Buffer.concat([carry, ...waiting]);
    }
    waiting = [];
    waitingBytes = 0;
    const used = tokenizer.feed(buf, false);
    carry = used < buf.length ? buf.subarray(used) : undefined;
    if (carry !== undefined && carry.length > limit) throw tokenizer.tooLarge(carry, 0, carry.length);
  }
  if (waiting.length > 0) carry = Buffer.concat([carry!, ...waiting]);
  if (carry !== undefined) tokenizer.feed(carry, true);
  return bytes;
}
