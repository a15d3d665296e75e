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
import { fnv1a } from '../conversations/fingerprints.js';
import { SlotTable } from '../conversations/slot-table.js';
import { STATUS_RESOLVED, type ConversationBatch } from '../conversations/batch.js';
import { ratio } from './stats.js';
import type { Metric } from './types.js';
import { has, overColumns } from './columns.js';

/** 0 not eligible, 1 eligible and clean so far, 2 eligible but reopened/transferred/escalated. */
type Kind = 0 | 1 | 2;

interface Tally {
  eligible: number;
  firstContact: number;
  reopenedOrPassed: number;
  recontacted: number;
}

const NONE = -1;
const SWEEP_EVERY = 4096;

/**
 * Pending contacts in typed arrays, one linked list per customer: a year of chats keeps tens of thousands of
 * contacts pending for days, and as objects they would all be promoted and churn the old generation (measured: +53 MB
 * of peak RSS at 1 GB); as slots they cost 22 bytes each and make no garbage.
 */
class ContactSlab {
  start = new Float64Array(1024);
  end = new Float64Array(1024);
  kind = new Uint8Array(1024);
  recontacted = new Uint8Array(1024);
  next = new Int32Array(1024);
  private free: number[] = [];
  private used = 0;

  alloc(start: number, end: number, kind: Kind, next: number): number {
    let i = this.free.pop();
    if (i === undefined) {
      if (this.used === this.start.length) this.grow();
      i = this.used++;
    }
    this.start[i] = start;
    this.end[i] = end;
    this.kind[i] = kind;
    this.recontacted[i] = 0;
    this.next[i] = next;
    return i;
  }

  release(i: number): void {
    this.free.push(i);
  }

  /** Contacts held. */
  get size(): number {
    return this.used - this.free.length;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const f = (a: Float64Array): Float64Array<ArrayBuffer> => { const b = new Float64Array(n); b.set(a); return b; };
    const u = (a: Uint8Array): Uint8Array<ArrayBuffer> => { const b = new Uint8Array(n); b.set(a); return b; };
    const x = new Int32Array(n);
    x.set(this.next);
    this.start = f(this.start);
    this.end = f(this.end);
    this.kind = u(this.kind);
    this.recontacted = u(this.recontacted);
    this.next = x;
  }
}

/**
 * Customers with pending contacts: each has a slot while some are pending, and `heads[slot]` is its newest contact. The
 * ids are found through a SlotTable by a hash of the id (a Map keyed by a new string per conversation cost ~0.4 us
 * a lookup at 1 GB, most of FCR's time), and a sweep walks the slots, not a map.
 */
class Customers {
  heads = new Int32Array(1024).fill(NONE);
  /** Slots handed out so far (some may be free again). */
  used = 0;
  private readonly ids: (string | undefined)[] = [];
  private hashes = new Int32Array(1024);
  private readonly free: number[] = [];
  private readonly table = new SlotTable(this.hashes);

