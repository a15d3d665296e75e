// Finished conversations as columns, a row each: what the default metrics read, for folds that take many
// conversations in one call (MetricFold.addBatch). The fast path fills them from its typed arrays when it folds idle
// conversations, so a large report builds no Conversation record at all; a record becomes a batch of one
// (`setRecord`), so a metric written over columns has one implementation for both paths.
import type { Rating } from '../events/types.js';
import type { Conversation, ConversationStatus } from './types.js';

export const STATUS_OPEN = 0;
export const STATUS_MISSED = 1;
export const STATUS_RESOLVED = 2;
const STATUS_CODES: Record<ConversationStatus, number> = { open: STATUS_OPEN, missed: STATUS_MISSED, resolved: STATUS_RESOLVED };
/** Bytes of a customer kept in `customerBytes` (UTF-8); a longer one is a string in `customerId`. */
export const CUSTOMER_BYTES = 40;
/** `customerLength` of a customer longer than CUSTOMER_BYTES. */
export const CUSTOMER_LONG = 255;

/**
 * The one rule for a customer's form, whichever path brought it: `id` written at `at` of `to` as its UTF-8 bytes
 * when they fit in CUSTOMER_BYTES, their count returned; else nothing written and CUSTOMER_LONG (the caller keeps
 * the string).
 */
export function writeCustomer(to: Buffer, at: number, id: string): number {
  // at most three bytes a UTF-16 unit: a string of up to 13 fits without measuring
  if (id.length * 3 > CUSTOMER_BYTES && Buffer.byteLength(id) > CUSTOMER_BYTES) return CUSTOMER_LONG;
  return to.write(id, at, CUSTOMER_BYTES, 'utf8');
}

/** `undefined` as NaN: absent times in the columns. */
function time(x: number | undefined): number {
  return x === undefined ? Number.NaN : x;
}

export class ConversationBatch {
  /** Rows filled. */
  size = 0;
  // Instants in ms; NaN where the record's field is absent (Conversation's field of the same name).
  firstEventAt: Float64Array;
  createdAt: Float64Array;
  requestedAt: Float64Array;
  firstMessageAt: Float64Array;
  lastMessageAt: Float64Array;
  lastCustomerMessageAt: Float64Array;
  firstResponseAt: Float64Array;
  firstBotResponseAt: Float64Array;
  assignedAt: Float64Array;
  resolvedAt: Float64Array;
  endedAt: Float64Array;
  wrappedUpAt: Float64Array;
  /** STATUS_OPEN, STATUS_MISSED or STATUS_RESOLVED. */
  status: Uint8Array;
  /** 1: isAgentInitiated. */
  agentInitiated: Uint8Array;
  agentMessages: Int32Array;
  transfers: Int32Array;
  reopens: Int32Array;
  escalations: Int32Array;
  csat: (Rating | undefined)[] = [];
  /**
   * The customer (Conversation.customerId) as its UTF-8 bytes, CUSTOMER_BYTES a row, `customerLength` of them (0: no
   * customer); one longer than that (CUSTOMER_LONG) is a string in `customerId`. Always bytes when they fit, so a
   * customer has one form whichever path or escaping brought it: FCR compares them as they are, and a large report
   * makes no string per conversation.
   */
  customerBytes: Buffer;
  customerLength: Uint8Array;
  customerId: (string | undefined)[] = [];
  /** Every row's reply waits, flattened as in Conversation.replyWaits, one row after another. */
  waits: Float64Array;
  /** Where each row's waits end in `waits` (they start where the row before ends, the first at 0). */
  waitsEnd: Int32Array;

