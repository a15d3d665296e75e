// The fused fast path for message-level CSV (the generic format): bytes → per-conversation state → Conversation,
// with no string or object per row. It must give exactly what the general path (adapter → events → fold) gives;
// test/conversations/fast-messages.test.ts compares both. Anything it does not cover it refuses up front
// (`canUseFastPath`) or gives up on mid-way (`FastPathAbort`), and the caller runs the general path.
//
// Why: parsing, not reading, is the cost (STYLE.md §4): csv-parse alone runs at ~49 MB/s, a byte-level pass that
// decodes only what it needs and keeps state in typed arrays runs at several hundred MB/s.
import type { Capability, Conversation } from './types.js';
import { ConversationBatch, CUSTOMER_BYTES, CUSTOMER_LONG, STATUS_MISSED, STATUS_RESOLVED, writeCustomer } from './batch.js';
import { parseTimestamp } from '../time/parse.js';
import { isBotNameIn, roleFromWord } from '../adapters/common.js';
import { normalizeHeader } from '../inputs/columns.js';
import { raggedReason } from '../inputs/csv-row.js';
import { FIELDS as GENERIC_FIELDS, TRUE_WORDS } from '../adapters/generic-messages.js';
import { daysFromCivil } from '../time/zone.js';
import { FingerprintSet, fnv1aBytes } from './fingerprints.js';
import { SlotTable } from './slot-table.js';
import { INDEX_CAPACITY, SPLIT_FULL, SPLIT_NO_LINE_END, StructuralIndex } from './structural.js';
import { MAX_RECORD_BYTES } from '../inputs/limits.js';
import { utf8 } from '../inputs/slices.js';
import {
  F_AGENT, F_CHANNEL, F_CODE, F_CUSTOMER, F_DEPARTMENT, F_ID, F_QUOTED, FastPathAbort, newRecords, Q_CHANNEL, Q_CUSTOMER,
  Q_DEPARTMENT, Q_ID, INTERNAL_NOTE, RATING_BITS, RATING_SHIFT, RECORD_INTS, ROLE_MASK, type RowBatch, F_ID_NUMBER,
} from './fast-batch.js';

export { FastPathAbort } from './fast-batch.js';

// The generic adapter's own synonyms, so both paths resolve a header to the same columns.
const COLUMN_NAMES = {
  id: GENERIC_FIELDS.conversationId,
  at: GENERIC_FIELDS.at,
  role: GENERIC_FIELDS.role,
  author: GENERIC_FIELDS.author,
  agent: GENERIC_FIELDS.agent,
  department: GENERIC_FIELDS.department,
  channel: GENERIC_FIELDS.channel,
  rating: GENERIC_FIELDS.rating,
  customer: GENERIC_FIELDS.customer,
  internal: GENERIC_FIELDS.internal,
} as const;
/** Columns whose presence the fast path does not model: their files take the general path. */
const UNSUPPORTED: readonly string[] = [...GENERIC_FIELDS.event];
/**
 * Every name the generic adapter reads a field from, but the text (the fast path runs only when no metric reads it):
 * an NDJSON key outside them is ignored by both paths.
 */
const FIELD_NAMES: ReadonlySet<string> = new Set(Object.entries(GENERIC_FIELDS).flatMap(([field, names]) => (field === 'text' ? [] : names)));

export interface FastColumns {
  count: number;
  id: number;
  at: number;
  role: number;
  author: number;
  agent: number;
  department: number;
  channel: number;
  rating: number;
  /** A customer id column: the conversation's customer is the first id given, else the first customer's name. */
  customer: number;
  /** Internal-note flag column: such a row counts as a note, not a message (fold.ts). */
  internal: number;
}

/** The generic adapter's columns resolved the same way (first synonym present wins); undefined = not eligible. */
export function fastColumns(headers: readonly string[]): FastColumns | undefined {
  const norm = headers.map(normalizeHeader);
  if (norm.some((h) => UNSUPPORTED.includes(h))) return undefined;
  const find = (key: keyof typeof COLUMN_NAMES): number => {
    for (const name of COLUMN_NAMES[key]) {
      const i = norm.indexOf(name);
      if (i !== -1) return i;
    }
    return -1;
  };
  const cols: FastColumns = {
    count: headers.length,
    id: find('id'), at: find('at'), role: find('role'), author: find('author'), agent: find('agent'),
    department: find('department'), channel: find('channel'), rating: find('rating'), customer: find('customer'),
    internal: find('internal'),
  };
  if (cols.id < 0 || cols.at < 0 || cols.role < 0) return undefined;
  return cols;
}

export interface FastReaderOptions {
  inputTz: string;
  /** `--bot-names`: with any, an agent row whose author is one (or looks like a bot) is a bot row, as the adapter reads it. */
  botNames?: readonly string[];
  maxSkipped: number;
  /** An unfinished record past this many bytes gives up to the general path, which reports RECORD_TOO_LARGE. */
  maxRecordBytes?: number;
  /** `ndjson`: one JSON object per line with the same keys (the benchmark generator's --format ndjson). */
  format?: 'csv' | 'ndjson';
  /** false: no structural index (structural.ts), the byte loops read every row (tests compare the two). */
  indexed?: boolean;
  /** false: the fold leaves out who took part (FastFoldOptions.people), so records carry no name spans. */
  people?: boolean;
  /**
   * false: the fold leaves out the agents, department and channel (FastFoldOptions.agents): records carry the
   * customer's span only, and no agent name is read.
   */
  agents?: boolean;
  /**
   * NDJSON: the columns (the keys of the file's first lines, the first line's first; see pipeline.ts). Without them
   * the first line's keys are the columns, and a later line with another key gives up to the general path.
   */
  jsonKeys?: readonly string[];
  /**
   * true: records carry each id's number in a cache of recent ids (F_ID_NUMBER), so that the fold finds most rows'
   * conversation without their bytes. Worth it when the fold's thread is the busier one (a full report on two
   * threads: 0.9x the wall time at 1 GB); with a few duration metrics the reader's thread is, and it would only
   * slow that one down (FRT and service level alone: 1.09x), as with NDJSON (1 GB: 0.93x without).
   */
  numberIds?: boolean;
}

/** Where the reader thread hands whole NDJSON lines (FastRowReader.handLinesTo). */
export interface LineSink {
  /** Whether the next chunk's lines should go over unparsed (asked once per chunk). */
  wanted(): boolean;
  /** `bytes`: whole lines in shared memory, the first numbered `line`; `header`: the file's first line, the first time. */
  send(bytes: Uint8Array, line: number, header: Uint8Array | undefined): void;
}

export interface FastFoldOptions {
  countBots: boolean;
  /**
   * false: no consumer reads who took part (Metric.readsPeople), so agents, department, channel and customer are
   * left out of the conversations (their columns are still read and checked: the same rows are kept or skipped).
   */
  people?: boolean;
  /**
   * false: consumers read the customer at most (Metric.readsPeople 'customer': FCR), so agent, agents,
   * replyAgents (undefined each), department and channel are left out; the customer stays while `people`.
   */
  agents?: boolean;
  /** false: no consumer reads the reply waits (Metric.readsReplies): they are neither tracked nor built. */
  replies?: boolean;
  /**
   * false: no consumer reads the conversations' ids, so records carry `id: ''` instead of a string decoded for
   * each (a report reads them only for the text metrics' examples, which never run on this path: it reads no text).
   */
  ids?: boolean;
  idleWindowMs: number | null;
  onConversation(c: Conversation): void;
  /**
   * Given: folded conversations go here as rows of a batch instead of records to `onConversation` (each idle scan's
   * and the end's in one or more batches, in the order records would come). The batch is the fold's, filled again
   * after the call.
   */
  onBatch?(batch: ConversationBatch): void;
}

export type FastOptions = FastReaderOptions & FastFoldOptions;

export interface ReaderStats {
  records: number;
  skipped: number;
  firstSkipped: { line: number; field?: string; reason: string }[];
}

export interface FastStats extends ReaderStats {
  peakOpen: number;
}

const ROLE_CUSTOMER = 0;
const ROLE_AGENT = 1;
const ROLE_BOT = 2;
const ROLE_SYSTEM = 3;
const ROLE_CODES = { customer: ROLE_CUSTOMER, agent: ROLE_AGENT, bot: ROLE_BOT, system: ROLE_SYSTEM } as const;

const NONE = -1;
/** Reply waits and agents kept inline per conversation before a list is needed (most chats have fewer). */
const WAIT_INLINE = 8;
/**
 * Bytes of an id or a customer name kept inline; 255 in a length marks a longer one kept as a string. A batch row
 * holds as many of the customer's (they are copied there).
 */
const INLINE_BYTES = CUSTOMER_BYTES;
/** The length of a value kept as a string: a batch's long customer's too. */
const OVERFLOW = CUSTOMER_LONG;
const AGENT_INLINE = 3;
// What every record of the fast path shares: folded records are read-only (Conversation), and an empty list per field
// and conversation was garbage (frozen, so that a change would throw rather than reach every record).
const NO_LIST: readonly never[] = Object.freeze([]);

/**
 * The capabilities (metrics/capabilities.ts) a record of the fast path can show: `materialize` sets no assignment,
 * resolution, wrap-up, NPS, CES, text, status change, tag or canned message. The pipeline does not run the metrics
 * that need any other (they are unavailable whatever the records hold); a field added to the record must be added here.
 */
/** Conversations a batch holds (FastFoldOptions.onBatch): an idle scan folds a few hundred at 1 GB. */
const BATCH_ROWS = 1024;

export const FAST_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>(['messages', 'humanReplies', 'ended', 'ratings:csat', 'customerIds']);
const NO_RATINGS: Conversation['ratings'] = Object.freeze({});
/** The ratings of the five CSAT scores a 1-5 digit can be, by score - 1: one object each, shared by every record rated so. */
const CSAT_RATINGS: readonly Conversation['ratings'][] = [1, 2, 3, 4, 5].map((score) => Object.freeze({ csat: { survey: 'csat', score, scaleMin: 1, scaleMax: 5 } }));
const NO_ONE: (readonly undefined[])[] = [];

/** `k` undefineds, shared: who ended each of `k` waits when no agent is known. */
function noOne(k: number): readonly undefined[] {
  let list = NO_ONE[k];
  if (list === undefined) {
    list = Object.freeze(new Array<undefined>(k).fill(undefined));
    if (k < 256) NO_ONE[k] = list;
  }
  return list;
}
/** Rows between checks of whether the idle scan is due (evictIdle). */
const SCAN_EVERY = 1024;
/** Entries of the fold's map from the reader's id numbers to slots (a power of two). */
const ID_NUMBER_SLOTS = 4096;
const EMPTY_POSITIONS = new Int32Array(0);
/** No new names in a batch (never mutated). */
const NO_NAMES: readonly string[] = [];

interface InternEntry {
  bytes: Uint8Array;
  /** The same bytes, for comparing four at a time (sameWords). */
  view: DataView;
  index: number;
}

/** Whether bytes [start, end) of `buf` are exactly `bytes`. */
function sameBytes(bytes: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[start + i]) return false;
  return true;
}
/** Where WebAssembly SIMD is missing: no chunk fits, the byte loops read every row. */
const NO_INDEX = {
  capacity: -1, positions: EMPTY_POSITIONS, starts: EMPTY_POSITIONS, ends: EMPTY_POSITIONS, quoted: new Uint8Array(0), rows: EMPTY_POSITIONS,
  state: EMPTY_POSITIONS,
  index: (): number => 0, count: (): number => 0, split: (): number => 0, region: (): Buffer<ArrayBuffer> => Buffer.allocUnsafe(0),
  use: (): void => {},
};
/** A reader's work buffer when it has none (its region went with a batch). */
const NO_WORK = Buffer.allocUnsafe(0);
/**
 * Regions the reader thread hands over in turn (FastRowReader.handsRegions): the batches in flight
 * (fast-worker.ts MAX_IN_FLIGHT, 8), the one being read, and one to spare.
 */
const HANDED_REGIONS = 10;

/** Interns short byte strings (agents, departments, authors): one JS string per distinct value, not per row. */
class Interner {
  private readonly map = new Map<number, InternEntry[]>();
  readonly values: string[] = [];
  /**
   * A direct-mapped cache of entries by length and four bytes, mixed: a few hundred values (agents) make most rows,
   * and one comparison of their bytes finds them before the hash (the agent column is interned on every row). With
   * 256 entries and a weaker key the standard workload's 559 agents collided: the reader thread ran 7% slower.
   */
  private readonly cache: (InternEntry | undefined)[] = new Array<InternEntry | undefined>(4096).fill(undefined);
  /** How many values `takeNew` has handed out. */
  private taken = 0;

