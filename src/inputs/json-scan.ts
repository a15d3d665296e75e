// Fast JSON records: a byte scan finds where each record starts and ends, JSON.parse builds it once, and only the
// document around the records goes through the streaming parser (issue 6: 8-12 MB/s with the parser on every byte).
import { isUtf8 } from 'node:buffer';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import type { ParsedElementInfo, ParsedTokenInfo } from '@streamparser/json';
import { InputError } from '../errors.js';
import { MAX_JSON_DEPTH, type JsonShape } from './json.js';
import { MAX_RECORD_BYTES, recordTooLarge } from './limits.js';
import type { RecordSink } from './skips.js';
import { utf8 } from './slices.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const OBJECT = 1;
const ARRAY = 2;
/** What the streaming parser sees in place of a record: one token, a value wherever a record may stand. */
const PLACEHOLDER = Buffer.from('null');

function countLines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE, start); i >= 0 && i < end; i = buf.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/**
 * The end of the chunk's valid UTF-8 when all of it is valid but a character cut by the chunk's end (one check per
 * chunk instead of one per record); 0 when some byte is invalid, and each record is then checked alone.
 */
function validUtf8Until(chunk: Buffer): number {
  let end = chunk.length;
  // Back over continuation bytes (10xxxxxx) to the last character's lead byte; drop it if its character is cut.
  let k = end - 1;
  while (k >= 0 && end - k <= 4 && (chunk[k]! & 0xc0) === 0x80) k--;
  if (k >= 0 && chunk[k]! >= 0xc0) {
    const lead = chunk[k]!;
    const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (end - k < size) end = k;
  }
  return isUtf8(end === chunk.length ? chunk : chunk.subarray(0, end)) ? end : 0;
}

export function truncated(file: string, bytes: number, line: number): InputError {
  return new InputError('TRUNCATED_JSON', { file, line }, `JSON ends early, inside an unfinished value (after byte ${bytes}, line ${line})`,
    'the export was probably cut off; download or export it again');
}

export function badJson(file: string, err: unknown, offset: number, line: number): InputError {
  // The parser's own positions count from the start of what it was given (a record, or the document without its
  // records), so only the file offset is kept.
  const msg = (err instanceof Error ? err.message : String(err)).replace(/ at chunk position "\d+" \(absolute position "\d+"\)/, '');
  return new InputError('BAD_JSON', { file, line }, `invalid JSON near byte ${offset}: ${msg}`, 'check the file is a complete JSON export');
}

function tooDeep(file: string, offset: number): InputError {
  return new InputError('JSON_TOO_DEEP', { file }, `JSON nested more than ${MAX_JSON_DEPTH} levels deep (at byte ${offset})`,
    'this does not look like a chat export; check the file');
}

/**
 * Where a parser error happened, in the parser's stream offsets: the tokenizer names the byte in its message (its
 * only record of it); the token parser names none, so the last token stands in. The last token can be far before
 * the byte at fault (a stray literal after a complete document: the previous document's last token).
 */
export function errorPosition(err: Error, lastToken: number): number {
  const m = /\(absolute position "(\d+)"\)/.exec(err.message);
  return m ? Number(m[1]) : lastToken;
}

/**
 * An error of the streaming parser on bad input. Invalid UTF-8 in a string reaches us as the TextDecoder's TypeError
 * (once a crash of the streaming reader); it is bad JSON like any other.
 */