  /** The customer's slot, a new one (with no contact) the first time. */
  slotOf(id: string): number {
    const h = fnv1a(id);
    const table = this.table;
    let i = table.home(h);
    for (let e = table.entry(i); e !== 0; i = table.next(i), e = table.entry(i)) {
      if (this.hashes[e - 1] === h && this.ids[e - 1] === id) return e - 1;
    }
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.used === this.heads.length) this.grow();
      slot = this.used++;
    }
    this.ids[slot] = id;
    this.hashes[slot] = h;
    table.insert(i, slot);
    return slot;
  }

  /** The customer has no pending contact left: its slot is free for another. */
  release(slot: number): void {
    this.table.remove(slot);
    this.ids[slot] = undefined;
    this.heads[slot] = NONE;
    this.free.push(slot);
  }

  private grow(): void {
    const heads = new Int32Array(this.heads.length * 2).fill(NONE);
    heads.set(this.heads);
    this.heads = heads;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.table.rebind(hashes);
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
    const windowMs = options.recontactWindowSeconds * 1000;
    const slab = new ContactSlab();
    const customers = new Customers();
    const t: Tally = { eligible: 0, firstContact: 0, reopenedOrPassed: 0, recontacted: 0 };
    let unidentified = 0;
    let newestStart = -Infinity;
    /** How far behind the newest start a conversation has arrived: conversations come folded, not in start order. */
    let lateness = 0;
    let sinceSweep = 0;

    const decide = (i: number): void => {
      const kind = slab.kind[i]!;
      if (kind === 0) return;
      t.eligible++;
      if (kind === 2) t.reopenedOrPassed++;
      else if (slab.recontacted[i] === 1) t.recontacted++;
      else t.firstContact++;
    };

    /**
     * A contact is decided once no conversation still to come can start within its window: later arrivals start at
     * or after newestStart − lateness (doubled, plus an hour, for safety). Unordered input (lateness as large as the
     * data) keeps everything until the end, which is exact too.
     */
    const sweep = (final: boolean): void => {
      const horizon = newestStart - 2 * lateness - 3_600_000;
      const heads = customers.heads;
      for (let k = 0; k < customers.used; k++) {
        const head = heads[k]!;
        if (head === NONE) continue;
        // the kept contacts stay in their order (newest first), which `add` relies on
        let kept = NONE;
        let tail = NONE;
        for (let i = head; i !== NONE; ) {
          const next = slab.next[i]!;
          if (final || slab.end[i]! + windowMs < horizon) {
            decide(i);
            slab.release(i);
          } else {
            slab.next[i] = NONE;
            if (tail === NONE) kept = i;
            else slab.next[tail] = i;
            tail = i;
          }
          i = next;
        }
        if (kept === NONE) customers.release(k);
        else heads[k] = kept;
      }
    };

    /** Row i of the batch, whose customer is known, as a contact. */
    const addContact = (b: ConversationBatch, i: number, customerId: string, eligible: boolean): void => {
      const requestedAt = b.requestedAt[i]!;
      const start = has(requestedAt) ? requestedAt : b.firstEventAt[i]!;
      const resolvedAt = b.resolvedAt[i]!;
      const endedAt = b.endedAt[i]!;
      const end = has(resolvedAt) ? resolvedAt : has(endedAt) ? endedAt : start;
      const kind: Kind = !eligible ? 0 : b.reopens[i]! > 0 || b.transfers[i]! > 0 || b.escalations[i]! > 0 ? 2 : 1;
      // Recontacted = some other conversation of the customer starts after it (a same-instant one that arrives
      // later counts, as in start order with ties by arrival) and within the window after its end. Each customer's
      // list is kept in that order, newest first, so only the two neighbours of a new contact need a look: its
      // successor decides whether it is recontacted, and it can newly mark only its predecessor (an older contact
      // within reach of this start is within reach of the predecessor's start, which lies between, so it is
      // already marked). Arrivals come nearly in start order: the walk to the insertion point is a step or two.
      const customer = customers.slotOf(customerId);
      let later = NONE;
      let at = customers.heads[customer]!;
      while (at !== NONE && slab.start[at]! > start) {
        later = at;
        at = slab.next[at]!;
      }
      const added = slab.alloc(start, end, kind, at);
      if (later === NONE) customers.heads[customer] = added;
      else {
        slab.next[later] = added;
        if (slab.start[later]! <= end + windowMs) slab.recontacted[added] = 1;
      }
      if (at !== NONE && start <= slab.end[at]! + windowMs) slab.recontacted[at] = 1;
      if (start > newestStart) newestStart = start;
      else if (newestStart - start > lateness) lateness = newestStart - start;
      // A sweep visits every pending contact: after as many new ones as a quarter of those, so its cost per
      // conversation stays constant however many contacts a week holds (memory: at most 1.25x the window's).
      if (++sinceSweep >= SWEEP_EVERY && sinceSweep >= slab.size >> 2) {
        sinceSweep = 0;
        sweep(false);
      }
    };

    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          const eligible = b.status[i] === STATUS_RESOLVED && b.agentInitiated[i] === 0;
          const customerId = b.customerId[i];
          if (customerId !== undefined) addContact(b, i, customerId, eligible);
          else if (eligible) unidentified++;
        }
      },
      result() {
        sweep(true);
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