  /** The values added since the last call, in index order (the reader sends them to the fold with each batch). */
  takeNew(): readonly string[] {
    if (this.taken === this.values.length) return NO_NAMES;
    const out = this.values.slice(this.taken);
    this.taken = this.values.length;
    return out;
  }

  /** `view`, when given, is a DataView over `buf` (same start): the cache's entry is then compared four bytes at a time. */
  intern(buf: Uint8Array, start: number, end: number, quoted: boolean, view?: DataView): number {
    if (end <= start) return NONE;
    if (quoted) return this.internString(decodeField(buf, start, end, true));
    const key = (Math.imul(buf[start]! | (buf[start + 1]! << 8) | (buf[(start + end) >> 1]! << 16) | (buf[end - 1]! << 24), 0x9e3779b1) ^ (end - start)) >>> 20;
    const cached = this.cache[key];
    if (cached !== undefined && (view !== undefined
      ? cached.bytes.length === end - start && sameWords(cached.view, 0, view, start, end - start)
      : sameBytes(cached.bytes, buf, start, end))) return cached.index;
    const h = fnv1aBytes(buf, start, end);
    const bucket = this.map.get(h);
    if (bucket !== undefined) {
      for (const e of bucket) {
        if (!sameBytes(e.bytes, buf, start, end)) continue;
        this.cache[key] = e;
        return e.index;
      }
    }
    // A miss by bytes may still be a value first seen as a string (an author standing in for the agent).
    const index = this.internString(decodeField(buf, start, end, false));
    const bytes = Uint8Array.prototype.slice.call(buf, start, end);
    const entry = { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.length), index };
    if (bucket) bucket.push(entry);
    else this.map.set(h, [entry]);
    this.cache[key] = entry;
    return index;
  }

  private readonly byString = new Map<string, number>();
  internString(s: string): number {
    if (s === '') return NONE;
    let i = this.byString.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.byString.set(s, i);
    }
    return i;
  }
}

function decodeField(buf: Uint8Array, start: number, end: number, quoted: boolean): string {
  // the reader's chunks are Buffers: decoded in place, no view object per field
  const s = buf instanceof Buffer ? utf8(buf, start, end) : Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
  return quoted ? s.replace(/""/g, '"') : s;
}

/** JSON's whitespace inside one NDJSON line (a line feed ends the line). */
function isJsonSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d;
}

function skipJsonSpace(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    if (!isJsonSpace(buf[i]!)) break;
    i++;
  }
  return i;
}

/** The byte after an unquoted JSON value: a comma, the closing brace or whitespace. */
function jsonValueEnd(b: number): boolean {
  return b === 0x2c || b === 0x7d || isJsonSpace(b);
}

/** The length of the escape at `at` (a backslash): 2, or 6 for \uXXXX; 0 for one JSON does not have. */
function jsonEscapeLength(buf: Uint8Array, at: number, end: number): number {
  const c = buf[at + 1];
  if (c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) return 2;
  if (c !== 0x75 || at + 6 > end) return 0;
  for (let k = at + 2; k < at + 6; k++) {
    const b = buf[k]!;
    const lower = b | 0x20;
    if (!((b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x66))) return 0;
  }
  return 6;
}

/** A key of the first NDJSON line as later lines write it when compact: `"key":`, found by `isKeyAt`. */
interface JsonKey {
  /** The token's length in bytes (a plain number: no typed-array length read per compare). */
  size: number;
  token: DataView;
  /** The token as little-endian words at 0, 4, 8... and its last four bytes (`last`), for `isKeyAt`. */
  words: Int32Array;
  last: number;
}

function jsonKey(key: string): JsonKey {
  const token = Buffer.from(`${JSON.stringify(key)}:`);
  const view = new DataView(token.buffer, token.byteOffset, token.length);
  const words = new Int32Array(token.length >= 4 ? Math.ceil((token.length - 4) / 4) : 0);
  for (let k = 0; k < words.length; k++) words[k] = view.getInt32(4 * k, true);
  return { size: token.length, token: view, words, last: token.length >= 4 ? view.getInt32(token.length - 4, true) : 0 };
}

/**
 * Whether the key's token is at `i` of the chunk's view (`i + size` within it): its words read from the chunk only,
 * the last first (where keys of one length differ: author_type, author_name).
 */
function isKeyAt(view: DataView, i: number, key: JsonKey): boolean {
  const size = key.size;
  if (size < 4) return sameWords(view, i, key.token, 0, size);
  if (view.getInt32(i + size - 4, true) !== key.last) return false;
  const words = key.words;
  for (let k = 0; k < words.length; k++) if (view.getInt32(i + 4 * k, true) !== words[k]) return false;
  return true;
}

/** splitJson's answer for a line it does not accept. */
const FAIL = -1;

/** The lowest `n` bits set (0 to 32 of them). */
function lowBits(n: number): number {
  return n <= 0 ? 0 : n >= 32 ? -1 : (1 << n) - 1;
}

const LITERAL_BAD = 0;
const LITERAL_NULL = 1;
const LITERAL_OK = 2;

/** null, true, false or a number in JSON's grammar (-?int frac? exp?); anything else is not JSON. */
function jsonLiteral(buf: Uint8Array, start: number, end: number): number {
  const first = buf[start];
  const len = end - start;
  if (first === 0x6e) return len === 4 && buf[start + 1] === 0x75 && buf[start + 2] === 0x6c && buf[start + 3] === 0x6c ? LITERAL_NULL : LITERAL_BAD;
  if (first === 0x74) return len === 4 && buf[start + 1] === 0x72 && buf[start + 2] === 0x75 && buf[start + 3] === 0x65 ? LITERAL_OK : LITERAL_BAD;
  if (first === 0x66) return len === 5 && buf[start + 1] === 0x61 && buf[start + 2] === 0x6c && buf[start + 3] === 0x73 && buf[start + 4] === 0x65 ? LITERAL_OK : LITERAL_BAD;
  const digit = (k: number): boolean => k < end && buf[k]! >= 0x30 && buf[k]! <= 0x39;
  let i = start;
  if (buf[i] === 0x2d) i++;
  if (!digit(i)) return LITERAL_BAD;
  if (buf[i] === 0x30) i++;
  else while (digit(i)) i++;
  if (i < end && buf[i] === 0x2e) {
    i++;
    if (!digit(i)) return LITERAL_BAD;
    while (digit(i)) i++;
  }
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    if (!digit(i)) return LITERAL_BAD;
    while (digit(i)) i++;
  }
  return i === end ? LITERAL_OK : LITERAL_BAD;
}

/**
 * The reader's cache of recent ids, direct-mapped by a hash of their bytes: an id found in it gets the number its
 * entry holds, one that replaces another gets a new number (F_ID_NUMBER). The bytes between a quoted id's quotes
 * are compared as they are (an id with a doubled quote gives the fast path up in the fold). Ids longer than an
 * entry, and shorter than four bytes, get 0.
 */
class RecentIds {
  private static readonly SIZE = 2048;
  private readonly bytes = new Uint8Array(RecentIds.SIZE * INLINE_BYTES);
  private readonly view = new DataView(this.bytes.buffer);
  private readonly lengths = new Uint8Array(RecentIds.SIZE);
  private readonly numbers = new Int32Array(RecentIds.SIZE);
  private next = 1;

  /** The number of the id at [start, end) of `chunk`: read, hashed and compared four bytes at a time. */
  number(chunk: DataView, start: number, end: number): number {
    const len = end - start;
    if (len > INLINE_BYTES || len < 4) return 0;
    let h = len;
    for (let i = start; i < end - 4; i += 4) h = Math.imul(h ^ chunk.getInt32(i, true), 0x5bd1e995) ^ (h >>> 15);
    h = Math.imul(h ^ chunk.getInt32(end - 4, true), 0x5bd1e995);
    const e = (h ^ (h >>> 16)) & (RecentIds.SIZE - 1);
    const base = e * INLINE_BYTES;
    const view = this.view;
    if (this.lengths[e] === len && sameWords(view, base, chunk, start, len)) return this.numbers[e]!;
    for (let k = 0; k < len - 4; k += 4) view.setInt32(base + k, chunk.getInt32(start + k, true), true);
    view.setInt32(base + len - 4, chunk.getInt32(end - 4, true), true);
    this.lengths[e] = len;
    const n = this.next;
    // 2^31 - 1 numbers, then round again: the fold keeps a number's slot only while that slot still holds it
    this.next = n === 0x7fffffff ? 1 : n + 1;
    this.numbers[e] = n;
    return n;
  }
}

/**
 * Whether `len` bytes at `a` in one view equal those at `b` in another: the last four first (where keys of one
 * length differ: author_type, author_name), then four at a time.
 */
function sameWords(x: DataView, a: number, y: DataView, b: number, len: number): boolean {
  if (len < 4) {
    for (let k = 0; k < len; k++) if (x.getUint8(a + k) !== y.getUint8(b + k)) return false;
    return true;
  }
  if (x.getInt32(a + len - 4, true) !== y.getInt32(b + len - 4, true)) return false;
  for (let k = 0; k < len - 4; k += 4) if (x.getInt32(a + k, true) !== y.getInt32(b + k, true)) return false;
  return true;
}

/** Per open conversation: state in typed arrays indexed by slot; lists only for long conversations. */
class SlotState {
  capacity = 0;
  firstEventAt = new Float64Array(0);
  requestedAt = new Float64Array(0);
  pendingHumanAt = new Float64Array(0); // a human message before any customer one, same instant ties
  preBotAt = new Float64Array(0); // the last bot message before the request
  preBotNoHumanAt = new Float64Array(0); // the last bot message before the request and before any human one
  firstResponseAt = new Float64Array(0);
  firstBotAt = new Float64Array(0);
  firstMessageAt = new Float64Array(0);
  lastMessageAt = new Float64Array(0);
  lastCustomerAt = new Float64Array(0);
  lastAt = new Float64Array(0);
  waitStart = new Float64Array(0);
  customerMessages = new Uint32Array(0);
  agentMessages = new Uint32Array(0);
  botMessages = new Uint32Array(0);
  responder = new Int32Array(0);
  firstNamed = new Int32Array(0);
  department = new Int32Array(0);
  channel = new Int32Array(0);
  agentInitiated = new Uint8Array(0);
  internalNotes = new Uint32Array(0);
  ratings: (Conversation['ratings'] | undefined)[] = []; // one of CSAT_RATINGS
  // Ids and customer names as bytes inline (ASCII, up to INLINE_BYTES); longer or quoted ones as strings. A string
  // per open conversation would be promoted and churn the old generation.
  idLength = new Uint8Array(0); // OVERFLOW: see idStrings
  idBytes = Buffer.alloc(0); // Buffers: copied into and decoded from in place, no view object per id
  idStrings: (string | undefined)[] = [];
  idHash1 = new Int32Array(0);
  idNumber = new Int32Array(0); // the reader's number for the id (F_ID_NUMBER) that last led here; 0: none
  customerLength = new Uint8Array(0); // 0: none yet; OVERFLOW: see customerStrings
  customerBytes = Buffer.alloc(0);
  customerStrings: (string | undefined)[] = [];
  // Waits and agents live in fixed inline slots per conversation (lists only past them): per-conversation
  // arrays lived as long as their conversation, were promoted and churned the old generation at 1 GB.
  waitCount = new Uint16Array(0);
  waitTimes = new Float64Array(0); // [start, end] × WAIT_INLINE per slot
  waitWho = new Int32Array(0); // agent × WAIT_INLINE per slot
  waitsOverflow: (number[] | undefined)[] = [];
  waitWhoOverflow: (number[] | undefined)[] = [];
  agentCount = new Uint8Array(0);
  agentInline = new Int32Array(0); // agent × AGENT_INLINE per slot
  agentsOverflow: (number[] | undefined)[] = [];

