// What the input layer hands to adapters: a sample for detection, then records one by one.

export type InputFormat = 'csv' | 'json' | 'ndjson';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

/** The first bytes of one input, decoded and sniffed; adapters detect their format from it. */
export interface Sample {
  path: string;
  format: InputFormat;
  encoding: Encoding;
  hasBom: boolean;
  /** CSV only. */
  delimiter?: ',' | ';' | '\t';
  /** CSV: the header cells as written (BOM removed, trimmed). */
  headers?: readonly string[];
  /** CSV: the header lower-cased and trimmed, for matching. */
  normalizedHeaders?: readonly string[];
  /**
   * The first records: CSV rows as header → value objects; JSON items after unwrapping
   * (`{"chats":[...]}` → the chats); NDJSON lines. At most a few dozen.
   */
  records: readonly unknown[];
  /** JSON: the key that held the array of records (`chats`, `tickets`), absent for a top-level array. */
  wrapperKey?: string;
  /** JSON: the keys of the top-level object beside the array (`found_chats`, `next_page_id`, `count`). */
  topLevelKeys?: readonly string[];
}

/** One CSV row, reused between rows: read what you need inside toEvents, do not keep it. */
export interface CsvRow {
  kind: 'csv';
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  /** The value of one of the adapter's FIELDS; `undefined` when the file has no such column, '' when empty. */
  get(field: string): string | undefined;
  /** Every column an array matcher or RegExp matched, in header order, empty cells dropped. */
  getAll(field: string): string[];
}

/** One JSON item: an array element (conversation, ticket, message) or one NDJSON line. */
export interface JsonRecord {
  kind: 'json';
  /** NDJSON: the line; JSON: the 1-based index of the item in its array. */
  line: number;
  value: unknown;
}

export type RawRecord = CsvRow | JsonRecord;

/**
 * How an adapter names the columns it reads: a header name (case-insensitive, trimmed), a RegExp
 * tested against the lower-cased header, or a list of alternatives (first match wins for `get`,
 * all matches for `getAll`).
 */
export type ColumnMatcher = string | RegExp | readonly (string | RegExp)[];
