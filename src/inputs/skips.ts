// Delivery of records to the adapter: a FieldError skips the record (counted, located); too many is an InputError.
import { FieldError, InputError } from '../errors.js';
import type { RawRecord } from './types.js';

export interface SkippedRow {
  line: number;
  field?: string;
  reason: string;
}

export interface ReadStats {
  /** Records the adapter accepted. */
  records: number;
  skipped: number;
  /** The first 20 skipped rows, in file order. */
  firstSkipped: SkippedRow[];
  /** UTF-8 content bytes read (after gunzip and transcoding). */
  bytes: number;
}

const KEEP_SKIPPED = 20;

export class RecordSink {
  records = 0;
  skipped = 0;
  readonly firstSkipped: SkippedRow[] = [];

  constructor(
    private readonly file: string,
    private readonly maxSkipped: number,
    private readonly onRecord: (record: RawRecord) => void,
  ) {}

  deliver(record: RawRecord): void {
    try {
      this.onRecord(record);
    } catch (err) {
      if (err instanceof FieldError) {
        this.skip(record.line, err.message, err.field);
        return;
      }
      throw err;
    }
    this.records++;
  }

  skip(line: number, reason: string, field?: string): void {
    this.skipped++;
    if (this.firstSkipped.length < KEEP_SKIPPED) this.firstSkipped.push(field === undefined ? { line, reason } : { line, field, reason });
    if (this.skipped > this.maxSkipped) {
      const first = this.firstSkipped.slice(0, 3).map((s) => `line ${s.line}: ${s.field !== undefined ? `field "${s.field}": ` : ''}${s.reason}`).join('; ');
      throw new InputError('TOO_MANY_BAD_ROWS', { file: this.file }, `more than ${this.maxSkipped} rows skipped (first: ${first})`,
        'fix the rows named above, check that the right adapter was chosen (--adapter), or allow more with --max-skipped N');
    }
  }

  stats(bytes: number): ReadStats {
    return { records: this.records, skipped: this.skipped, firstSkipped: [...this.firstSkipped], bytes };
  }
}
