// JSON and NDJSON: sniffing the head, then streaming the records (a 1 GB array is never held in memory).
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import type { ParsedElementInfo, ParsedTokenInfo } from '@streamparser/json';
import { InputError } from '../errors.js';
import { badJson, errorPosition, isParserError, longestStringKey, pathMatches, readJsonScan, truncated } from './json-scan.js';
import { MAX_RECORD_BYTES, recordTooLarge } from './limits.js';
import type { RecordSink } from './skips.js';
import { utf8 } from './slices.js';

/** Deeper nesting is refused: no export nests that far, and recursive consumers would overflow the stack. */
export const MAX_JSON_DEPTH = 1000;
const SAMPLE_RECORDS = 50;

export interface JsonShape {
  /** array: each item of a top-level array; wrapper: each item of the array at wrapperPath; single: each document. */
  kind: 'array' | 'wrapper' | 'single';
  wrapperPath?: string[];
  /** wrapperPath joined with '.' (`chats`, `data.payload`). */
  wrapperKey?: string;
  topLevelKeys?: string[];
  records: unknown[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Byte offset → 1-based line, given the text before it. */
function lineAt(text: Buffer, offset: number): number {
  let line = 1;
  let i = text.indexOf(10);
  while (i >= 0 && i < offset) {
    line++;
    i = text.indexOf(10, i + 1);
  }
  return line;
}

interface Pipeline {
  write(chunk: Uint8Array): void;
  end(): void;
  /** Open containers at this point (> 0 at the end: truncated). */
  depth(): number;
  /** Offset of the last token, for error positions. */
  lastOffset(): number;
  /** Offset of the first token after the last recordDone() (-1: none yet): where the value being built starts. */
  recordStart(): number;
  recordDone(): void;
  /** The key of the last `"key":` seen, to name the field of a value still being read. */
  lastKey(): string | undefined;
}

/**
 * Tokenizer → token parser, with a depth guard in between. `separator: ''` accepts several documents back to
 * back or one per line (paged API dumps).
 */
function pipeline(file: string, paths: string[], keepStack: boolean, onValue: (info: ParsedElementInfo) => void): Pipeline {
  const tokenizer = new Tokenizer({ separator: '' });
  const parser = new TokenParser({ paths, keepStack, separator: '' });
  let depth = 0;
  let last = 0;
  let start = -1;
  let lastString: unknown;
  let key: unknown;
  tokenizer.onToken = (info: ParsedTokenInfo) => {
    const t = info.token;
    last = info.offset;
    if (start < 0 && t !== TokenType.COMMA) start = info.offset;
    // Two pointer stores per string and colon: the record limit's field name costs ~nothing per token.
    if (t === TokenType.STRING) lastString = info.value;
    else if (t === TokenType.COLON) key = lastString;
    else if (t === TokenType.LEFT_BRACE || t === TokenType.LEFT_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new InputError('JSON_TOO_DEEP', { file }, `JSON nested more than ${MAX_JSON_DEPTH} levels deep (at byte ${info.offset})`,
          'this does not look like a chat export; check the file');
      }
    } else if (t === TokenType.RIGHT_BRACE || t === TokenType.RIGHT_BRACKET) depth--;
    parser.write(info);
  };
  parser.onValue = onValue;
  return {
    write: (chunk) => tokenizer.write(chunk),
    end: () => tokenizer.end(),
    depth: () => depth,
    lastOffset: () => last,
    recordStart: () => start,
    recordDone: () => {
      start = -1;
    },
    lastKey: () => (typeof key === 'string' && key.length <= 200 ? key : undefined),
  };
}

/**
 * Parses the head of a JSON input: its shape (top-level array, wrapper key, single object), top-level keys
 * and the first records. Returns undefined when the text is not JSON at all (so it may be CSV).
 */
export function parseJsonHead(file: string, text: string, isComplete: boolean): JsonShape | undefined {
  const bytes = Buffer.from(text, 'utf8');
  let rootKind: 'array' | 'object' | undefined = undefined;
  let firstRoot: unknown;
  let documents = 0;
  const topKeys: string[] = [];
  const arrayItems: unknown[] = [];
  // Candidate wrapper paths → object items seen (across pages) and the first items.
  const candidates = new Map<string, { path: string[]; count: number; items: unknown[] }>();
  const p = pipeline(file, ['$', '$.*', '$.*.*', '$.*.*.*'], true, ({ value, key, parent, stack }) => {
    if (stack.length === 0) {
      if (documents++ === 0) firstRoot = value;
      return;
    }
    const keys = stack.slice(1).map((e) => String(e.key));
    if (documents === 0 && stack.length === 1 && typeof key === 'string' && !topKeys.includes(key)) topKeys.push(key);
    if (rootKind === 'array' && stack.length === 1) {
      if (arrayItems.length < SAMPLE_RECORDS) arrayItems.push(value);
      return;
    }
    if (rootKind === 'object' && Array.isArray(parent) && (stack.length === 2 || stack.length === 3) && isPlainObject(value)) {
      const id = keys.join('\u0000');
      let c = candidates.get(id);
      if (!c) candidates.set(id, (c = { path: keys, count: 0, items: [] }));
      c.count++;
      if (c.items.length < SAMPLE_RECORDS) c.items.push(value);
    }
  });
  // The first character decides the root kind (the parser emits nothing before a value completes).
  rootKind = text.trimStart().startsWith('[') ? 'array' : 'object';
  try {
    p.write(bytes);
    if (isComplete) p.end();
  } catch (err) {
    if (err instanceof InputError) throw err;
    // Garbage from the start: not JSON. Garbage later: a broken JSON file.
    if (p.lastOffset() < 2 && documents === 0) return undefined;
    if (isComplete && err instanceof Error && /ended in the middle/.test(err.message)) throw truncated(file, bytes.length, lineAt(bytes, bytes.length));
    const at = err instanceof Error ? errorPosition(err, p.lastOffset()) : p.lastOffset();
    throw badJson(file, err, at, lineAt(bytes, at));
  }
  if (isComplete && p.depth() > 0) throw truncated(file, bytes.length, lineAt(bytes, bytes.length));
  if (rootKind === 'array') return { kind: 'array', records: arrayItems };
  let best: { path: string[]; count: number; items: unknown[] } | undefined;
  // An object with an `id` is a record (a conversation with its messages), not a page around records.
  if (!topKeys.includes('id')) for (const c of candidates.values()) if (best === undefined || c.count > best.count) best = c;
  if (best === undefined) return { kind: 'single', records: firstRoot === undefined ? [] : [firstRoot], topLevelKeys: topKeys };
  const wrapperKey = best.path.join('.');
  return {
    kind: 'wrapper',
    wrapperPath: best.path,
    wrapperKey,
    topLevelKeys: topKeys.filter((k) => k !== best.path[0]),
    records: best.items,
  };
}

/**
 * Streams the records of a JSON input of the given shape into the sink. Returns the bytes read. Each record's bytes
 * are found by a scan and parsed once with JSON.parse (json-scan.ts; a 336 MB Intercom export: 24 -> 120 MB/s).
 */
export function readJson(file: string, shape: JsonShape, chunks: AsyncIterable<Buffer>, sink: RecordSink, maxRecordBytes = MAX_RECORD_BYTES): Promise<number> {
  return readJsonScan(file, shape, chunks, sink, maxRecordBytes);
}

/**
 * The streaming parser on every byte: the readable reference readJson is tested against (same records, same
 * errors). The parser holds one record (and the tokenizer one string) until it is delivered: past `maxRecordBytes`
 * that is RECORD_TOO_LARGE.
 */
export async function readJsonStream(file: string, shape: JsonShape, chunks: AsyncIterable<Buffer>, sink: RecordSink, maxRecordBytes = MAX_RECORD_BYTES): Promise<number> {
  let index = 0;
  // Lines are counted as the scan moves forward through the current chunk, so the line of each record's start
  // costs no second pass (a 1 MiB chunk of 5,000 records would otherwise be rescanned 5,000 times).
  let base = 0;
  let scanPos = 0;
  let scanLine = 1;
  let current: Buffer = Buffer.alloc(0);
  let startLine = 1;
  let startSeen = -1;
  const lineOf = (offset: number): number => {
    const rel = offset - base;
    if (rel > scanPos) {
      for (let i = current.indexOf(10, scanPos); i >= 0 && i < rel; i = current.indexOf(10, i + 1)) scanLine++;
      scanPos = Math.min(rel, current.length);
    }
    return scanLine;
  };
  const noteStart = (): number => {
    const start = p.recordStart();
    if (start >= 0 && start !== startSeen) {
      startSeen = start;
      startLine = lineOf(start);
    }
    return start;
  };
  const deliver = (value: unknown): void => {
    index++;
    // Lines only on the error: a record that spans chunks had its start line noted at the end of the first one.
    const start = p.recordStart();
    if (start >= 0 && p.lastOffset() - start >= maxRecordBytes && noteStart() >= 0) throw recordTooLarge(file, startLine, maxRecordBytes, `JSON record ${index}`, longestStringKey(value));
    p.recordDone();
    sink.deliver({ kind: 'json', line: index, value });
  };
  let p: Pipeline;
  if (shape.kind === 'array') {
    p = pipeline(file, ['$.*'], false, ({ value, stack }) => {
      if (stack.length === 1) deliver(value);
    });
  } else if (shape.kind === 'wrapper' && shape.wrapperPath) {
    const path = shape.wrapperPath;
    p = pipeline(file, [path.length === 1 ? '$.*.*' : '$.*.*.*'], false, ({ value, parent, stack }) => {
      if (Array.isArray(parent) && pathMatches(stack, path)) deliver(value);
    });
  } else {
    p = pipeline(file, ['$'], false, ({ value }) => deliver(value));
  }
  let bytes = 0;
  let lines = 1;
  let linesBefore = 1;
  try {
    for await (const chunk of chunks) {
      current = chunk;
      base = bytes;
      scanPos = 0;
      linesBefore = lines;
      p.write(chunk);
      // Still inside one record (or one string) after this chunk: stop before it grows past the limit.
      const start = noteStart();
      if (bytes + chunk.length - (start >= 0 ? start : p.lastOffset()) > maxRecordBytes) {
        throw recordTooLarge(file, start >= 0 ? startLine : lineOf(p.lastOffset()), maxRecordBytes, `JSON record ${index + 1}`, p.lastKey());
      }
      bytes += chunk.length;
      lines = lineOf(bytes);
    }
    p.end();
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (isParserError(err)) {
      const at = errorPosition(err, p.lastOffset());
      throw err instanceof Error && /ended in the middle/.test(err.message)
        ? truncated(file, bytes, lines)
        : badJson(file, err, at, linesBefore + lineAt(current, at - bytes) - 1);
    }
    throw err;
  }
  if (p.depth() > 0) throw truncated(file, bytes, lines);
  return bytes;
}

/**
 * NDJSON: one value per line; a line that does not parse is skipped and counted. Returns the bytes read. A line
 * longer than `maxRecordBytes` is RECORD_TOO_LARGE (the whole file on one line would otherwise be held).
 */
export async function readNdjson(chunks: AsyncIterable<Buffer>, sink: RecordSink, file = '-', maxRecordBytes = MAX_RECORD_BYTES): Promise<number> {
  let carry: Buffer | undefined;
  // A line longer than a chunk waits here in pieces and is joined once, when its end comes.
  let waiting: Buffer[] = [];
  let waitingBytes = 0;
  let line = 0;
  let bytes = 0;
  const tooLarge = (): Error => recordTooLarge(file, line + 1, maxRecordBytes, 'the line starting here');
  const handle = (buf: Buffer, start: number, end: number): void => {
    if (end - start > maxRecordBytes) throw tooLarge();
    line++;
    if (end > start && buf[end - 1] === 13) end--;
    let s = start;
    while (s < end && (buf[s] === 32 || buf[s] === 9)) s++;
    if (s === end) return;
    let value: unknown;
    try {
      value = JSON.parse(utf8(buf, s, end));
    } catch (err) {
      sink.skip(line, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    sink.deliver({ kind: 'json', line, value });
  };
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (carry !== undefined && chunk.indexOf(10) < 0) {
      waiting.push(chunk);
      waitingBytes += chunk.length;
      if (carry.length + waitingBytes > maxRecordBytes) throw tooLarge();
      continue;
    }
    const buf = carry ? Buffer.concat([carry, ...waiting, chunk]) : chunk;
    waiting = [];
    waitingBytes = 0;
    let start = 0;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, start)) {
      handle(buf, start, nl);
      start = nl + 1;
    }
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
    if (carry !== undefined && carry.length > maxRecordBytes) throw tooLarge();
  }
  if (carry) handle(waiting.length > 0 ? Buffer.concat([carry, ...waiting]) : carry, 0, carry.length + waitingBytes);
  return bytes;
}