  grow(): void {
    const n = Math.max(1024, this.capacity * 2);
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => { const b = new Float64Array(n); b.set(a); return b; };
    const u32 = (a: Uint32Array): Uint32Array<ArrayBuffer> => { const b = new Uint32Array(n); b.set(a); return b; };
    const i32 = (a: Int32Array): Int32Array<ArrayBuffer> => { const b = new Int32Array(n); b.set(a); return b; };
    const u8 = (a: Uint8Array): Uint8Array<ArrayBuffer> => { const b = new Uint8Array(n); b.set(a); return b; };
    this.firstEventAt = f64(this.firstEventAt); this.requestedAt = f64(this.requestedAt); this.pendingHumanAt = f64(this.pendingHumanAt);
    this.preBotAt = f64(this.preBotAt); this.preBotNoHumanAt = f64(this.preBotNoHumanAt);
    this.firstResponseAt = f64(this.firstResponseAt); this.firstBotAt = f64(this.firstBotAt); this.firstMessageAt = f64(this.firstMessageAt);
    this.lastMessageAt = f64(this.lastMessageAt); this.lastCustomerAt = f64(this.lastCustomerAt); this.lastAt = f64(this.lastAt);
    this.waitStart = f64(this.waitStart);
    this.customerMessages = u32(this.customerMessages); this.agentMessages = u32(this.agentMessages); this.botMessages = u32(this.botMessages);
    this.responder = i32(this.responder); this.firstNamed = i32(this.firstNamed); this.department = i32(this.department);
    this.channel = i32(this.channel);
    this.agentInitiated = u8(this.agentInitiated);
    this.internalNotes = u32(this.internalNotes);
    this.waitCount = ((a: Uint16Array): Uint16Array<ArrayBuffer> => { const b = new Uint16Array(n); b.set(a); return b; })(this.waitCount);
    this.agentCount = u8(this.agentCount);
    const wt = new Float64Array(n * WAIT_INLINE * 2);
    wt.set(this.waitTimes);
    this.waitTimes = wt;
    const ww = new Int32Array(n * WAIT_INLINE);
    ww.set(this.waitWho);
    this.waitWho = ww;
    this.idLength = u8(this.idLength);
    this.customerLength = u8(this.customerLength);
    this.idHash1 = i32(this.idHash1);
    this.idNumber = i32(this.idNumber);
    const ib = Buffer.alloc(n * INLINE_BYTES);
    this.idBytes.copy(ib);
    this.idBytes = ib;
    const cb = Buffer.alloc(n * INLINE_BYTES);
    this.customerBytes.copy(cb);
    this.customerBytes = cb;
    const ai = new Int32Array(n * AGENT_INLINE);
    ai.set(this.agentInline);
    this.agentInline = ai;
    this.capacity = n;
  }

  reset(s: number, at: number): void {
    this.firstEventAt[s] = at;
    this.requestedAt[s] = NaN; this.pendingHumanAt[s] = NaN; this.preBotAt[s] = NaN; this.preBotNoHumanAt[s] = NaN; this.firstResponseAt[s] = NaN; this.firstBotAt[s] = NaN;
    this.firstMessageAt[s] = NaN; this.lastMessageAt[s] = NaN; this.lastCustomerAt[s] = NaN; this.lastAt[s] = at; this.waitStart[s] = NaN;
    this.customerMessages[s] = 0; this.agentMessages[s] = 0; this.botMessages[s] = 0;
    this.responder[s] = NONE; this.firstNamed[s] = NONE; this.department[s] = NONE; this.channel[s] = NONE; this.customerLength[s] = 0; this.customerStrings[s] = undefined; this.idStrings[s] = undefined;
    this.agentInitiated[s] = 0;
    this.idNumber[s] = 0;
    this.internalNotes[s] = 0;
    this.ratings[s] = undefined;
    this.waitCount[s] = 0; this.waitsOverflow[s] = undefined; this.waitWhoOverflow[s] = undefined;
    this.agentCount[s] = 0; this.agentsOverflow[s] = undefined;
  }
}

/**
 * The byte-level reader: bytes → one record per valid row (fast-batch.ts), handed to `onBatch` once per chunk
 * together with the bytes the records point into. With `ownSegments`, a chunk's records and bytes go out in
 * shared memory (taken back through `recycle`): the records in SharedArrayBuffers of their own, a CSV chunk's bytes
 * in the region of the index's memory it was read in (`handsRegions`), other bytes copied into a segment. A batch
 * can so go to another thread and back while reading goes on, without detaching a buffer (fast-batch.ts newRecords
 * says why that matters).
 */
export class FastRowReader {
  private headerDone = false;
  private cols!: FastColumns;
  private line = 1;
  private readonly starts = new Int32Array(64);
  private readonly ends = new Int32Array(64);
  /**
   * 1 where the field was quoted and holds a doubled quote (its bytes need decoding); all zeros between records, so
   * the indexed lane writes none (a stale 1 could only send a field with no quote down a slower decoding that gives
   * the same text).
   */
  private readonly quoted = new Uint8Array(64);
  /** Columns the fold never reads (message text): skipped by memchr, never decoded. */
  private readonly skipField = new Uint8Array(64);
  /** Department, channel and customer columns (-1: absent), the order of the record's spans. */
  private spanColumns = new Int32Array(0);
  /** Agent names, indexed for the fold: the agent column on every row is the reader's to read (see `row`). */
  private readonly agentNames = new Interner();
  /** Numbers for the ids of recent rows (F_ID_NUMBER), when `numberIds`. */
  private readonly recentIds = new RecentIds();
  private readonly numberIds: boolean;
  /** Whether rows carry their agent's name (FastReaderOptions.agents and people). */
  private readonly readsAgents: boolean;
  /** Whether rows carry their customer (FastReaderOptions.people). */
  private readonly readsCustomer: boolean;
  /** The current file's counts; `fileStats` has every file's, in order. */
  stats: ReaderStats = { records: 0, skipped: 0, firstSkipped: [] };
  readonly fileStats: ReaderStats[] = [this.stats];
  /** The first file's header: every later file of the export must have the same. */
  private firstHeaders: readonly string[] | undefined;
  private readonly delimiter: number;
  private ints: Int32Array;
  private times: Float64Array;
  private count = 0;
  private readonly spareRecords: Pick<RowBatch, 'ints' | 'times'>[] = [];
  private readonly spareSegments: Uint8Array[] = [];

  /** Positions of each chunk's delimiters, line ends and quotes (NDJSON: quotes, backslashes, control characters), where WebAssembly SIMD runs. */
  private readonly structural: Pick<StructuralIndex, 'capacity' | 'positions' | 'starts' | 'ends' | 'quoted' | 'rows' | 'state' | 'index' | 'count' | 'split' | 'region' | 'use'>;
  /**
   * The reader thread's CSV chunks go to the main thread in the regions of the index's shared memory they were
   * read and scanned in (RowBatch.region), not copied out: 1 GB of copies took ~0.19 s of the reader's time,
   * writing lines the other core had just read. Region 0 stays here, for the chunks of a record too long for a
   * region; the others are handed over in turn and come back through `recycle`.
   */
  private readonly handsRegions: boolean;
  private readonly freeRegions: number[] = [];
  /** The region `work` is (-1: a buffer of its own, or none). */
  private workRegion = -1;

  /** Bytes that end an unquoted field: the delimiter, LF, CR (a table lookup beats three comparisons). */
  private readonly stops = new Uint8Array(256);

  constructor(
    private readonly options: FastReaderOptions,
    private readonly onBatch: (batch: RowBatch) => void,
    delimiter: ',' | ';' | '\t' = ',',
    private readonly ownSegments = false,
    // room for a read and a carried row: 256 KiB reads on the reader thread, 1 MiB on the main thread
    capacity = ownSegments ? 320 << 10 : INDEX_CAPACITY,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.numberIds = options.numberIds === true;
    this.readsAgents = options.people !== false && options.agents !== false;
    this.readsCustomer = options.people !== false;
    const regions = ownSegments && options.format !== 'ndjson' ? HANDED_REGIONS + 1 : 1;
    const index = options.indexed === false ? undefined
      : (regions > 1 ? StructuralIndex.create(capacity, regions, true) : undefined) ?? StructuralIndex.create(capacity);
    this.structural = index ?? NO_INDEX;
    this.handsRegions = index !== undefined && index.regions > 1;
    for (let r = regions - 1; r >= 1 && this.handsRegions; r--) this.freeRegions.push(r);
    // `fill` reads straight into the index's input: no copy per chunk (room() moves to a Buffer of its own only for
    // a record longer than the region holds); with handed regions, room() takes one for the first read
    if (!this.handsRegions) this.work = this.structural.region();
    this.stops[this.delimiter] = 1;
    this.stops[0x0a] = 1;
    this.stops[0x0d] = 1;
    ({ ints: this.ints, times: this.times } = newRecords(8192, ownSegments));
    if (options.botNames !== undefined && options.botNames.length > 0) this.botNames = new Set(options.botNames);
  }

  /** A batch the consumer is done with: its arrays are filled again instead of allocating new ones. */
  recycle(batch: Pick<RowBatch, 'bytes'> & Partial<Pick<RowBatch, 'ints' | 'times' | 'region'>>): void {
    if (batch.ints !== undefined && batch.times !== undefined) this.spareRecords.push({ ints: batch.ints, times: batch.times });
    if (batch.region !== undefined) this.freeRegions.push(batch.region);
    else if (this.ownSegments) this.spareSegments.push(new Uint8Array(batch.bytes.buffer)); // the whole segment, not the part used
  }

  /**
   * One chunk of input. The chunk may be reused by the caller afterwards (the reader fills one buffer again and
   * again, so reading makes no garbage): what outlives the call is copied.
   */
  push(chunk: Buffer): void {
    // Without a carried record the chunk is parsed where it is; else after it, in the work buffer.
    if (this.carried === 0 && !this.ownSegments) {
      this.consume(chunk);
      return;
    }
    this.room(chunk.length);
    chunk.copy(this.work, this.carried);
    this.consume(this.work.subarray(0, this.carried + chunk.length));
  }

  /**
   * `read` puts up to `length` bytes straight into the work buffer, after the carried part of an unfinished record
   * (no copy of the chunk); false when it read nothing (the end of the input).
   */
  fill(read: (into: Buffer, offset: number, length: number) => number, length: number): boolean {
    this.room(length);
    const n = read(this.work, this.carried, length);
    if (n === 0) return false;
    this.consume(this.work.subarray(0, this.carried + n));
    return true;
  }

  /** The work buffer: an unfinished record (`carried` bytes) at its front, room for `length` more after it. */
  private work: Buffer = NO_WORK;
  private carried = 0;

  private room(length: number): void {
    const need = this.carried + length;
    // into a free region whenever the record fits one (the first read, after a region went with its batch, after a
    // record too long for one)
    if (this.workRegion < 0 && this.handsRegions && need <= this.structural.capacity) {
      const r = this.freeRegions.pop();
      if (r !== undefined) {
        const region = this.structural.region(r);
        this.work.copy(region, 0, 0, this.carried);
        this.work = region;
        this.workRegion = r;
        this.structural.use(r);
        return;
      }
    }
    if (this.work.length >= need) return;
    const work = Buffer.allocUnsafe(Math.max(need, this.work.length * 2));
    this.work.copy(work, 0, 0, this.carried);
    this.work = work;
    if (this.workRegion >= 0) this.leaveRegion(true);
  }

  /** `work` is no longer the region it was: free again, or (`free` false) handed over with its batch. */
  private leaveRegion(free: boolean): void {
    if (free) this.freeRegions.push(this.workRegion);
    this.workRegion = -1;
    // chunks parsed from a buffer of this reader's own are copied into region 0 to be indexed
    this.structural.use(0);
  }

  /** Parses the whole records of `buf`, hands them over, keeps the unfinished one at the front of the work buffer. */
  private consume(buf: Buffer): void {
    const handed = this.lineSink !== undefined && this.headerDone && this.lineSink.wanted() ? this.handOver(buf, this.lineSink) : 0;
    const consumed = handed > 0 ? handed : this.parse(buf, false);
    const rest = buf.length - consumed;
    if (rest > this.maxRecordBytes) this.tooLarge(); // unfinished, and already too large
    if (handed === 0) this.flush(buf, consumed);
    if (buf.buffer === this.work.buffer && buf.byteOffset === this.work.byteOffset) {
      this.work.copyWithin(0, consumed, buf.length);
    } else {
      this.carried = 0;
      this.room(rest);
      buf.copy(this.work, 0, consumed);
    }
    this.carried = rest;
  }

  /** Where whole NDJSON lines go unparsed when the main thread has room (`handLinesTo`). */
  private lineSink: LineSink | undefined;
  /** The current file's first line (its keys), sent with the first lines handed over from the file. */
  private headerLine: Uint8Array | undefined;
  private headerHanded = false;

  /**
   * NDJSON on the reader thread: from now on, whenever `sink.wanted()`, a chunk's whole lines go to `sink` as bytes
   * with their first line's number, for the main thread to split (`takeLines`) and fold in their turn. Splitting
   * lines is most of the reader's work and the fold's thread would otherwise idle half the time. An NDJSON line
   * holds no raw line feed, so a chunk cut after its last one is whole lines. Each thread indexes agent names its
   * own way (the fold maps both to its own, FastConversationFold.apply); the main thread's reader numbers no ids
   * (its numbers would collide with this thread's). Returns whether lines will be handed over.
   */
  handLinesTo(sink: LineSink): boolean {
    if (this.options.format !== 'ndjson' || !this.ownSegments) return false;
    this.lineSink = sink;
    return true;
  }

