// fcr: first contact resolution: resolved with no reopen, transfer, escalation, or recontact within the window.
/**
 * DECISIONS
 * - Eligible: resolved, customer-requested conversations whose customer is identified (METRICS.md §3). Others are
 *   counted in `unidentified` so a low coverage is visible.
 * - Recontact: another conversation of the same customer starting after this one's start and no later than
 *   `recontactWindowSeconds` (default 7 days) after this one ended. Any conversation of the customer counts as a
 *   recontact, identified or not eligible itself (a missed follow-up is still a second contact). Only the data in
 *   the run is seen: a recontact after the period's end is invisible, so the last week of a period reads high.
 * - Unlike transfer_rate, a transfer from a bot does count against FCR: the customer was passed on.
 * - Memory: a conversation is kept only until no conversation still to come can fall in its window (arrivals
 *   are nearly in start order; how late they come is measured as they come), so memory follows the window, not
 *   the year. `result()` may be called once.
 */
import { fnv1a, fnv1aBytes } from '../conversations/fingerprints.js';
import { SlotTable } from '../conversations/slot-table.js';
import { CUSTOMER_BYTES, CUSTOMER_LONG, STATUS_RESOLVED, type ConversationBatch } from '../conversations/batch.js';
import { ratio } from './stats.js';
import type { Metric } from './types.js';
import { has, overColumns } from './columns.js';

/** 0 not eligible, 1 eligible and clean so far, 2 eligible but reopened/transferred/escalated. */
type Kind = 0 | 1 | 2;

export interface FcrTally {
  eligible: number;
  firstContact: number;
  reopenedOrPassed: number;
  recontacted: number;
}

/** No contact: a list's end, a customer with none pending. */
const NONE = -1;
/**
 * Contacts decided at once, at least: lateness is measured on this many arrivals before anything is decided, and
 * after that on a quarter of those pending (memory: at most 1.25x the window's).
 */
const DECIDE_EVERY = 4096;

/**
 * Customers with pending contacts: each has a slot while its newest contact is pending, and `heads[slot]` is that
 * contact's number. A customer is found by a hash of its bytes in the batch (ConversationBatch.customerBytes) through
 * a SlotTable, and its bytes are kept here to compare: no string per conversation (a Map keyed by a new string per
 * conversation cost ~0.4 us a lookup at 1 GB, most of FCR's time; strings and their hashes were ~0.1 us).
 */
class Customers {
  /** Contact numbers (Contacts): beyond 2^31 contacts, so doubles. */
  heads = new Float64Array(1024).fill(NONE);
  private used = 0;
  /** Each slot's customer: `lengths` bytes from slot * CUSTOMER_BYTES of `keys`, or (CUSTOMER_LONG) a string in `long`. */
  private keys = new Uint8Array(1024 * CUSTOMER_BYTES);
  private lengths = new Uint8Array(1024);
  private readonly long: (string | undefined)[] = [];
  private hashes = new Int32Array(1024);
  private readonly free: number[] = [];
  private readonly table = new SlotTable(this.hashes);

  /** The slot of row i's customer (the row has one), a new one (with no contact) the first time. */
  slotOf(b: ConversationBatch, i: number): number {
    const length = b.customerLength[i]!;
    const bytes = b.customerBytes;
    const at = i * CUSTOMER_BYTES;
    const long = length === CUSTOMER_LONG ? b.customerId[i]! : undefined;
    const h = long !== undefined ? fnv1a(long) : fnv1aBytes(bytes, at, at + length);
    const table = this.table;
    const keys = this.keys;
    let p = table.home(h);
    for (let e = table.entry(p); e !== 0; p = table.next(p), e = table.entry(p)) {
      const slot = e - 1;
      if (this.hashes[slot] !== h || this.lengths[slot] !== length) continue;
      if (long !== undefined) {
        if (this.long[slot] === long) return slot;
        continue;
      }
      let k = 0;
      const from = slot * CUSTOMER_BYTES;
      while (k < length && keys[from + k] === bytes[at + k]) k++;
      if (k === length) return slot;
    }
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.used === this.heads.length) this.grow();
      slot = this.used++;
    }
    if (long !== undefined) this.long[slot] = long;
    // this.keys, not `keys`: grow() may have replaced it
    else for (let k = 0; k < length; k++) this.keys[slot * CUSTOMER_BYTES + k] = bytes[at + k]!;
    this.lengths[slot] = length;
    this.hashes[slot] = h;
    this.heads[slot] = NONE;
    table.insert(p, slot);
    return slot;
  }

  /** The customer has no pending contact left that a new one could meet: its slot is free for another. */
  release(slot: number): void {
    this.table.remove(slot);
    this.long[slot] = undefined;
    this.heads[slot] = NONE;
    this.free.push(slot);
  }

  private grow(): void {
    const n = this.heads.length * 2;
    const heads = new Float64Array(n).fill(NONE);
    heads.set(this.heads);
    this.heads = heads;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.table.rebind(hashes);
    const keys = new Uint8Array(n * CUSTOMER_BYTES);
    keys.set(this.keys);
    this.keys = keys;
    const lengths = new Uint8Array(n);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}

