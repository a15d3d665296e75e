// Typed, located errors. Only src/cli maps them to exit codes (CONTRACT.md: 2 usage, 3 input).

export type ExitCode = 0 | 1 | 2 | 3 | 4;

/** Base of every error a user can cause. `code` is a stable string tests match on. */
export class ChatkpiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: 2 | 3,
    /** What the user can do about it; printed on the line after the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Exit 2: an option, target expression or config key is wrong. */
export class UsageError extends ChatkpiError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, 2, hint);
  }
}

export interface InputLocation {
  file: string;
  line?: number;
  field?: string;
}

/** Exit 3: a file is unreadable, of an unknown format, or has too many bad rows. */
export class InputError extends ChatkpiError {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  constructor(code: string, where: InputLocation, message: string, hint?: string) {
    super(code, formatLocated(where, message), 3, hint);
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/**
 * Thrown by an adapter for one bad record. The input layer catches it, counts the row as skipped
 * (with file and line) and goes on; past the threshold it becomes an InputError.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code = 'BAD_FIELD',
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/** `export.csv:128: field "Chat start": not a date` — compiler form, so editors can jump to it. */
export function formatLocated(where: InputLocation, message: string): string {
  const place = where.line !== undefined ? `${where.file}:${where.line}` : where.file;
  const field = where.field !== undefined ? ` field "${where.field}":` : '';
  return `${place}:${field} ${message}`;
}