  /** Hands `buf`'s whole lines to `sink`; returns their length (0: no whole line, `buf` is parsed here). */
  private handOver(buf: Buffer, sink: LineSink): number {
    const end = buf.lastIndexOf(0x0a) + 1;
    if (end === 0) return 0;
    const lines = end <= this.structural.capacity ? this.structural.count(buf.subarray(0, end), 0x0a) : lineFeeds(buf, end);
    const seg = this.segment(end);
    seg.set(buf.subarray(0, end));
    sink.send(seg, this.line, this.headerHanded ? undefined : this.headerLine);
    this.headerHanded = true;
    this.line += lines;
    return end;
  }

  /**
   * The main thread's side of `handLinesTo`: whole lines from the reader, `line` the first one's number, with
   * the file's first line when they are the first from a file. Their records go to onBatch before this returns.
   */
  takeLines(bytes: Uint8Array, line: number, header: Uint8Array | undefined): void {
    if (header !== undefined) this.startFile(header);
    this.line = line;
    this.fill((into, at) => {
      into.set(bytes, at);
      return bytes.length;
    }, bytes.length);
    if (this.carried !== 0) throw new Error('lines handed over end inside a line');
  }

  /**
   * The keys of the file whose lines `takeLines` reads next, from its first line; its own counts (a reader that has
   * read no file yet is at the start of one already).
   */
  private startFile(header: Uint8Array): void {
    if (this.headerDone) this.beginFile();
    this.jsonHeader(Buffer.from(header.buffer, header.byteOffset, header.length), 0, header.length);
  }

  private get maxRecordBytes(): number {
    return this.options.maxRecordBytes ?? MAX_RECORD_BYTES;
  }

  /** A record (row, NDJSON line) past the size limit: the general path reads the file and reports it by name. */
  private tooLarge(): never {
    throw new FastPathAbort('a record over the size limit: the general path names it');
  }

  /**
   * `size` bytes of shared memory the reader owns until its batch comes back: where a chunk's bytes are copied when
   * they cannot go in their region (NDJSON, a record longer than a region, no region free). NDJSON is parsed in the
   * reader's own work buffer and only then copied here: Buffer#indexOf, its line search, is three times slower on a
   * SharedArrayBuffer (Node 20); CSV rows are split by the index, and the JavaScript lanes' searches are rare.
   */
  private segment(size: number): Uint8Array {
    let seg = this.spareSegments.pop();
    if (seg === undefined || seg.length < size) seg = new Uint8Array(new SharedArrayBuffer(Math.max(size, 320 * 1024))); // a chunk and a carried record
    return seg.subarray(0, size);
  }

  /** Hands the records of `buf`'s first `length` bytes over with those bytes, and starts empty records. */
  private flush(buf: Buffer, length: number): void {
    let bytes = new Uint8Array(buf.buffer, buf.byteOffset, length);
    let region: number | undefined;
    if (this.workRegion >= 0 && buf.buffer === this.work.buffer && buf.byteOffset === this.work.byteOffset) {
      // the bytes stay where they were read: the region goes with the batch, and what follows is read elsewhere
      region = this.workRegion;
      this.leaveRegion(false);
      this.work = NO_WORK;
    } else if (this.ownSegments) {
      const seg = this.segment(length);
      seg.set(bytes);
      bytes = seg;
    }
    const batch: RowBatch = { names: this.agentNames.takeNew(), bytes, ints: this.ints, times: this.times, count: this.count };
    if (region !== undefined) batch.region = region;
    ({ ints: this.ints, times: this.times } = this.spareRecords.pop() ?? newRecords(Math.max(8192, this.count), this.ownSegments));
    this.count = 0;
    this.onBatch(batch);
  }

  end(): void {
    this.endFile();
  }

  /**
   * The next file of the same export (a month after a month): its header (the same columns, else the general path
   * runs), its own line numbers and counts. Conversations carry on across the boundary.
   */
  nextFile(): void {
    this.endFile();
    this.beginFile();
  }

  /** A file's own state from its start: no header yet, line 1, its own counts. */
  private beginFile(): void {
    this.headerDone = false;
    this.line = 1;
    this.jsonKeys = [];
    this.jsonKeyIndex.clear();
    this.headerLine = undefined;
    this.headerHanded = false;
    this.stats = { records: 0, skipped: 0, firstSkipped: [] };
    this.fileStats.push(this.stats);
  }

  /** The end of a file: its last record may lack a line break. */
  private endFile(): void {
    if (this.carried > 0) {
      const rest = this.work.subarray(0, this.carried);
      this.carried = 0;
      // An unterminated quote at the end of the file: csv-parse's error and line number are the ones to show.
      if (this.parse(rest, true) < rest.length) throw new FastPathAbort('unterminated quoted field at the end of the input');
      this.flush(rest, rest.length);
    }
    if (!this.headerDone) throw new FastPathAbort('no header');
  }