/**
 * Every customer's contacts, in one ring in the order they arrive, numbered from 0; the ones from `oldest` on are
 * pending. A customer's contacts are linked newest start first (`older`: the next older one's number). A contact
 * is decided when it is the oldest pending and no conversation still to come can fall in its window: decisions go
 * in arrival order, one step a contact, and a number below `oldest` reads as "decided" wherever it is still linked
 * (no unlinking, no walk over all the pending contacts). Conversations arrive as they end (folded when idle), so the
 * order of arrival is nearly the order of the windows' ends and few wait behind a late one.
 */
export class Contacts {
  /** Numbers of the first pending contact and the next to come. */
  oldest = 0;
  next = 0;
  private mask = 1023;
  private start = new Float64Array(1024);
  private end = new Float64Array(1024);
  /** The customer's next older contact (by start), or NONE. */
  private older = new Float64Array(1024);
  private customer = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private recontacted = new Uint8Array(1024);
  private readonly customers = new Customers();
  private newestStart = -Infinity;
  /** How far behind the newest start a contact has arrived: conversations come folded, not in start order. */
  private lateness = 0;
  /** Contacts added since the last decisions. */
  private since = 0;

  /** `decideEvery`: DECIDE_EVERY, less in tests that want decisions early. */
  constructor(private readonly windowMs: number, readonly tally: FcrTally, private readonly decideEvery = DECIDE_EVERY) {}

  /** Pending contacts. */
  get held(): number {
    return this.next - this.oldest;
  }

  /**
   * A conversation from `start` to `end`, row i of `b`, whose customer is known. Recontacted = some other conversation of the customer
   * starts after it (a same-instant one that arrives later counts, as in start order with ties by arrival) and
   * within the window after its end. A customer's list is in that order, newest first, so only the two neighbours of
   * a new contact need a look: its successor decides whether it is recontacted, and it can newly mark only its
   * predecessor (an older contact within reach of this start is within reach of the predecessor's start, which lies
   * between, so it is already marked). Arrivals come nearly in start order: the walk to the insertion point is a
   * step or two.
   */
  add(b: ConversationBatch, i: number, start: number, end: number, kind: Kind): void {
    const customers = this.customers;
    const customer = customers.slotOf(b, i);
    const oldest = this.oldest;
    let mask = this.mask;
    let later = NONE;
    let at = customers.heads[customer]!;
    while (at >= oldest && this.start[at & mask]! > start) {
      later = at;
      at = this.older[at & mask]!;
    }
    // a decided contact is as good as none: no contact still to come reaches its window (see `decide`)
    if (at < oldest) at = NONE;
    if (this.next - oldest > mask) mask = this.grow();
    const added = this.next++;
    const k = added & mask;
    this.start[k] = start;
    this.end[k] = end;
    this.kind[k] = kind;
    this.older[k] = at;
    this.customer[k] = customer;
    this.recontacted[k] = 0;
    const window = this.windowMs;
    if (later === NONE) customers.heads[customer] = added;
    else {
      this.older[later & mask] = added;
      if (this.start[later & mask]! <= end + window) this.recontacted[k] = 1;
    }
    if (at !== NONE && start <= this.end[at & mask]! + window) this.recontacted[at & mask] = 1;
    if (start > this.newestStart) this.newestStart = start;
    else if (this.newestStart - start > this.lateness) this.lateness = this.newestStart - start;
    this.since++;
  }