  constructor(readonly capacity: number) {
    const f = (): Float64Array => new Float64Array(capacity);
    this.firstEventAt = f();
    this.createdAt = f();
    this.requestedAt = f();
    this.firstMessageAt = f();
    this.lastMessageAt = f();
    this.lastCustomerMessageAt = f();
    this.firstResponseAt = f();
    this.firstBotResponseAt = f();
    this.assignedAt = f();
    this.resolvedAt = f();
    this.endedAt = f();
    this.wrappedUpAt = f();
    this.status = new Uint8Array(capacity);
    this.agentInitiated = new Uint8Array(capacity);
    this.agentMessages = new Int32Array(capacity);
    this.transfers = new Int32Array(capacity);
    this.reopens = new Int32Array(capacity);
    this.escalations = new Int32Array(capacity);
    this.customerBytes = Buffer.alloc(capacity * CUSTOMER_BYTES);
    this.customerLength = new Uint8Array(capacity);
    this.waits = new Float64Array(capacity * 8);
    this.waitsEnd = new Int32Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Where row r's waits start in `waits`. */
  waitsStart(r: number): number {
    return r === 0 ? 0 : this.waitsEnd[r - 1]!;
  }

  /** Room for `n` more wait times after `at`: the array grows, keeping what is there. */
  roomForWaits(at: number, n: number): Float64Array {
    if (at + n > this.waits.length) {
      const grown = new Float64Array(Math.max(this.waits.length * 2, at + n));
      grown.set(this.waits.subarray(0, at));
      this.waits = grown;
    }
    return this.waits;
  }

  /** The batch holds `c` alone. */
  setRecord(c: Conversation): void {
    this.size = 0;
    this.push(c);
  }

  /** Row r's customer, in the form `customerBytes` says. */
  setCustomer(r: number, id: string | undefined): void {
    if (id === undefined || id === '') {
      this.customerLength[r] = 0;
      return;
    }
    const length = writeCustomer(this.customerBytes, r * CUSTOMER_BYTES, id);
    this.customerLength[r] = length;
    if (length === CUSTOMER_LONG) this.customerId[r] = id;
  }

  /** Row r's customer as a string (undefined: none). */
  customerAt(r: number): string | undefined {
    const length = this.customerLength[r]!;
    if (length === 0) return undefined;
    if (length === CUSTOMER_LONG) return this.customerId[r];
    const at = r * CUSTOMER_BYTES;
    return this.customerBytes.toString('utf8', at, at + length);
  }

  /** `c` as the next row. */
  push(c: Conversation): void {
    const r = this.size;
    if (r === this.capacity) throw new RangeError(`a batch of ${this.capacity} rows is full`);
    this.firstEventAt[r] = c.firstEventAt;
    this.createdAt[r] = time(c.createdAt);
    this.requestedAt[r] = time(c.requestedAt);
    this.firstMessageAt[r] = time(c.firstMessageAt);
    this.lastMessageAt[r] = time(c.lastMessageAt);
    this.lastCustomerMessageAt[r] = time(c.lastCustomerMessageAt);
    this.firstResponseAt[r] = time(c.firstResponseAt);
    this.firstBotResponseAt[r] = time(c.firstBotResponseAt);
    this.assignedAt[r] = time(c.assignedAt);
    this.resolvedAt[r] = time(c.resolvedAt);
    this.endedAt[r] = time(c.endedAt);
    this.wrappedUpAt[r] = time(c.wrappedUpAt);
    this.status[r] = STATUS_CODES[c.status];
    this.agentInitiated[r] = c.isAgentInitiated ? 1 : 0;
    this.agentMessages[r] = c.agentMessages;
    this.transfers[r] = c.transfers;
    this.reopens[r] = c.reopens;
    this.escalations[r] = c.escalations;
    this.csat[r] = c.ratings.csat;
    this.setCustomer(r, c.customerId);
    const start = this.waitsStart(r);
    const w = c.replyWaits;
    const waits = this.roomForWaits(start, w.length);
    for (let i = 0; i < w.length; i++) waits[start + i] = w[i]!;
    this.waitsEnd[r] = start + w.length;
    this.size = r + 1;
  }
}

/** Row i's last instant: its end, else its last message, else its first event (how far the data reaches). */
export function lastEventAt(b: ConversationBatch, i: number): number {
  const ended = b.endedAt[i]!;
  if (!Number.isNaN(ended)) return ended;
  const last = b.lastMessageAt[i]!;
  return Number.isNaN(last) ? b.firstEventAt[i]! : last;
}

/** Where the wait of row i, unanswered and not open, ends: its end, else the customer's last message, else the request. */
export function missedWaitEnd(b: ConversationBatch, i: number): number {
  const ended = b.endedAt[i]!;
  if (!Number.isNaN(ended)) return ended;
  const last = b.lastCustomerMessageAt[i]!;
  return Number.isNaN(last) ? b.requestedAt[i]! : last;
}