  /** Parses whole records; returns how many bytes were consumed (the rest waits for the next chunk). */
  private parse(buf: Buffer, isLast: boolean): number {
    if (this.view.buffer !== buf.buffer || this.view.byteOffset !== buf.byteOffset || this.view.byteLength !== buf.length) {
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    }
    if (this.options.format === 'ndjson') return this.parseNdjson(buf, isLast);
    const n = buf.length;
    const d = this.delimiter;
    let pos = 0;
    if (!this.headerDone && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    const starts = this.starts;
    const ends = this.ends;
    const quoted = this.quoted;
    const stops = this.stops;
    let nextQuote = -1;
    let nextNewline = -1;
    let nextCr = -1;
    // The structural index of the chunk (structural.ts), when there is one and the chunk fits: `count` positions.
    const index = this.headerDone && n <= this.structural.capacity ? this.structural : undefined;
    const count = index !== undefined ? index.index(buf, d) : 0;
    // a row's room in the split table: a row with more fields than the header and one is left to the lanes below
    const stride = this.headerDone ? this.cols.count + 1 : 0;
    let k = 0;
    while (pos < n) {
      // Indexed lane: rows whose fields are plain or wholly quoted (nearly all), split from the positions by the
      // WebAssembly module (structural.wat `split`), a table of rows at a time. Anything else goes on to the lanes
      // below, one row, which read it as before.
      if (count > 0) {
        const rows = index!.split(k, count, pos, n, d, stride);
        const table = index!.rows;
        const st = index!.starts;
        const en = index!.ends;
        const q = index!.quoted;
        for (let r = 0; r < rows; r++) {
          const fields = table[3 * r]!;
          const lineEnd = table[3 * r + 1]!;
          const b = r * stride;
          if (lineEnd - pos > this.maxRecordBytes) this.tooLarge();
          // a blank line has one empty field, at its start (`""` is a record of one empty field)
          if (fields !== 1 || en[b] !== pos) this.row(buf, fields, st, en, q, b);
          this.line += table[3 * r + 2]!;
          pos = lineEnd + 1;
        }
        const state = index!.state;
        k = state[0]!;
        const why = state[2]!;
        if (why === SPLIT_FULL) continue;
        // no line end before the chunk's: the row is unfinished (the lanes below say the same, more slowly)
        if (why === SPLIT_NO_LINE_END && !isLast) return pos;
      }
      // Fast lane: a record on one line with no quote (most rows). Line end and quotes are found by memchr
      // (Buffer#indexOf), fields we read by a byte loop, fields we skip (message text) by memchr too.
      if (this.headerDone) {
        if (nextNewline < pos) nextNewline = buf.indexOf(0x0a, pos);
        if (nextNewline === -1 && !isLast) return pos;
        if (nextQuote < pos && nextQuote !== n) {
          nextQuote = buf.indexOf(0x22, pos);
          if (nextQuote === -1) nextQuote = n;
        }
        const lineEnd = nextNewline === -1 ? n : nextNewline;
        if (lineEnd - pos > this.maxRecordBytes) this.tooLarge();
        if (nextQuote > lineEnd) {
          const end = lineEnd > pos && buf[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
          if (end === pos) { // blank line
            this.line++;
            pos = lineEnd + 1;
            continue;
          }
          // A CR inside the line is an error splitLine must see; without one it compares bytes to the delimiter only.
          if (nextCr < pos && nextCr !== n) {
            nextCr = buf.indexOf(0x0d, pos);
            if (nextCr === -1) nextCr = n;
          }
          const fields = nextCr < end ? this.splitLine(buf, pos, end) : this.splitPlainLine(buf, pos, end);
          this.row(buf, fields, starts, ends, quoted, 0);
          this.line++;
          pos = lineEnd + 1;
          continue;
        }
      }
      const recordStart = pos;
      let field = 0;
      let lines = 1;
      let i = pos;
      let complete = false;
      // One record: fields separated by the delimiter, ended by LF or CRLF (or CR alone), quotes honoured.
      for (;;) {
        if (field >= 64) throw new FastPathAbort('more than 64 columns');
        if (i < n && buf[i] === 0x22) {
          const s = i + 1;
          let j = s;
          let escaped = false;
          for (;;) {
            // memchr for the next quote; line breaks inside are counted only for these (rare) fields
            const k = buf.indexOf(0x22, j);
            j = k === -1 ? n : k;
            if (j + 1 >= n && !isLast) break; // need more bytes to know if the quote is doubled
            if (buf[j + 1] === 0x22) { j += 2; escaped = true; continue; }
            break;
          }
          if (j >= n || (j + 1 >= n && !isLast)) break;
          // Line breaks inside, for line numbers: LFs by memchr; a lone CR also counts (the next CR is looked up
          // once and remembered, so a file without any costs one search per chunk, not one per field).
          for (let k = buf.indexOf(0x0a, s); k !== -1 && k < j; k = buf.indexOf(0x0a, k + 1)) lines++;
          if (nextCr < s && nextCr !== n) {
            nextCr = buf.indexOf(0x0d, s);
            if (nextCr === -1) nextCr = n;
          }
          while (nextCr < j) {
            if (buf[nextCr + 1] !== 0x0a) lines++;
            nextCr = buf.indexOf(0x0d, nextCr + 1);
            if (nextCr === -1) nextCr = n;
          }
          starts[field] = s;
          ends[field] = j;
          // Only a field with a doubled quote needs decoding: the bytes between the quotes of any other are its
          // text, read like an unquoted field's (vendors that quote every field stay on the byte-level reads).
          quoted[field] = escaped ? 1 : 0;
          i = j + 1;
        } else {
          const s = i;
          while (i < n && stops[buf[i]!] === 0) i++;
          starts[field] = s;
          ends[field] = i;
          quoted[field] = 0;
        }
        field++;
        if (i >= n) {
          if (isLast) { complete = true; i = n; }
          break;
        }
        const c = buf[i];
        if (c === d) { i++; continue; }
        if (c === 0x0d) {
          if (i + 1 >= n && !isLast) break;
          i += buf[i + 1] === 0x0a ? 2 : 1;
          complete = true;
          break;
        }
        if (c === 0x0a) { i++; complete = true; break; }
        // A quoted field followed by something else: leave it to csv-parse's rules.
        throw new FastPathAbort(`line ${this.line}: characters after a closing quote`);
      }
      if (!complete) {
        quoted.fill(0, 0, Math.min(field + 1, 64));
        return recordStart;
      }
      if (i - recordStart > this.maxRecordBytes) this.tooLarge();
      // one empty field at the line's start, as in the indexed lane (`""` is a record of one empty field)
      const blank = field === 1 && ends[0] === recordStart;
      if (!blank) {
        if (!this.headerDone) this.csvHeader(buf, field);
        else this.row(buf, field, starts, ends, quoted, 0);
      }
      // the indexed lane never writes `quoted`: it is all zeros outside this record
      quoted.fill(0, 0, field);
      this.line += lines;
      pos = i;
    }
    return pos;
  }

  /** Fields of a quote-free line [start, end): returns the field count, positions in starts/ends. */
  private splitLine(buf: Buffer, start: number, end: number): number {
    const d = this.delimiter;
    const stops = this.stops;
    const skip = this.skipField;
    const starts = this.starts;
    const ends = this.ends;
    const quoted = this.quoted;
    let field = 0;
    let i = start;
    for (;;) {
      if (field >= 64) throw new FastPathAbort('more than 64 columns');
      starts[field] = i;
      quoted[field] = 0;
      if (skip[field] === 1) {
        const p = buf.indexOf(d, i);
        i = p === -1 || p > end ? end : p;
      } else {
        while (i < end && stops[buf[i]!] === 0) i++;
      }
      ends[field] = i;
      field++;
      if (i >= end) return field;
      if (buf[i] !== d) throw new FastPathAbort(`line ${this.line}: a carriage return inside a line`);
      i++;
    }
  }

  /** splitLine for a line with no CR: a field ends at the delimiter only (one comparison a byte, no table). */
  private splitPlainLine(buf: Buffer, start: number, end: number): number {
    const d = this.delimiter;
    const skip = this.skipField;
    const starts = this.starts;
    const ends = this.ends;
    const quoted = this.quoted;
    let field = 0;
    let i = start;
    for (;;) {
      if (field >= 64) throw new FastPathAbort('more than 64 columns');
      starts[field] = i;
      quoted[field] = 0;
      if (skip[field] === 1) {
        const p = buf.indexOf(d, i);
        i = p === -1 || p > end ? end : p;
      } else {
        while (i < end && buf[i] !== d) i++;
      }
      ends[field] = i;
      field++;
      if (i >= end) return field;
      i++;
    }
  }

  /**
   * NDJSON: whole lines only; each is one flat object read straight from its bytes (no JSON.parse). The chunk's
   * structural index lists its quotes, backslashes and control characters (line ends among them), so strings are
   * crossed position to position, not byte by byte, and a line ends where its object does.
   */
  private parseNdjson(buf: Buffer, isLast: boolean): number {
    const n = buf.length;
    let pos = 0;
    if (!this.headerDone && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    const count = this.indexJson(buf);
    this.jsonK = 0;
    while (pos < n) {
      const first = skipJsonSpace(buf, pos, n);
      if (first < n && buf[first] === 0x0a) { // a blank line
        this.line++;
        pos = first + 1;
        continue;
      }
      if (!this.headerDone) {
        let lineEnd = buf.indexOf(0x0a, pos);
        if (lineEnd === -1) {
          if (!isLast) return pos;
          lineEnd = n;
        }
        let end = lineEnd;
        while (end > pos && isJsonSpace(buf[end - 1]!)) end--;
        if (end === pos) break; // only whitespace, at the end of the input
        this.jsonHeader(buf, pos, end);
        if (this.lineSink !== undefined) this.headerLine = new Uint8Array(buf.subarray(pos, end)); // a copy: the buffer is read into again
      }
      // the object, then nothing but whitespace to the line feed (or the end of the input)
      const after = first < n ? this.splitJson(buf, first, n, count) : FAIL;
      if (after === FAIL || (after < n && buf[after] !== 0x0a) || (after === n && !isLast)) {
        const lineEnd = buf.indexOf(0x0a, pos);
        if (lineEnd === -1 && !isLast) return pos; // unfinished: the next chunk brings the rest
        if (first === n) break; // only whitespace, at the end of the input
        if (lineEnd - pos > this.maxRecordBytes) this.tooLarge();
        this.notFlat();
      }
      if (after - pos > this.maxRecordBytes) this.tooLarge();
      this.row(buf, this.cols.count, this.starts, this.ends, this.quoted, 0);
      this.line++;
      pos = after + 1;
    }
    return n;
  }

  /** Where `indexJson` put the chunk's positions: the WebAssembly index's, or `ownPositions` when it is missing or too small. */
  private jsonPositions: Int32Array = EMPTY_POSITIONS;
  private ownPositions: Int32Array = EMPTY_POSITIONS;

  /** Indexes the chunk's double quotes, backslashes and control characters; returns how many. */
  private indexJson(buf: Buffer): number {
    const index = this.structural;
    if (buf.length <= index.capacity) {
      this.jsonPositions = index.positions;
      return index.index(buf, 0x5c, 0x20);
    }
    // no WebAssembly SIMD, or a chunk with a record longer than the index holds: the same positions by a byte loop
    if (this.ownPositions.length < buf.length) this.ownPositions = new Int32Array(buf.length);
    const out = this.ownPositions;
    let count = 0;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === 0x22 || b === 0x5c || b < 0x20) out[count++] = i;
    }
    this.jsonPositions = out;
    return count;
  }

  /** A DataView of the chunk `parse` reads, for compares four bytes at a time (NDJSON keys, recent ids). */
  private view: DataView = new DataView(new ArrayBuffer(0));

  /** The first object's keys are the header: later lines are matched against them by position, then by name. */
  private jsonKeys: JsonKey[] = [];
  private readonly jsonKeyIndex = new Map<string, number>();

  private jsonHeader(buf: Buffer, start: number, end: number): void {
    let first: unknown;
    try {
      first = JSON.parse(utf8(buf, start, end));
    } catch {
      throw new FastPathAbort(`line ${this.line}: not JSON`);
    }
    if (first === null || typeof first !== 'object' || Array.isArray(first)) throw new FastPathAbort(`line ${this.line}: not a JSON object`);
    const own = Object.keys(first);
    const keys = [...(this.options.jsonKeys ?? own)];
    if (own.some((key) => !keys.includes(key))) throw new FastPathAbort(`line ${this.line}: a key the header does not have`);
    // The general path reads each line's own keys, a field from the first of its names the line has. A field the
    // header lacks gets a column under its first name, so that a later line's key reads as the general path reads
    // it (exports that leave out nulls write `rating` on rated rows only); two names for one field in the header
    // could each win on different lines, so that file is left to the general path.
    const norm = keys.map(normalizeHeader);
    for (const names of Object.values(COLUMN_NAMES)) {
      const present = names.filter((name) => norm.includes(name));
      if (present.length > 1) throw new FastPathAbort(`two keys for one field: ${present.join(', ')}`);
      if (present.length === 0 && !keys.includes(names[0])) keys.push(names[0]);
    }
    if (keys.length > 64) throw new FastPathAbort('more than 64 columns');
    this.jsonKeys = keys.map(jsonKey);
    keys.forEach((key, i) => this.jsonKeyIndex.set(key, i));
    this.header(keys);
  }

  /** The index position splitJson has reached (it returns the byte position). */
  private jsonK = 0;

  /**
   * Splits the flat JSON object at `start` into the column spans: string values without their quotes, null as
   * empty, numbers and booleans as written, a missing key as empty. Keys are expected in the first line's order (a
   * compare of their bytes), else found by name. Returns where the whitespace after the object ends, or FAIL: not
   * JSON, not flat, an escape or a control character in a key, or the end of `n` bytes came first (the caller tells
   * an unfinished line from a bad one). An escape in a value the fold reads gives up at once (the general path
   * decodes it). Every line accepted here is one JSON.parse accepts, with the same values.
   */
  private splitJson(buf: Buffer, start: number, n: number, count: number): number {
    const starts = this.starts;
    const ends = this.ends;
    const skipField = this.skipField;
    const keys = this.jsonKeys;
    const positions = this.jsonPositions;
    const view = this.view;
    const columns = this.cols.count;
    let k = this.jsonK;
    while (k < count && positions[k]! < start) k++; // past the line feed before the line
    let seen = 0; // columns set by this line, a bit each (at most 64 columns: see `header`)
    let seenHigh = 0;
    if (buf[start] !== 0x7b) return FAIL;
    let i = skipJsonSpace(buf, start + 1, n);
    if (buf[i] === 0x7d) i = skipJsonSpace(buf, i + 1, n);
    else {
      // the key expected next: the column after the last one found (a line that leaves a key out costs one lookup)
      for (let next = 0; ;) {
        if (buf[i] !== 0x22) return FAIL;
        let col: number;
        const expected = keys[next];
        if (expected !== undefined && i + expected.size <= n && isKeyAt(view, i, expected) && positions[k] === i) {
          // the common line: `"key":` as on the first line, no space, its two quotes the next two positions
          col = next;
          k += 2;
          i += expected.size - 1;
        } else {
          // any other key: a string from the quote at i to the next position, which must be its closing quote
          while (k < count && positions[k]! <= i) k++;
          if (k >= count) return FAIL;
          const ks = i + 1;
          const ke = positions[k++]!;
          if (buf[ke] !== 0x22) return FAIL;
          const key = decodeField(buf, ks, ke, false);
          const column = this.jsonKeyIndex.get(key);
          if (column !== undefined) col = column;
          else if (FIELD_NAMES.has(normalizeHeader(key))) {
            // the general path reads each line's own keys: this one may give a field another value there
            throw new FastPathAbort(`line ${this.line}: a key for a field under a name the header does not have`);
          } else col = -1; // a key no path reads
          i = skipJsonSpace(buf, ke + 1, n);
          if (buf[i] !== 0x3a) return FAIL;
        }
        if (col >= 0) next = col + 1;
        i = skipJsonSpace(buf, i + 1, n);
        let vs: number;
        let ve: number;
        if (buf[i] === 0x22) {
          vs = i + 1;
          if (positions[k] === i) k++;
          else while (k < count && positions[k]! <= i) k++;
          for (;;) {
            if (k >= count) return FAIL;
            const p = positions[k]!;
            const b = buf[p];
            if (b === 0x22) break;
            if (b !== 0x5c) return FAIL; // a control character (JSON.parse refuses them in strings), or the line's end
            if (col >= 0 && skipField[col] === 0) throw new FastPathAbort(`line ${this.line}: an escaped character in a field the fast path reads`);
            const length = jsonEscapeLength(buf, p, n);
            if (length === 0) return FAIL;
            while (k < count && positions[k]! < p + length) k++; // an escaped quote or backslash is no position of its own
          }
          ve = positions[k++]!;
          i = ve + 1;
        } else {
          vs = i;
          while (i < n && !jsonValueEnd(buf[i]!)) i++;
          ve = i;
          const literal = jsonLiteral(buf, vs, ve);
          if (literal === LITERAL_BAD) return FAIL;
          if (literal === LITERAL_NULL) ve = vs;
        }
        if (col >= 0) {
          starts[col] = vs;
          ends[col] = ve;
          if (col < 32) seen |= 1 << col;
          else seenHigh |= 1 << (col - 32);
        }
        if (buf[i] !== 0x2c) i = skipJsonSpace(buf, i, n);
        if (buf[i] === 0x2c) {
          i = skipJsonSpace(buf, i + 1, n);
          continue;
        }
        if (buf[i] !== 0x7d) return FAIL;
        i = skipJsonSpace(buf, i + 1, n);
        break;
      }
    }
    this.jsonK = k;
    // a key the line lacks reads as empty, like null
    if (seen !== lowBits(columns) || seenHigh !== lowBits(columns - 32)) {
      for (let f = 0; f < columns; f++) {
        if (((f < 32 ? seen >>> f : seenHigh >>> (f - 32)) & 1) === 0) {
          starts[f] = start;
          ends[f] = start;
        }
      }
    }
    return i;
  }

  private notFlat(): never {
    throw new FastPathAbort(`line ${this.line}: not a flat JSON object`);
  }

  private csvHeader(buf: Buffer, fields: number): void {
    const headers: string[] = [];
    for (let f = 0; f < fields; f++) headers.push(decodeField(buf, this.starts[f]!, this.ends[f]!, this.quoted[f] === 1));
    this.header(headers);
  }

  private header(headers: readonly string[]): void {
    const first = this.firstHeaders;
    if (first === undefined) this.firstHeaders = [...headers];
    else if (first.length !== headers.length || first.some((h, i) => h !== headers[i])) throw new FastPathAbort('files with different columns');
    const fields = headers.length;
    const cols = fastColumns(headers);
    if (cols === undefined) throw new FastPathAbort('header is not the generic message format');
    this.cols = cols;
    const used = new Set([cols.id, cols.at, cols.role, cols.author, cols.agent, cols.department, cols.channel, cols.rating, cols.customer, cols.internal]);
    for (let f = 0; f < fields; f++) this.skipField[f] = used.has(f) ? 0 : 1;
    // with agents (FastReaderOptions.agents), records carry these spans; without, the customer's at most (`row`)
    this.spanColumns = Int32Array.of(cols.department, cols.channel, cols.customer);
    this.headerDone = true;
  }

  /**
   * The customer: the customer id column, or (a row without one) a customer row's author name, as the generic
   * adapter gives each event (the fold keeps the first). Returns the quoted bits.
   */
  private customerSpan(ints: Int32Array, o: number, role: number, st: Int32Array, en: Int32Array, q: Uint8Array, b: number, qbits: number): number {
    const author = this.cols.author;
    if (ints[o + F_CUSTOMER + 1]! > ints[o + F_CUSTOMER]! || role !== ROLE_CUSTOMER || author < 0) return qbits;
    ints[o + F_CUSTOMER] = st[b + author]!;
    ints[o + F_CUSTOMER + 1] = en[b + author]!;
    return (qbits & ~Q_CUSTOMER) | (q[b + author] === 1 ? Q_CUSTOMER : 0);
  }

  private skip(field: string | undefined, reason: string): void {
    this.stats.skipped++;
    if (this.stats.firstSkipped.length < 20) this.stats.firstSkipped.push({ line: this.line, ...(field ? { field } : {}), reason });
    if (this.stats.skipped > this.options.maxSkipped) throw new FastPathAbort('too many skipped rows: the general path reports them');
  }

  /** A row whose field f is [st[b + f], en[b + f]), its bytes to decode (doubled quotes) where q[b + f] is 1. */
  private row(buf: Buffer, fields: number, st: Int32Array, en: Int32Array, q: Uint8Array, b: number): void {
    const cols = this.cols;
    if (fields !== cols.count) {
      this.skip(undefined, raggedReason(fields, cols.count));
      return;
    }
    const is = st[b + cols.id]!;
    const ie = en[b + cols.id]!;
    if (ie <= is) { this.skip('conversation_id', 'empty: every row needs its conversation id'); return; }
    // timestamp
    const at = this.timestamp(buf, st[b + cols.at]!, en[b + cols.at]!, q[b + cols.at] === 1);
    if (Number.isNaN(at)) {
      const raw = decodeField(buf, st[b + cols.at]!, en[b + cols.at]!, q[b + cols.at] === 1);
      this.skip('timestamp', raw.trim() === '' ? 'empty, a timestamp is required' : `not a date: "${raw}" (expected ISO 8601 like 2026-01-05T09:00:00Z, or epoch seconds)`);
      return;
    }
    // role
    let role = this.role(buf, st[b + cols.role]!, en[b + cols.role]!, q[b + cols.role] === 1);
    if (role < 0) {
      this.skip('author_type', `unknown author type "${decodeField(buf, st[b + cols.role]!, en[b + cols.role]!, q[b + cols.role] === 1)}" (expected customer, agent, bot or system)`);
      return;
    }
    // rating (validated before the row changes any state, so a bad one skips the whole row like the adapter does)
    const rating = cols.rating >= 0 && en[b + cols.rating]! > st[b + cols.rating]! ? this.rating(buf, st[b + cols.rating]!, en[b + cols.rating]!, q[b + cols.rating] === 1) : 0;
    this.stats.records++;
    if (this.count === this.times.length) this.growRecords();
    const r = this.count++;
    const o = r * RECORD_INTS;
    const ints = this.ints;
    this.times[r] = at;
    if (role === ROLE_AGENT && this.botNames !== undefined && cols.author >= 0 && en[b + cols.author]! > st[b + cols.author]!
      && this.isBot(decodeField(buf, st[b + cols.author]!, en[b + cols.author]!, q[b + cols.author] === 1))) role = ROLE_BOT;
    const internal = cols.internal >= 0 && en[b + cols.internal]! > st[b + cols.internal]! && this.isTrue(buf, st[b + cols.internal]!, en[b + cols.internal]!, q[b + cols.internal] === 1);
    ints[o + F_CODE] = role | (rating << RATING_SHIFT) | (internal ? INTERNAL_NOTE : 0);
    ints[o + F_ID] = is;
    ints[o + F_ID + 1] = ie;
    let qbits = q[b + cols.id] === 1 ? Q_ID : 0;
    if (this.numberIds) {
      ints[o + F_ID_NUMBER] = this.recentIds.number(this.view, is, ie);
    } else {
      ints[o + F_ID_NUMBER] = 0;
    }
    if (this.readsAgents) {
      // The department, channel and customer columns, in the record's order (fast-batch.ts); an absent column reads
      // as an empty field. The fold reads them on a conversation's first rows only.
      const spans = this.spanColumns;
      for (let k = 0; k < spans.length; k++) {
        const col = spans[k]!;
        const f = o + F_DEPARTMENT + 2 * k;
        if (col >= 0) {
          ints[f] = st[b + col]!;
          ints[f + 1] = en[b + col]!;
          if (q[b + col] === 1) qbits |= Q_DEPARTMENT << k;
        } else {
          ints[f] = 0;
          ints[f + 1] = 0;
        }
      }
      qbits = this.customerSpan(ints, o, role, st, en, q, b, qbits);
      // The agent: the agent column (the conversation's assignee, on every row), or an agent row's author. Read
      // here, where every row's bytes pass anyway, rather than on the thread that folds and runs the metrics.
      ints[o + F_AGENT] = this.agentOf(buf, role, st, en, q, b);
    } else {
      // Without agents the fold reads the customer's span at most, and without people none (the department's and
      // the channel's are left as they were): a loop over the three columns cost ~10 ns a row.
      if (this.readsCustomer) {
        const col = this.cols.customer;
        ints[o + F_CUSTOMER] = col >= 0 ? st[b + col]! : 0;
        ints[o + F_CUSTOMER + 1] = col >= 0 ? en[b + col]! : 0;
        if (col >= 0 && q[b + col] === 1) qbits |= Q_CUSTOMER;
        qbits = this.customerSpan(ints, o, role, st, en, q, b, qbits);
      }
      ints[o + F_AGENT] = NONE;
    }
    ints[o + F_QUOTED] = qbits;
  }

  /** The row's agent name index (NONE: none): the agent column, else an agent row's author. */
  private agentOf(buf: Buffer, role: number, st: Int32Array, en: Int32Array, q: Uint8Array, b: number): number {
    const cols = this.cols;
    if (cols.agent >= 0 && en[b + cols.agent]! > st[b + cols.agent]!) {
      const agent = this.agentNames.intern(buf, st[b + cols.agent]!, en[b + cols.agent]!, q[b + cols.agent] === 1, this.view);
      if (agent !== NONE) return agent;
    }
    if (role === ROLE_AGENT && cols.author >= 0 && en[b + cols.author]! > st[b + cols.author]!) {
      return this.agentNames.internString(decodeField(buf, st[b + cols.author]!, en[b + cols.author]!, q[b + cols.author] === 1));
    }
    return NONE;
  }

  private growRecords(): void {
    const { ints, times } = newRecords(this.times.length * 2, this.ownSegments);
    ints.set(this.ints);
    times.set(this.times);
    this.ints = ints;
    this.times = times;
  }

  /** `--bot-names` (undefined: none given, no row is reclassified). */
  private botNames: ReadonlySet<string> | undefined;
  /** Authors already judged (a few names, many rows). */
  private readonly botJudged = new Map<string, boolean>();

  private isBot(author: string): boolean {
    let bot = this.botJudged.get(author);
    if (bot === undefined) {
      bot = isBotNameIn(author, this.botNames ?? new Set());
      if (this.botJudged.size < 100_000) this.botJudged.set(author, bot);
    }
    return bot;
  }

  /** The generic adapter's reading of the internal column (true, 1, yes, note...). */
  private isTrue(buf: Uint8Array, s: number, e: number, quoted: boolean): boolean {
    if (e - s === 1) return buf[s] === 0x31 || buf[s] === 0x79 || buf[s] === 0x59; // 1, y, Y: the common one-byte cases
    return e - s <= 64 && TRUE_WORDS.has(decodeField(buf, s, e, quoted).trim().toLowerCase());
  }

  private timestamp(buf: Uint8Array, s: number, e: number, quoted: boolean): number {
    // YYYY-MM-DDTHH:MM:SSZ straight from bytes; anything else through the general parser
    if (!quoted && e - s === 20) {
      // Rows come in time order, so the minute is nearly always the previous row's: its 16 bytes were validated
      // and decoded then, and only the seconds are new. The 16 bytes are compared as four words read through the
      // chunk's view (`parse` keeps it over `buf`), the minute's word first, the likeliest to differ. A minute seen
      // for the first time goes through the whole check.
      const v = this.view;
      if (v.getInt32(s + 12, true) === this.minuteWords[3] && v.getInt32(s + 8, true) === this.minuteWords[2]
        && v.getInt32(s + 4, true) === this.minuteWords[1] && v.getInt32(s, true) === this.minuteWords[0]
        && buf[s + 16] === 0x3a && buf[s + 19] === 0x5a) {
        const a = buf[s + 17]! - 48;
        const b = buf[s + 18]! - 48;
        if ((a | (5 - a) | b | (9 - b)) >= 0) return this.minuteMs + (a * 10 + b) * 1000;
      } else if (isIsoUtc(buf, s)) {
        const at = this.newMinute(buf, s);
        if (!Number.isNaN(at)) return at;
      }
    }
    return parseTimestamp(decodeField(buf, s, e, quoted), { zone: this.options.inputTz });
  }

  /**
   * A validated YYYY-MM-DDTHH:MM:SSZ whose minute differs from the cached one: decoded whole (NaN: a date or time
   * out of range, for the general parser to refuse), its minute cached when valid.
   */
  private newMinute(buf: Uint8Array, s: number): number {
    const dg = (k: number): number => buf[s + k]! - 48;
    const y = dg(0) * 1000 + dg(1) * 100 + dg(2) * 10 + dg(3);
    const mo = dg(5) * 10 + dg(6);
    const d = dg(8) * 10 + dg(9);
    const hh = dg(11) * 10 + dg(12);
    const mi = dg(14) * 10 + dg(15);
    const ss = dg(17) * 10 + dg(18);
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && y >= 1970 && hh <= 23 && mi <= 59 && ss <= 59)) return NaN;
    this.minuteMs = daysFromCivil(y, mo, d) * 86_400_000 + (hh * 60 + mi) * 60_000;
    for (let k = 0; k < 4; k++) this.minuteWords[k] = this.view.getInt32(s + 4 * k, true);
    return this.minuteMs + ss * 1000;
  }

  /**
   * The last minute decoded by `newMinute` (YYYY-MM-DDTHH:MM), as four little-endian words of its bytes (zeros at
   * first: no date starts with a NUL).
   */
  private readonly minuteWords = new Int32Array(4);
  private minuteMs = NaN;

  private role(buf: Uint8Array, s: number, e: number, quoted: boolean): number {
    // The four words as written by most exports, compared whole (a first and last byte would take "cxxxxxxr"),
    // spelled out: a loop over the word's bytes was an eighth of the reader's per-row work.
    if (!quoted) {
      const len = e - s;
      switch (buf[s]) {
        case 0x63: // customer
          if (len === 8 && buf[s + 1] === 0x75 && buf[s + 2] === 0x73 && buf[s + 3] === 0x74 && buf[s + 4] === 0x6f && buf[s + 5] === 0x6d && buf[s + 6] === 0x65 && buf[s + 7] === 0x72) return ROLE_CUSTOMER;
          break;
        case 0x61: // agent
          if (len === 5 && buf[s + 1] === 0x67 && buf[s + 2] === 0x65 && buf[s + 3] === 0x6e && buf[s + 4] === 0x74) return ROLE_AGENT;
          break;
        case 0x62: // bot
          if (len === 3 && buf[s + 1] === 0x6f && buf[s + 2] === 0x74) return ROLE_BOT;
          break;
        case 0x73: // system
          if (len === 6 && buf[s + 1] === 0x79 && buf[s + 2] === 0x73 && buf[s + 3] === 0x74 && buf[s + 4] === 0x65 && buf[s + 5] === 0x6d) return ROLE_SYSTEM;
          break;
      }
    }
    const word = roleFromWord(decodeField(buf, s, e, quoted));
    return word === undefined ? -1 : ROLE_CODES[word];
  }

  /** A 1-5 digit; any other rating aborts to the general path, which knows every rating word. */
  private rating(buf: Uint8Array, s: number, e: number, quoted: boolean): number {
    if (!quoted && e - s === 1 && buf[s]! >= 0x31 && buf[s]! <= 0x35) return buf[s]! - 0x30;
    throw new FastPathAbort('a rating outside 1-5 digits: the general path reads it');
  }

}