  /** Decides what can be decided, when enough contacts came since the last time (`decideEvery`). */
  settle(): void {
    if (this.since < this.decideEvery || this.since < this.held >> 2) return;
    this.since = 0;
    this.decide(false);
  }

  /**
   * Decides the pending contacts, oldest first, until one whose window a conversation still to come may reach:
   * later arrivals start at or after newestStart − lateness (doubled, plus an hour, for safety). Unordered input
   * (lateness as large as the data) keeps everything until the end (`all`), which is exact too. A customer whose
   * newest contact is decided is let go: a new contact of theirs starts after that one's window, so it meets none.
   */
  decide(all: boolean): void {
    const horizon = this.newestStart - 2 * this.lateness - 3_600_000;
    const t = this.tally;
    const mask = this.mask;
    const heads = this.customers.heads;
    let i = this.oldest;
    for (; i < this.next; i++) {
      const k = i & mask;
      if (!all && !(this.end[k]! + this.windowMs < horizon)) break;
      const kind = this.kind[k]!;
      if (kind !== 0) {
        t.eligible++;
        if (kind === 2) t.reopenedOrPassed++;
        else if (this.recontacted[k] === 1) t.recontacted++;
        else t.firstContact++;
      }
      const c = this.customer[k]!;
      if (heads[c] === i) this.customers.release(c);
    }
    this.oldest = i;
  }

  /** Twice the room, each pending contact moved to its place by its number: the new mask. */
  private grow(): number {
    const n = (this.mask + 1) * 2;
    const from = this.mask;
    const to = n - 1;
    const move = <A extends Float64Array | Int32Array | Uint8Array>(a: A, into: A): A => {
      for (let i = this.oldest; i < this.next; i++) into[i & to] = a[i & from]!;
      return into;
    };
    this.start = move(this.start, new Float64Array(n));
    this.end = move(this.end, new Float64Array(n));
    this.older = move(this.older, new Float64Array(n));
    this.customer = move(this.customer, new Int32Array(n));
    this.kind = move(this.kind, new Uint8Array(n));
    this.recontacted = move(this.recontacted, new Uint8Array(n));
    this.mask = to;
    return to;
  }
}

const fcr: Metric = {
  id: 'fcr',
  description: 'First contact resolution: resolved with no reopen, transfer, escalation or recontact within the window',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['customerIds'],
  isDefault: true,
  readsPeople: 'customer',
  readsReplies: false,
  create(options) {
    const t: FcrTally = { eligible: 0, firstContact: 0, reopenedOrPassed: 0, recontacted: 0 };
    const contacts = new Contacts(options.recontactWindowSeconds * 1000, t);
    let unidentified = 0;

    return overColumns({
      addBatch(b: ConversationBatch) {
        for (let i = 0; i < b.size; i++) {
          const eligible = b.status[i] === STATUS_RESOLVED && b.agentInitiated[i] === 0;
          if (b.customerLength[i] === 0) {
            if (eligible) unidentified++;
            continue;
          }
          const requestedAt = b.requestedAt[i]!;
          const start = has(requestedAt) ? requestedAt : b.firstEventAt[i]!;
          const resolvedAt = b.resolvedAt[i]!;
          const endedAt = b.endedAt[i]!;
          const end = has(resolvedAt) ? resolvedAt : has(endedAt) ? endedAt : start;
          const kind: Kind = !eligible ? 0 : b.reopens[i]! > 0 || b.transfers[i]! > 0 || b.escalations[i]! > 0 ? 2 : 1;
          contacts.add(b, i, start, end, kind);
        }
        contacts.settle();
      },
      result() {
        contacts.decide(true);
        return {
          value: ratio(t.firstContact, t.eligible),
          resolved_first_contact: t.firstContact,
          count: t.eligible,
          reopened_or_passed_on: t.reopenedOrPassed,
          recontacted: t.recontacted,
          unidentified,
          window_seconds: options.recontactWindowSeconds,
        };
      },
    });
  },
};

export default fcr;
