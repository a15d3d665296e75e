// Size limits of the readers: one record is held whole while it is parsed, so its size bounds the memory a
// hostile file can take (issue 6: a 50 MB field, a JSON nested 10,000 levels deep; exit 3, never out of memory).
import { InputError } from '../errors.js';

/**
 * Largest record (a CSV row, a JSON record, an NDJSON line) the readers accept. Chat messages are kilobytes; a
 * whole JSON conversation with every message rarely passes a few megabytes. 64 MiB lets a pasted 50 MB log
 * through while the copies a parser makes of one record (bytes, a string, the parsed value; measured ~5x the
 * record on the 50 MB shape) stay far below Node's default heap. CHATKPI_MAX_RECORD_BYTES changes it.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * Most delimiters on one physical line that csv-parse is given. It builds an array of every cell of a row before we
 * see it, so a 30 MB line of commas took 1.8 GB and 9 s (a 64 MB one would exhaust the heap). No export has 100,000
 * columns; the fast reader never makes the extra cells, so only the general reader checks.
 */
export const MAX_LINE_DELIMITERS = 100_000;

export const RECORD_LIMIT_ENV = 'CHATKPI_MAX_RECORD_BYTES';

/** The limit from the environment (a whole number of bytes, or with a K/M/G suffix), else the default. */
export function maxRecordBytesFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const text = env[RECORD_LIMIT_ENV]?.trim();
  if (text === undefined || text === '') return undefined;
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(text);
  const unit = m?.[2]?.[0]?.toLowerCase();
  const bytes = m ? Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1) : Number.NaN;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : Number.NaN;
}

/** `64 MiB`, `512 KiB`, `100 bytes`: how limits read in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The one error every reader throws for an oversized record (exit 3, CONTRACT.md). */
export function recordTooLarge(file: string, line: number, limit: number, what: string, field?: string): InputError {
  return new InputError('RECORD_TOO_LARGE', { file, line, ...(field !== undefined ? { field } : {}) },
    `${what} is larger than ${formatBytes(limit)}, the limit for one record`,
    `check the export is not damaged (an unclosed quote reads the rest of the file as one field); to accept it, set ${RECORD_LIMIT_ENV} (e.g. ${RECORD_LIMIT_ENV}=256M)`);
}