/** The fold: records → per-conversation figures in typed arrays → Conversation, exactly as foldConversation does. */
export class FastConversationFold {
  private readonly slots = new SlotState();
  private readonly free: number[] = [];
  private nextSlot = 0;
  /** Open conversations by the hash of their id's bytes; `probe`: where the last lookup that missed ended, where its id goes. */
  private readonly table = new SlotTable(this.slots.idHash1);
  private probe = 0;
  /** The slot of each recent id number (F_ID_NUMBER), direct-mapped by the number's low bits; valid while the slot's idNumber is that number. */
  private readonly numberSlots = new Int32Array(ID_NUMBER_SLOTS);
  private openCount = 0;
  peakOpen = 0;
  /**
   * Fingerprints of every id opened so far (both hashes over its bytes, the pair `fingerprint(id)` gives for ASCII):
   * an id that is not open and is here was folded, and came back. Added when opened, in the probe that checks it,
   * rather than when folded: one touch of its cell per conversation instead of two (the table outgrows the cache).
   * Kept here, not by the reader for the ids it numbers: with the metrics over columns the reader is the busier
   * thread (1 GB full report: 0.95x the wall time).
   */
  private readonly seen = new FingerprintSet();
  /** Agent names by index, as the batches bring them. */
  private readonly agentNames: string[] = [];
  /**
   * Each reader's agent-name indices as this fold's: a second reader (NDJSON lines handed to the main thread, see
   * FastRowReader.handLinesTo) indexes names its own way, so a name gets one index here whichever reader brought it.
   */
  private readonly nameIndex = new Map<string, number>();
  private readonly remaps: number[][] = [[], []];
  /** The remap of the batch being folded. */
  private remap: number[] = this.remaps[0]!;
  private readonly departments = new Interner();
  private readonly channels = new Interner();
  private newestAt = -Infinity;
  private scannedAt = -Infinity;
  private sinceScan = 0;