export function isParserError(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  const name = err.name === 'Error' ? err.constructor.name : err.name;
  return name === 'TokenizerError' || name === 'TokenParserError' || (err as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
}

/** The key of the longest string in a value (an oversized record's likely culprit); walked only on that error. */
export function longestStringKey(value: unknown): string | undefined {
  let best = -1;
  let bestKey: string | undefined;
  const walk = (v: unknown, key: string | undefined): void => {
    if (typeof v === 'string') {
      if (v.length > best) {
        best = v.length;
        bestKey = key;
      }
    } else if (Array.isArray(v)) for (const item of v) walk(item, key);
    else if (v !== null && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, k);
  };
  walk(value, undefined);
  return bestKey;
}

/** The first error of the strict streaming parser in some bytes (a record, or the part of one read so far). */
interface Replay {
  error?: Error;
  /** Offset in the bytes of the last token before the error: where the old reader located it. */
  at: number;
  /** The key of the last `"key":`, to name the field of an oversized record. */
  key?: string;
}

/**
 * Runs the streaming parser over one record's bytes, on error paths only: JSON.parse says only that a record is
 * bad, and a record cut by the end of the file or by the size limit may hold an earlier error the scan skipped
 * (a bad escape, `tru`), which the streaming reader reported first.
 */
function replay(bytes: Buffer, atEnd = false): Replay {
  const tokenizer = new Tokenizer({ separator: '' });
  // No path matches, so nothing is emitted and finished values are dropped as the parser goes.
  const parser = new TokenParser({ paths: [], keepStack: false, separator: '' });
  const out: Replay = { at: 0 };
  let lastString: unknown;
  tokenizer.onToken = (info: ParsedTokenInfo) => {
    out.at = info.offset;
    if (info.token === TokenType.STRING) lastString = info.value;
    else if (info.token === TokenType.COLON && typeof lastString === 'string' && lastString.length <= 200) out.key = lastString;
    parser.write(info);
  };
  parser.onValue = () => undefined;
  try {
    tokenizer.write(bytes);
    // At the end of the file a number still open is complete, and may be out of place (`{0`); a token cut short
    // is not an error here: the caller reports the truncation.
    if (atEnd) tokenizer.end();
  } catch (err) {
    if (!isParserError(err)) throw err;
    if (!(atEnd && /ended in the middle/.test(err.message))) out.error = err;
  }
  return out;
}

/**
 * The document around the records, through the streaming parser with each record replaced by `null`: it validates
 * the wrapper exactly as the streaming reader does, and delivers the records that are not containers (a string
 * item). Its offsets count the placeholders, so they are mapped back to file offsets.
 */
class Skeleton {
  private readonly tokenizer = new Tokenizer({ separator: '' });
  private readonly parser: TokenParser;
  private depth = 0;
  private last = 0;
  private lastString: unknown;
  private key: unknown;
  /** Bytes written so far (the skeleton offset of the next byte). */
  private written = 0;
  private inPlaceholder = false;
  /** Skeleton offset of the last placeholder, and the file offset its token stands for. */
  private placeholderAt = -10;
  private placeholderFile = 0;
  /** File offset − skeleton offset, after the last placeholder and before it. */
  private delta = 0;
  private deltaBefore = 0;
  /** Nothing went in since the last record's placeholder. */
  private afterRecord = false;

  constructor(
    private readonly file: string,
    paths: string[],
    onValue: (info: ParsedElementInfo) => void,
  ) {
    this.parser = new TokenParser({ paths, keepStack: false, separator: '' });
    this.parser.onValue = (info) => {
      if (!this.inPlaceholder || info.value !== null) onValue(info);
    };
    this.tokenizer.onToken = (info: ParsedTokenInfo) => {
      const t = info.token;
      this.last = info.offset;
      if (t === TokenType.STRING) this.lastString = info.value;
      else if (t === TokenType.COLON) this.key = this.lastString;
      else if (t === TokenType.LEFT_BRACE || t === TokenType.LEFT_BRACKET) {
        if (++this.depth > MAX_JSON_DEPTH) throw tooDeep(this.file, this.fileOffset(info.offset));
      } else if (t === TokenType.RIGHT_BRACE || t === TokenType.RIGHT_BRACKET) this.depth--;
      this.parser.write(info);
    };
  }

  write(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.afterRecord = false;
    this.written += bytes.length;
    this.tokenizer.write(bytes);
  }

  /** A record opened by `{` or `[` starts at this file offset: the parser must accept a value here. */
  placeholder(recordStart: number, opener: number): void {
    this.deltaBefore = this.delta;
    this.placeholderAt = this.written;
    this.placeholderFile = recordStart;
    this.inPlaceholder = true;
    try {
      this.write(PLACEHOLDER);
    } catch (err) {
      // Name the record's first token, as the parser would have, not the stand-in.
      if (isParserError(err)) {
        err.message = err.message
          .replace('NULL (null)', opener === OPEN_BRACE ? 'LEFT_BRACE ("{")' : 'LEFT_BRACKET ("[")')
          .replace(/^Unexpected "n"/, `Unexpected "${opener === OPEN_BRACE ? '{' : '['}"`);
      }
      throw err;
    } finally {
      this.inPlaceholder = false;
    }
  }

  /** The record ended with the byte at this file offset: later offsets shift by its length. */
  recordEnded(recordLast: number): void {
    this.delta = recordLast + 1 - (this.placeholderAt + PLACEHOLDER.length);
    this.placeholderFile = recordLast;
    this.afterRecord = true;
  }

  /**
   * A record that follows the last one with only whitespace and `commas` commas between (buf[from, to)): one
   * comma in the same array, none between documents. The parser would read `null,null` or `null null`, which it
   * always accepts there, so it is spared the writes (small records: ~1.5 µs each) and the last placeholder stands
   * for both records. False: write the gap and a placeholder.
   */
  continues(buf: Buffer, from: number, to: number, recordStart: number, commas: 0 | 1): boolean {
    if (!this.afterRecord) return false;
    let seen = 0;
    for (let i = from; i < to; i++) {
      const b = buf[i]!;
      if (b === COMMA) seen++;
      else if (b !== 0x20 && b !== NEWLINE && b !== 0x0d && b !== 0x09) return false;
    }
    if (seen !== commas) return false;
    this.placeholderFile = recordStart;
    return true;
  }

  end(): void {
    this.tokenizer.end();
  }

  openContainers(): number {
    return this.depth;
  }

  fileOffset(offset: number): number {
    if (offset < this.placeholderAt) return offset + this.deltaBefore;
    if (offset < this.placeholderAt + PLACEHOLDER.length) return this.placeholderFile;
    return offset + this.delta;
  }

  /** File offset of the last token. */
  lastOffset(): number {
    return this.fileOffset(this.last);
  }

  /** File offset of a parser error (errorPosition). */
  errorOffset(err: Error): number {
    return this.fileOffset(errorPosition(err, this.last));
  }

  lastKey(): string | undefined {
    return typeof this.key === 'string' && this.key.length <= 200 ? this.key : undefined;
  }
}

/**
 * Streams the records of a JSON input of the given shape into the sink, as readJson does, and returns the bytes
 * read. A record is a container at the record depth (each top-level document; each item of the top-level array;
 * each item of the array at the wrapper path); its bytes are held until its end (past `maxRecordBytes`:
 * RECORD_TOO_LARGE), then parsed once with JSON.parse.
 */
export async function readJsonScan(file: string, shape: JsonShape, chunks: AsyncIterable<Buffer>, sink: RecordSink, maxRecordBytes = MAX_RECORD_BYTES): Promise<number> {
  const path = shape.kind === 'wrapper' && shape.wrapperPath ? shape.wrapperPath : undefined;
  // Depth of the containers whose items are records; keys are tracked only above it.
  const recordDepth = path !== undefined ? path.length + 1 : shape.kind === 'array' ? 1 : 0;
  const keyDepth = path === undefined ? 0 : path.length;
  const kinds = new Uint8Array(MAX_JSON_DEPTH + 2);
  const expectKey = new Uint8Array(MAX_JSON_DEPTH + 2);
  // onPath[d]: the container at depth d lies on the wrapper path (each one above it under the path's key).
  const onPath = new Uint8Array(MAX_JSON_DEPTH + 2);
  onPath[1] = 1;
  const keys: (string | undefined)[] = [];

  let index = 0;
  // Where the bytes since the last record began (and their line, 0 until counted): the parser holds what it reads
  // of the document around the records, so a stretch of it longer than a record may be is refused like one.
  let quietSince = 0;
  let quietLine = 1;
  const deliver = (value: unknown): void => {
    index++;
    quietSince = skeleton.lastOffset();
    quietLine = 0;
    sink.deliver({ kind: 'json', line: index, value });
  };
  let paths: string[];
  let onValue: (info: ParsedElementInfo) => void;
  if (shape.kind === 'array') {
    paths = ['$.*'];
    onValue = ({ value, stack }) => {
      if (stack.length === 1) deliver(value);
    };
  } else if (path !== undefined) {
    paths = [path.length === 1 ? '$.*.*' : '$.*.*.*'];
    onValue = ({ value, parent, stack }) => {
      if (Array.isArray(parent) && pathMatches(stack, path)) deliver(value);
    };
  } else {
    paths = ['$'];
    onValue = ({ value }) => deliver(value);
  }
  const skeleton = new Skeleton(file, paths, onValue);

  let depth = 0;
  let inString = false;
  /** Inside a string, the last byte read was an unpaired backslash (the string went on into the next chunk). */
  let escaped = false;
  let inRecord = false;
  let recordStart = 0;
  // The line of the record's start, counted only when asked (an error) or when the record spans chunks.
  let recordStartLine = 0;
  let recordPieces: Buffer[] = [];
  // A key above the record depth, read in pieces when it spans chunks.
  let keyPieces: Buffer[] | undefined;
  let keyStart = 0;

  // The current chunk: its file offset and the line it starts on; bytes and lines read before the next one.
  let base = 0;
  let baseLine = 1;
  let chunk: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let lines = 1;
  // Bytes of the chunk before this index are valid UTF-8 (0: not known).
  let utf8Until = 0;
  const recordLine = (): number => {
    if (recordStartLine === 0) recordStartLine = baseLine + countLines(chunk, 0, recordStart - base);
    return recordStartLine;
  };
  // Earlier chunks back to the one holding the parser's last token (a token spanning chunks), for its line on error.
  let earlier: { base: number; line: number; chunk: Buffer }[] = [];
  const lineAt = (offset: number): number => {
    if (offset >= base) return baseLine + countLines(chunk, 0, offset - base);
    for (let k = earlier.length - 1; k >= 0; k--) {
      const e = earlier[k]!;
      if (offset >= e.base) return e.line + countLines(e.chunk, 0, offset - e.base);
    }
    return baseLine;
  };
  const recordBytes = (end: number): Buffer => {
    const head = recordPieces.length === 0 ? chunk.subarray(recordStart - base, end) : chunk.subarray(0, end);
    return recordPieces.length === 0 ? head : Buffer.concat([...recordPieces, head]);
  };
  /** An error inside the open record: an earlier one the scan skipped wins, as the streaming reader met it first. */
  const recordError = (bytes: Buffer, otherwise: (r: Replay) => InputError, atEnd = false): InputError => {
    const r = replay(bytes, atEnd);
    if (r.error === undefined) return otherwise(r);
    const at = recordStart + r.at;
    return badJson(file, r.error, at, recordLine() + countLines(bytes, 0, r.at));
  };
  const isRecordStart = (): boolean => {
    if (depth !== recordDepth) return false;
    if (recordDepth <= 1) return true;
    return kinds[depth] === ARRAY && onPath[depth] === 1;
  };

  /** Scans a string from `i` (after its opening quote, or a chunk start); returns the index after its closing quote, or -1. */
  const skipString = (buf: Buffer, i: number): number => {
    if (escaped) {
      escaped = false;
      i++;
      if (i > buf.length) {
        escaped = true;
        return -1;
      }
    }
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0) {
        let k = buf.length - 1;
        while (k >= i && buf[k] === BACKSLASH) k--;
        escaped = (buf.length - 1 - k) % 2 === 1;
        return -1;
      }
      let k = q - 1;
      while (k >= i && buf[k] === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) return q + 1;
      i = q + 1;
    }
  };

  const finishRecord = (buf: Buffer, end: number): void => {
    const fileEnd = base + end;
    const start = recordStart - base;
    let value: unknown;
    try {
      // Buffer#toString would turn bad UTF-8 into U+FFFD; the streaming parser refuses it, and so do we. A record
      // inside the chunk's checked part needs no check of its own (nor a Buffer view: ~0.2 µs a record).
      if (recordPieces.length === 0) {
        if (end > utf8Until && !isUtf8(buf.subarray(start, end))) throw new Error('not valid UTF-8');
        value = JSON.parse(utf8(buf, start, end));
      } else {
        const bytes = recordBytes(end);
        if (!isUtf8(bytes)) throw new Error('not valid UTF-8');
        value = JSON.parse(bytes.toString('utf8'));
      }
    } catch (err) {
      throw recordError(recordBytes(end), () => badJson(file, err, recordStart, recordLine()));
    }
    recordPieces = [];
    inRecord = false;
    skeleton.recordEnded(fileEnd - 1);
    quietSince = fileEnd;
    quietLine = 0;
    index++;
    if (fileEnd - recordStart > maxRecordBytes) throw recordTooLarge(file, recordLine(), maxRecordBytes, `JSON record ${index}`, longestStringKey(value));
    sink.deliver({ kind: 'json', line: index, value });
  };

  /** Scans the chunk from `i` inside a record; returns where the record ended (the skeleton goes on) or -1. */
  const scanRecord = (buf: Buffer, i: number): number => {
    const n = buf.length;
    while (i < n) {
      const b = buf[i]!;
      if (b === QUOTE) {
        i = skipString(buf, i + 1);
        if (i < 0) {
          inString = true;
          return -1;
        }
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (++depth > MAX_JSON_DEPTH) throw recordError(recordBytes(i), () => tooDeep(file, base + i));
        i++;
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        i++;
        if (--depth === recordDepth) {
          finishRecord(buf, i);
          return i;
        }
      } else i++;
    }
    return -1;
  };

  /** Reads a key above the record depth (the wrapper path's), once it is whole. */
  const endKey = (bytes: Buffer): void => {
    let key: unknown;
    try {
      key = JSON.parse(bytes.toString('utf8'));
    } catch {
      // The skeleton parser reports the bad string when it reads it.
      key = undefined;
    }
    keys[depth] = typeof key === 'string' ? key : undefined;
  };

  /** Scans the chunk from `i` outside records, feeding the skeleton; returns where a record starts, or -1 at the chunk end. */
  const scanSkeleton = (buf: Buffer, i: number): number => {
    const n = buf.length;
    let from = i;
    /** The skeleton up to and including byte `i`, then our own error if the parser found none. */
    const fail = (at: number, err: () => InputError): InputError => {
      skeleton.write(buf.subarray(from, at + 1));
      return err();
    };
    while (i < n) {
      const b = buf[i]!;
      if (b === QUOTE) {
        const capture = depth >= 1 && depth <= keyDepth && kinds[depth] === OBJECT && expectKey[depth] === 1;
        const start = i;
        i = skipString(buf, i + 1);
        if (i < 0) {
          inString = true;
          if (capture) {
            keyPieces = [buf.subarray(start)];
            keyStart = base + start;
          }
          break;
        }
        if (capture) endKey(buf.subarray(start, i));
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (isRecordStart()) {
          // In an object a record follows a key, never a comma.
          const commas = depth === 0 ? 0 : kinds[depth] === ARRAY ? 1 : undefined;
          if (commas === undefined || !skeleton.continues(buf, from, i, base + i, commas)) {
            skeleton.write(buf.subarray(from, i));
            skeleton.placeholder(base + i, b);
          }
          inRecord = true;
          recordStart = base + i;
          recordStartLine = 0;
          recordPieces = [];
          depth++;
          return i + 1;
        }
        if (depth >= MAX_JSON_DEPTH) throw fail(i, () => tooDeep(file, base + i));
        const parent = depth;
        depth++;
        kinds[depth] = b === OPEN_BRACE ? OBJECT : ARRAY;
        expectKey[depth] = b === OPEN_BRACE ? 1 : 0;
        onPath[depth] = parent === 0 || (onPath[parent] === 1 && parent <= keyDepth && kinds[parent] === OBJECT && path !== undefined && keys[parent] === path[parent - 1]) ? 1 : 0;
        i++;
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        if (depth === 0) throw fail(i, () => badJson(file, 'unexpected close', base + i, lineAt(base + i)));
        depth--;
        i++;
      } else {
        if (b === COLON) expectKey[depth] = 0;
        else if (b === COMMA && kinds[depth] === OBJECT) expectKey[depth] = 1;
        i++;
      }
    }
    skeleton.write(buf.subarray(from, n));
    from = n;
    return -1;
  };

  try {
    for await (const next of chunks) {
      if (chunk.length > 0) {
        earlier.push({ base, line: baseLine, chunk });
        const last = skeleton.lastOffset();
        if (earlier.length > 1 && earlier[1]!.base <= last) earlier = earlier.filter((e, k) => k === earlier.length - 1 || earlier[k + 1]!.base > last);
      }
      chunk = next;
      base = bytes;
      baseLine = lines;
      utf8Until = validUtf8Until(chunk);
      const n = chunk.length;
      let i = 0;
      while (i < n) {
        if (inString) {
          const end = skipString(chunk, i);
          if (end < 0) {
            if (keyPieces !== undefined) keyPieces.push(chunk);
            if (!inRecord) skeleton.write(chunk);
            i = n;
            break;
          }
          inString = false;
          if (keyPieces !== undefined) {
            keyPieces.push(chunk.subarray(0, end));
            const key = Buffer.concat(keyPieces);
            keyPieces = undefined;
            if (key.length > maxRecordBytes) throw recordTooLarge(file, lineAt(keyStart), maxRecordBytes, `the key starting here`);
            endKey(key);
          }
          if (!inRecord) {
            skeleton.write(chunk.subarray(i, end));
          }
          i = end;
        } else if (inRecord) {
          i = scanRecord(chunk, i);
          if (i < 0) i = n;
        } else {
          i = scanSkeleton(chunk, i);
          if (i < 0) i = n;
        }
      }
      const chunkEnd = bytes + n;
      if (inRecord) {
        if (recordPieces.length === 0) {
          recordLine();
          recordPieces.push(chunk.subarray(recordStart - base));
        } else recordPieces.push(chunk);
        if (chunkEnd - recordStart > maxRecordBytes) {
          const held = Buffer.concat(recordPieces);
          throw recordError(held, (r) => recordTooLarge(file, recordLine(), maxRecordBytes, `JSON record ${index + 1}`, r.key));
        }
      } else {
        if (quietLine === 0 && quietSince >= base) quietLine = lineAt(quietSince);
        if (chunkEnd - quietSince > maxRecordBytes) {
          throw recordTooLarge(file, quietLine || baseLine, maxRecordBytes, index === 0 ? 'the JSON before the first record' : `the JSON after record ${index}`, skeleton.lastKey());
        }
      }
      bytes = chunkEnd;
      lines += countLines(chunk, 0, n);
    }
    if (inRecord) {
      const held = Buffer.concat(recordPieces);
      throw recordError(held, () => truncated(file, bytes, lines), true);
    }
    skeleton.end();
  } catch (err) {
    if (err instanceof InputError || !isParserError(err)) throw err;
    if (/ended in the middle/.test(err.message)) throw truncated(file, bytes, lines);
    const at = skeleton.errorOffset(err);
    throw badJson(file, err, at, lineAt(at));
  }
  if (skeleton.openContainers() > 0) throw truncated(file, bytes, lines);
  return bytes;
}

export function pathMatches(stack: ParsedElementInfo['stack'], path: readonly string[]): boolean {
  if (stack.length !== path.length + 1) return false;
  for (let i = 0; i < path.length; i++) if (stack[i + 1]!.key !== path[i]) return false;
  return true;
}
