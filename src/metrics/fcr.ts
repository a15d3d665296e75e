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
import { ratio } from './stats.js';
import type { Metric } from './types.js';

/** 0 not eligible, 1 eligible and clean so far, 2 eligible but reopened/transferred/escalated. */
type Kind = 0 | 1 | 2;

interface Contact {
  start: number;
  end: number;
  kind: Kind;
  recontacted: boolean;
}

interface Tally {
  eligible: number;
  firstContact: number;
  reopenedOrPassed: number;
  recontacted: number;
}

function decide(t: Tally, c: Contact): void {
  if (c.kind === 0) return;
  t.eligible++;
  if (c.kind === 2) t.reopenedOrPassed++;
  else if (c.recontacted) t.recontacted++;
  else t.firstContact++;
}

const SWEEP_EVERY = 4096;

const fcr: Metric = {
  id: 'fcr',
  description: 'First contact resolution: resolved with no reopen, transfer, escalation or recontact within the window',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['customerIds'],
  isDefault: true,
  create(options) {
    const windowMs = options.recontactWindowSeconds * 1000;
    const pending = new Map<string, Contact[]>();
    const tally: Tally = { eligible: 0, firstContact: 0, reopenedOrPassed: 0, recontacted: 0 };
    let unidentified = 0;
    let newestStart = -Infinity;
    /** How far behind the newest start a conversation has arrived: conversations come folded, not in start order. */
    let lateness = 0;
    let sinceSweep = 0;

    /**
     * A contact is decided once no conversation still to come can start within its window: later arrivals start at
     * or after newestStart − lateness (doubled, plus an hour, for safety). Unordered input (lateness as large as the
     * data) keeps everything until the end, which is exact too.
     */
    const sweep = (final: boolean): void => {
      const horizon = newestStart - 2 * lateness - 3_600_000;
      pending.forEach((list, customer) => {
        let kept = 0;
        for (const c of list) {
          if (final || c.end + windowMs < horizon) decide(tally, c);
          else list[kept++] = c;
        }
        list.length = kept;
        if (kept === 0) pending.delete(customer);
      });
    };

    return {
      add(c) {
        const eligible = c.status === 'resolved' && !c.isAgentInitiated;
        if (c.customerId === undefined) {
          if (eligible) unidentified++;
          return;
        }
        const start = c.requestedAt ?? c.firstEventAt;
        const end = c.resolvedAt ?? c.endedAt ?? start;
        const kind: Kind = !eligible ? 0 : c.reopens > 0 || c.transfers > 0 || c.escalations > 0 ? 2 : 1;
        const contact: Contact = { start, end, kind, recontacted: false };
        // Recontacted = some other conversation of the customer starts after it (a same-instant one that arrives
        // later counts, as in start order with ties by arrival) and within the window after its end.
        let list = pending.get(c.customerId);
        if (list === undefined) pending.set(c.customerId, (list = []));
        for (const p of list) {
          if (start >= p.start && start <= p.end + windowMs) p.recontacted = true;
          if (p.start > start && p.start <= end + windowMs) contact.recontacted = true;
        }
        list.push(contact);
        if (start > newestStart) newestStart = start;
        else if (newestStart - start > lateness) lateness = newestStart - start;
        if (++sinceSweep >= SWEEP_EVERY) {
          sinceSweep = 0;
          sweep(false);
        }
      },
      result() {
        sweep(true);
        const t = tally;
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
    };
  },
};

export default fcr;