  private readonly people: boolean;
  private readonly agents: boolean;
  private readonly replies: boolean;
  private readonly ids: boolean;

  /** Where folded conversations go as rows (FastFoldOptions.onBatch). */
  private readonly batch: ConversationBatch | undefined;

  constructor(private readonly options: FastFoldOptions) {
    this.batch = options.onBatch !== undefined ? new ConversationBatch(BATCH_ROWS) : undefined;
    this.people = options.people !== false;
    this.agents = this.people && options.agents !== false;
    this.replies = options.replies !== false;
    this.ids = options.ids !== false;
  }

  /** Folds a batch's records; `reader` 1: from the main thread's reader of handed-over lines. */
  apply(batch: RowBatch, reader: 0 | 1 = 0): void {
    const remap = this.remaps[reader]!;
    for (const name of batch.names) {
      let index = this.nameIndex.get(name);
      if (index === undefined) {
        index = this.agentNames.length;
        this.agentNames.push(name);
        this.nameIndex.set(name, index);
      }
      remap.push(index);
    }
    this.remap = remap;
    const b = batch.bytes;
    // decoded in place through a Buffer view (one per batch, not per field)
    const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
    const ints = batch.ints;
    const times = batch.times;
    for (let r = 0; r < batch.count; r++) this.row(buf, ints, times, r);
  }

  /** Every conversation still open: the input has ended. */
  finish(): void {
    const lastAt = this.slots.lastAt;
    for (let slot = 0; slot < this.nextSlot; slot++) if (lastAt[slot] !== Infinity) this.emit(slot);
    this.flushBatch();
    this.table.clear();
  }

  // The row's time is read here, not passed: a double passed to a call that is not inlined is boxed, a heap number
  // per row (~16 bytes of garbage a row).
  private row(buf: Buffer, ints: Int32Array, times: Float64Array, r: number): void {
    const o = r * RECORD_INTS;
    const at = times[r]!;
    const code = ints[o + F_CODE]!;
    const role = code & ROLE_MASK;
    const rating = (code >> RATING_SHIFT) & RATING_BITS;
    const qbits = ints[o + F_QUOTED]!;
    const S = this.slots;
    // the id's number from the reader: its conversation without reading the id's bytes (most rows)
    const number = ints[o + F_ID_NUMBER]!;
    let s = number !== 0 ? this.numberSlots[number & (ID_NUMBER_SLOTS - 1)]! : -1;
    if (s >= 0 && S.idNumber[s] !== number) s = -1;
    if (s < 0) {
      const is = ints[o + F_ID]!;
      const ie = ints[o + F_ID + 1]!;
      const h1 = fnv1aBytes(buf, is, ie);
      s = this.lookup(buf, is, ie, h1);
      if (s < 0) {
        // Not open: new, unless it was seen before, i.e. opened and since folded (the second hash only for a new
        // conversation)
        let h2 = 0x9747b28c;
        for (let i = is; i < ie; i++) h2 = Math.imul(h2 ^ buf[i]!, 0x5bd1e995) ^ (h2 >>> 13);
        if (!this.seen.addNew(h1, h2)) throw new FastPathAbort('a conversation came back after being folded early');
        s = this.allocate(buf, is, ie, (qbits & Q_ID) !== 0, at, h1);
      }
      if (number !== 0) {
        S.idNumber[s] = number;
        this.numberSlots[number & (ID_NUMBER_SLOTS - 1)] = s;
      }
    }
    if (at < S.lastAt[s]!) throw new FastPathAbort('rows of a conversation are not in time order');
    S.lastAt[s] = at;
    if (at > this.newestAt) this.newestAt = at;
    let agent = NONE;
    if (this.agents) agent = this.whoTookPart(buf, ints, o, s, qbits);
    if (this.people && S.customerLength[s] === 0) this.takeCustomer(buf, ints, o, s, qbits);

    // the fold, in time order (fold.ts, pass 1 and 2 at once); an internal note is counted and nothing more
    if ((code & INTERNAL_NOTE) !== 0) {
      S.internalNotes[s]!++;
    } else {
      if (Number.isNaN(S.firstMessageAt[s]!)) S.firstMessageAt[s] = at;
      S.lastMessageAt[s] = at;
      if (role === ROLE_CUSTOMER) {
        S.customerMessages[s]!++;
        S.lastCustomerAt[s] = at;
        if (Number.isNaN(S.requestedAt[s]!) && S.agentInitiated[s] === 0) {
          const pending = S.pendingHumanAt[s]!;
          if (!Number.isNaN(pending) && pending < at) S.agentInitiated[s] = 1;
          else {
            S.requestedAt[s] = at;
            if (!Number.isNaN(pending)) S.firstResponseAt[s] = pending; // same-instant tie: the reply counts
            // A bot message in the same instant, written before the request, is a bot response too (fold.ts
            // reads time-ordered events with the request known); with --count-bots it is the first response
            // unless a human one came before it in that instant.
            if (S.preBotAt[s] === at) {
              S.firstBotAt[s] = at;
              if (this.options.countBots && (Number.isNaN(pending) || S.preBotNoHumanAt[s] === at)) {
                S.firstResponseAt[s] = at;
                S.responder[s] = NONE;
              }
            }
          }
        }
        if (this.replies && Number.isNaN(S.waitStart[s]!)) S.waitStart[s] = at;
      } else if (role === ROLE_AGENT || role === ROLE_BOT) {
        const isHuman = role === ROLE_AGENT;
        if (isHuman) S.agentMessages[s]!++;
        else S.botMessages[s]!++;
        const requested = S.requestedAt[s]!;
        if (!isHuman && Number.isNaN(requested)) {
          S.preBotAt[s] = at;
          if (Number.isNaN(S.pendingHumanAt[s]!)) S.preBotNoHumanAt[s] = at;
        }
        if (isHuman && Number.isNaN(requested) && S.agentInitiated[s] === 0 && Number.isNaN(S.pendingHumanAt[s]!)) {
          S.pendingHumanAt[s] = at;
          S.responder[s] = agent;
        }
        if (!Number.isNaN(requested)) {
          if (isHuman && Number.isNaN(S.firstResponseAt[s]!)) {
            S.firstResponseAt[s] = at;
            S.responder[s] = agent;
          } else if (!isHuman) {
            if (Number.isNaN(S.firstBotAt[s]!)) S.firstBotAt[s] = at;
            if (this.options.countBots && Number.isNaN(S.firstResponseAt[s]!)) S.firstResponseAt[s] = at;
          }
        }
        // waitStart stays NaN without replies: nothing is recorded
        if ((isHuman || this.options.countBots) && !Number.isNaN(S.waitStart[s]!)) {
          const k = S.waitCount[s]!;
          const who = isHuman ? agent : NONE;
          if (k < WAIT_INLINE) {
            S.waitTimes[(s * WAIT_INLINE + k) * 2] = S.waitStart[s]!;
            S.waitTimes[(s * WAIT_INLINE + k) * 2 + 1] = at;
            S.waitWho[s * WAIT_INLINE + k] = who;
          } else {
            (S.waitsOverflow[s] ??= []).push(S.waitStart[s]!, at);
            (S.waitWhoOverflow[s] ??= []).push(who);
          }
          if (k === 65_535) throw new FastPathAbort('more than 65,535 replies in one conversation');
          S.waitCount[s] = k + 1;
          S.waitStart[s] = NaN;
        }
      }
    }
    if (rating !== 0) S.ratings[s] = CSAT_RATINGS[rating - 1];
    if (this.options.idleWindowMs !== null && ++this.sinceScan >= SCAN_EVERY) {
      this.sinceScan = 0;
      this.evictIdle(this.options.idleWindowMs);
    }
  }

  /**
   * Who took part, from the record: the agent (returned: the row's agent name, NONE: none), the conversation's
   * agents, department and channel. Records carry agents only when the fold reads them (`agents`).
   */
  private whoTookPart(buf: Buffer, ints: Int32Array, o: number, s: number, qbits: number): number {
    const S = this.slots;
    const named = ints[o + F_AGENT]!;
    const agent = named === NONE ? NONE : this.remap[named]!;
    if (agent !== NONE) {
      if (S.firstNamed[s] === NONE) S.firstNamed[s] = agent;
      const k = S.agentCount[s]!;
      let seen = false;
      for (let i = 0; i < k && i < AGENT_INLINE; i++) if (S.agentInline[s * AGENT_INLINE + i] === agent) seen = true;
      if (!seen && k > AGENT_INLINE) seen = S.agentsOverflow[s]!.includes(agent);
      if (!seen) {
        if (k < AGENT_INLINE) S.agentInline[s * AGENT_INLINE + k] = agent;
        else (S.agentsOverflow[s] ??= []).push(agent);
        if (k < 255) S.agentCount[s] = k + 1;
        else throw new FastPathAbort('more than 255 agents in one conversation');
      }
    }
    if (S.department[s] === NONE) S.department[s] = this.departments.intern(buf, ints[o + F_DEPARTMENT]!, ints[o + F_DEPARTMENT + 1]!, (qbits & Q_DEPARTMENT) !== 0);
    if (S.channel[s] === NONE) S.channel[s] = this.channels.intern(buf, ints[o + F_CHANNEL]!, ints[o + F_CHANNEL + 1]!, (qbits & Q_CHANNEL) !== 0);
    return agent;
  }

  /**
   * The conversation's customer, while it has none, from a record that names one (the reader chose the column):
   * customers are as many as conversations, kept with the conversation, not interned for good.
   */
  private takeCustomer(buf: Buffer, ints: Int32Array, o: number, s: number, qbits: number): void {
    const S = this.slots;
    const cs = ints[o + F_CUSTOMER]!;
    const ce = ints[o + F_CUSTOMER + 1]!;
    if (ce <= cs) return;
    const quoted = (qbits & Q_CUSTOMER) !== 0;
    if (!quoted && ce - cs <= INLINE_BYTES) {
      copyShort(buf, cs, ce, S.customerBytes, s * INLINE_BYTES);
      S.customerLength[s] = ce - cs;
      return;
    }
    // bytes whenever they fit, however the field was written (ConversationBatch.customerBytes)
    const customer = decodeField(buf, cs, ce, quoted);
    const length = writeCustomer(S.customerBytes, s * INLINE_BYTES, customer);
    S.customerLength[s] = length;
    if (length === CUSTOMER_LONG) S.customerStrings[s] = customer;
  }

  private lookup(buf: Uint8Array, s: number, e: number, h: number): number {
    const S = this.slots;
    const len = e - s;
    const table = this.table;
    let i = table.home(h);
    outer: for (let entry = table.entry(i); entry !== 0; i = table.next(i), entry = table.entry(i)) {
      const slot = entry - 1;
      if (S.idHash1[slot] !== h) continue;
      if (S.idLength[slot] === OVERFLOW) {
        const id = S.idStrings[slot]!;
        if (id.length !== len) continue;
        for (let k = 0; k < len; k++) if (id.charCodeAt(k) !== buf[s + k]) continue outer;
        return slot;
      }
      if (S.idLength[slot] !== len) continue;
      const base = slot * INLINE_BYTES;
      for (let k = 0; k < len; k++) if (S.idBytes[base + k] !== buf[s + k]) continue outer;
      return slot;
    }
    this.probe = i;
    return -1;
  }

