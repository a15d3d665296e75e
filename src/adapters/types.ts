// The adapter contract: one file per vendor export turns raw records into normalized events.
import type { ChatEvent } from '../events/types.js';
import type { ColumnMatcher, InputFormat, RawRecord, Sample } from '../inputs/types.js';

export interface Detection {
  /** 0 = not this format, 1 = certain. Scores above 0.5 are a match. */
  score: number;
  /** Why, in a few words: printed by `chatkpi inspect`. */
  reason: string;
}

export interface AdapterOptions {
  /** IANA zone for timestamps written without an offset (`--input-tz`, default UTC). */
  inputTz: string;
  /** Display names or ids that are bots although the export calls them agents (`--bot-names`). */
  botNames: ReadonlySet<string>;
  /** Keep message text on events (text metrics, `chatkpi events`); off on the hot path. */
  keepText: boolean;
}

export interface AdapterContext {
  file: string;
  options: AdapterOptions;
  /** CSV: the header a field resolved to (LiveChat writes the time zone into it). */
  columnName(field: string): string | undefined;
  /** Side tables shared by every file of one run (a users list read before the comments). */
  state: Map<string, unknown>;
  /** A note for `inputs[].warnings`, counted and deduplicated by message. */
  warn(message: string): void;
}

export interface Adapter {
  /** Stable id users type in `--adapter`; also the file name and the fixture folder. */
  id: string;
  vendor: string;
  formats: readonly InputFormat[];
  /** Where this export format is described. */
  docs: string;
  /**
   * CSV: our field name → the vendor column(s). Only these columns are decoded; the rest of a row is
   * skipped. `inspect` prints the resolved mapping.
   */
  fields?: Readonly<Record<string, ColumnMatcher>>;
  /** Fields without which a row means nothing; a file missing one of them is refused with its name. */
  requiredFields?: readonly string[];
  /**
   * Files of a multi-file export are read lowest first (a users list before the comments that need it);
   * default 0.
   */
  order?: number;
  detect(sample: Sample): Detection;
  /** Pure: one record → its events. Throws FieldError for a bad value (the row is skipped and counted). */
  toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[];
  /**
   * Called once after a file's last record, for formats whose events cannot be keyed until the whole file is
   * seen (replies that arrive before the message they answer).
   */
  finish?(ctx: AdapterContext): ChatEvent[];
}