  private allocate(buf: Buffer, is: number, ie: number, quoted: boolean, at: number, h: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.nextSlot++;
      if (s >= this.slots.capacity) {
        this.slots.grow();
        this.table.rebind(this.slots.idHash1);
      }
    }
    const S = this.slots;
    S.reset(s, at);
    // ids with non-ASCII bytes never match by char code: force them through the general path
    for (let i = is; i < ie; i++) if (buf[i]! > 0x7f) throw new FastPathAbort('non-ASCII conversation id');
    if (!quoted && ie - is <= INLINE_BYTES) {
      copyShort(buf, is, ie, S.idBytes, s * INLINE_BYTES);
      S.idLength[s] = ie - is;
    } else {
      const id = decodeField(buf, is, ie, quoted);
      // `lookup` compares the raw bytes of later rows with this string: a doubled quote ("A""B") would never match
      if (id.length !== ie - is) throw new FastPathAbort('a conversation id with a doubled quote');
      S.idStrings[s] = id;
      S.idLength[s] = OVERFLOW;
    }
    S.idHash1[s] = h;
    this.table.insert(this.probe, s); // where lookup(h) ended: nothing has moved since
    this.openCount++;
    if (this.openCount > this.peakOpen) this.peakOpen = this.openCount;
    return s;
  }

  private idOf(s: number): string {
    const S = this.slots;
    if (S.idLength[s] === OVERFLOW) return S.idStrings[s]!;
    return asciiString(S.idBytes, s * INLINE_BYTES, s * INLINE_BYTES + S.idLength[s]!);
  }

  private customerOf(s: number): string | undefined {
    const S = this.slots;
    const len = S.customerLength[s]!;
    if (len === 0) return undefined;
    if (len === OVERFLOW) return S.customerStrings[s];
    return utf8(S.customerBytes, s * INLINE_BYTES, s * INLINE_BYTES + len);
  }

  private evictIdle(windowMs: number): void {
    // Scan once the data has moved on by 1/32 of the window (a walk of the slots: cheap even with many open). The
    // conversations it folds are measured at once, a burst the reader's eight batches in flight must cover: with a
    // quarter of the window, the reader waited on them and then this thread on the reader (1 GB: 0.9x with 1/32).
    if (this.newestAt - this.scannedAt < windowMs / 32) return;
    this.scannedAt = this.newestAt;
    const horizon = this.newestAt - windowMs;
    // A walk over the slots' last-row times (a typed array; free slots hold +Infinity): ~2 ns a slot, where a walk
    // over the hash index cost ~50 ns an entry (1 GB: ~0.15 s of the main thread). Only the idle are unlinked.
    const S = this.slots;
    const lastAt = S.lastAt;
    for (let slot = 0; slot < this.nextSlot; slot++) {
      if (lastAt[slot]! >= horizon) continue;
      this.table.remove(slot);
      this.emit(slot);
      lastAt[slot] = Infinity;
      S.idNumber[slot] = 0; // a row with its number must not find it again
      this.free.push(slot);
    }
    this.flushBatch();
  }

  private emit(s: number): void {
    this.openCount--;
    const batch = this.batch;
    if (batch === undefined) {
      this.options.onConversation(this.materialize(s));
      return;
    }
    this.fillRow(batch, s);
    if (batch.full) this.flushBatch();
  }

  private flushBatch(): void {
    const batch = this.batch;
    if (batch === undefined || batch.size === 0) return;
    this.options.onBatch!(batch);
    batch.size = 0;
  }

  /** The next row of `batch`: the fields `materialize` gives the record the metrics read (ConversationBatch). */
  private fillRow(batch: ConversationBatch, s: number): void {
    const S = this.slots;
    const r = batch.size;
    const requested = S.requestedAt[s]!;
    const isAgentInitiated = Number.isNaN(requested);
    const agentMessages = S.agentMessages[s]!;
    const lastMessageAt = S.lastMessageAt[s]!;
    batch.firstEventAt[r] = S.firstEventAt[s]!;
    batch.createdAt[r] = Number.NaN;
    batch.requestedAt[r] = requested;
    batch.firstMessageAt[r] = S.firstMessageAt[s]!;
    batch.lastMessageAt[r] = lastMessageAt;
    batch.lastCustomerMessageAt[r] = S.lastCustomerAt[s]!;
    batch.firstResponseAt[r] = isAgentInitiated ? Number.NaN : S.firstResponseAt[s]!;
    batch.firstBotResponseAt[r] = S.firstBotAt[s]!;
    batch.assignedAt[r] = Number.NaN;
    batch.resolvedAt[r] = Number.NaN;
    batch.endedAt[r] = lastMessageAt;
    batch.wrappedUpAt[r] = Number.NaN;
    batch.status[r] = agentMessages > 0 ? STATUS_RESOLVED : STATUS_MISSED;
    batch.agentInitiated[r] = isAgentInitiated ? 1 : 0;
    batch.agentMessages[r] = agentMessages;
    batch.transfers[r] = 0;
    batch.reopens[r] = 0;
    batch.escalations[r] = 0;
    batch.csat[r] = S.ratings[s]?.csat;
    const customer = S.customerLength[s]!;
    if (customer === OVERFLOW) {
      batch.customerLength[r] = CUSTOMER_LONG;
      batch.customerId[r] = S.customerStrings[s];
    } else {
      batch.customerLength[r] = customer;
      copyShort(S.customerBytes, s * INLINE_BYTES, s * INLINE_BYTES + customer, batch.customerBytes, r * CUSTOMER_BYTES);
    }
    const start = batch.waitsStart(r);
    // waits are tracked only with replies (none counted without)
    batch.waitsEnd[r] = this.copyWaits(s, batch.roomForWaits(start, 2 * S.waitCount[s]!), start);
    batch.size = r + 1;
  }

  private agentsOf(s: number, agentNames: readonly string[]): readonly string[] {
    const S = this.slots;
    const k = S.agentCount[s]!;
    if (k === 0) return NO_LIST;
    const out: string[] = [];
    for (let i = 0; i < k && i < AGENT_INLINE; i++) out.push(agentNames[S.agentInline[s * AGENT_INLINE + i]!]!);
    const more = S.agentsOverflow[s];
    if (more !== undefined) for (const i of more) out.push(agentNames[i]!);
    return out;
  }

  /** The reply waits, flattened: an array of their size (grown by push, each took room for 17 numbers or more). */
  private waitsOf(s: number): number[] {
    const out = new Array<number>(2 * this.slots.waitCount[s]!);
    this.copyWaits(s, out, 0);
    return out;
  }

  /** Writes slot s's reply waits, flattened, into `out` from `at`: returns where they end. */
  private copyWaits(s: number, out: number[] | Float64Array, at: number): number {
    const S = this.slots;
    const k = S.waitCount[s]!;
    let j = at;
    for (let i = 0; i < k && i < WAIT_INLINE; i++) {
      out[j++] = S.waitTimes[(s * WAIT_INLINE + i) * 2]!;
      out[j++] = S.waitTimes[(s * WAIT_INLINE + i) * 2 + 1]!;
    }
    const more = S.waitsOverflow[s];
    if (more !== undefined) for (const t of more) out[j++] = t;
    return j;
  }

  /** Who ended each wait; without agents (FastFoldOptions.agents) no one, in a list shared by the records of as many waits. */
  private replyAgentsOf(s: number, agentNames: readonly string[]): readonly (string | undefined)[] {
    const S = this.slots;
    const k = S.waitCount[s]!;
    if (!this.agents) return noOne(k);
    const out = new Array<string | undefined>(k);
    let j = 0;
    for (let i = 0; i < k && i < WAIT_INLINE; i++) {
      const who = S.waitWho[s * WAIT_INLINE + i]!;
      out[j++] = who === NONE ? undefined : agentNames[who];
    }
    const more = S.waitWhoOverflow[s];
    if (more !== undefined) for (const who of more) out[j++] = who === NONE ? undefined : agentNames[who];
    return out;
  }

  /** The same record foldConversation builds from the same rows. */
  private materialize(s: number): Conversation {
    // Runs once per conversation: plain assignments and loops, no closure per call. Every field the fast path can
    // set is in the literal (undefined when absent), so the record is one allocation with its fields in-object;
    // added one by one, they grew a separate property store four times a conversation. The constant fields are
    // blankConversation's (fold.ts): the general path's record starts from there.
    const S = this.slots;
    const agentNames = this.agentNames;
    const requested = S.requestedAt[s]!;
    const isAgentInitiated = Number.isNaN(requested);
    const agentMessages = S.agentMessages[s]!;
    const firstMessageAt = S.firstMessageAt[s]!;
    const lastMessageAt = S.lastMessageAt[s]!;
    const lastCustomerAt = S.lastCustomerAt[s]!;
    const firstResponseAt = S.firstResponseAt[s]!;
    const firstBotAt = S.firstBotAt[s]!;
    const responder = isAgentInitiated ? NONE : S.responder[s]!;
    const agent = responder !== NONE ? responder : S.firstNamed[s]!;
    const department = S.department[s]!;
    const channel = S.channel[s]!;
    const c: Conversation = {
      id: this.ids ? this.idOf(s) : '',
      firstEventAt: S.firstEventAt[s]!,
      requestedAt: isAgentInitiated ? undefined : requested,
      isAgentInitiated,
      firstMessageAt: Number.isNaN(firstMessageAt) ? undefined : firstMessageAt,
      lastMessageAt: Number.isNaN(lastMessageAt) ? undefined : lastMessageAt,
      lastCustomerMessageAt: Number.isNaN(lastCustomerAt) ? undefined : lastCustomerAt,
      firstResponseAt: isAgentInitiated || Number.isNaN(firstResponseAt) ? undefined : firstResponseAt,
      firstBotResponseAt: Number.isNaN(firstBotAt) ? undefined : firstBotAt,
      endedAt: Number.isNaN(lastMessageAt) ? undefined : lastMessageAt,
      status: agentMessages > 0 ? 'resolved' : 'missed',
      statusDisagrees: false,
      agent: agent !== NONE ? agentNames[agent]! : undefined,
      agents: this.agentsOf(s, agentNames),
      department: department !== NONE ? this.departments.values[department]! : undefined,
      channel: channel !== NONE ? this.channels.values[channel]! : undefined,
      customerId: this.customerOf(s),
      tags: NO_LIST,
      customerMessages: S.customerMessages[s]!,
      agentMessages,
      botMessages: S.botMessages[s]!,
      internalNotes: S.internalNotes[s]!,
      cannedMessages: 0,
      replyWaits: this.replies ? this.waitsOf(s) : [],
      replyAgents: this.replies ? this.replyAgentsOf(s, agentNames) : NO_LIST,
      transfers: 0,
      reopens: 0,
      escalations: 0,
      ratings: S.ratings[s] ?? NO_RATINGS,
      statusChanges: NO_LIST,
      vendorMetrics: NO_LIST,
    };
    return c;
  }

}

/** Reader and fold on one thread: bytes in, conversations out (each chunk's records folded as soon as read). */
export class FastMessageFold {
  private readonly reader: FastRowReader;
  private readonly fold: FastConversationFold;

  constructor(options: FastOptions, delimiter: ',' | ';' | '\t' = ',') {
    this.fold = new FastConversationFold(options);
    this.reader = new FastRowReader(options, (batch) => {
      this.fold.apply(batch);
      this.reader.recycle(batch);
    }, delimiter);
  }

  get stats(): FastStats {
    return { ...this.reader.stats, peakOpen: this.fold.peakOpen };
  }

  /** Each file's counts, in order (one entry per file since the start). */
  get fileStats(): readonly ReaderStats[] {
    return this.reader.fileStats;
  }

  get peakOpen(): number {
    return this.fold.peakOpen;
  }

  /** The next file of the same export (see FastRowReader.nextFile). */
  nextFile(): void {
    this.reader.nextFile();
  }

  push(chunk: Buffer): void {
    this.reader.push(chunk);
  }

  end(): void {
    this.reader.end();
    this.fold.finish();
  }
}

/**
 * Whether the 20 bytes at `s` are YYYY-MM-DDTHH:MM:SSZ with digits where digits go: a non-digit there would be
 * decoded as a wrong number where the general parser refuses the value.
 */
function isIsoUtc(buf: Uint8Array, s: number): boolean {
  if (buf[s + 4] !== 0x2d || buf[s + 7] !== 0x2d || buf[s + 10] !== 0x54 || buf[s + 13] !== 0x3a || buf[s + 16] !== 0x3a || buf[s + 19] !== 0x5a) return false;
  // (x | (9 - x)) is negative exactly when x is outside 0-9: one branch for fourteen digits
  const a = buf[s]! - 48, b = buf[s + 1]! - 48, c = buf[s + 2]! - 48, d = buf[s + 3]! - 48, e = buf[s + 5]! - 48, f = buf[s + 6]! - 48;
  const g = buf[s + 8]! - 48, h = buf[s + 9]! - 48, i = buf[s + 11]! - 48, j = buf[s + 12]! - 48, k = buf[s + 14]! - 48;
  const l = buf[s + 15]! - 48, m = buf[s + 17]! - 48, n = buf[s + 18]! - 48;
  return (a | (9 - a) | b | (9 - b) | c | (9 - c) | d | (9 - d) | e | (9 - e) | f | (9 - f) | g | (9 - g) | h | (9 - h) |
    i | (9 - i) | j | (9 - j) | k | (9 - k) | l | (9 - l) | m | (9 - m) | n | (9 - n)) >= 0;
}

/** The line feeds in `buf`'s first `end` bytes, where the structural index cannot count them. */
function lineFeeds(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1 && i < end; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * ASCII bytes as a string, four code units per call: for ids of a few bytes ~3x cheaper than Buffer#toString,
 * whose native call dominates at that size (1 GB: a string per conversation, 660,000 of them).
 */
function asciiString(b: Uint8Array, start: number, end: number): string {
  let out = '';
  let i = start;
  for (; i + 4 <= end; i += 4) out += String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
  for (; i < end; i++) out += String.fromCharCode(b[i]!);
  return out;
}

/** A few bytes (an id, a name: at most INLINE_BYTES): a loop, cheaper than Buffer#copy's checks for so few. */
function copyShort(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): void {
  for (let i = start; i < end; i++) to[at + i - start] = from[i]!;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

