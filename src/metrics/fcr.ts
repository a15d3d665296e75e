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
 * - Memory: one entry per customer, not per conversation: the latest conversation waits for the next one, which
 *   decides it (conversations arrive mostly in start order); only a customer seen out of order keeps a list.
 */
import { ratio } from './stats.js';
import type { Metric } from './types.js';

/** 0 not eligible, 1 eligible and clean so far, 2 eligible but reopened/transferred/escalated. */
type Kind = 0 | 1 | 2;

/**
 * Per customer, only the latest conversation waits for its successor: conversations mostly arrive in start order,
 * so when the next one comes the previous one is decided at once. A customer whose conversations arrive out of
 * order keeps them all (`history`) and is decided at the end by sorting, as before.
 */
interface CustomerState {
  start: number;
  end: number;
  kind: Kind;
  history?: { starts: number[]; ends: number[]; kinds: Kind[] };
}

interface Tally {
  eligible: number;
  firstContact: number;
  reopenedOrPassed: number;
  recontacted: number;
}

/** Decides one conversation given the start of the customer's next one (undefined: none). */
function decide(t: Tally, kind: Kind, end: number, nextStart: number | undefined, windowMs: number): void {
  if (kind === 0) return;
  t.eligible++;
  if (kind === 2) t.reopenedOrPassed++;
  else if (nextStart !== undefined && nextStart <= end + windowMs) t.recontacted++;
  else t.firstContact++;
}

const fcr: Metric = {
  id: 'fcr',
  description: 'First contact resolution: resolved with no reopen, transfer, escalation or recontact within the window',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['customerIds'],
  isDefault: true,
  create(options) {
    const windowMs = options.recontactWindowSeconds * 1000;
    const customers = new Map<string, CustomerState>();
    const tally: Tally = { eligible: 0, firstContact: 0, reopenedOrPassed: 0, recontacted: 0 };
    let unidentified = 0;
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
        const k = customers.get(c.customerId);
        if (k === undefined) {
          customers.set(c.customerId, { start, end, kind });
        } else if (k.history !== undefined) {
          k.history.starts.push(start);
          k.history.ends.push(end);
          k.history.kinds.push(kind);
        } else if (start >= k.start) {
          decide(tally, k.kind, k.end, start, windowMs);
          k.start = start;
          k.end = end;
          k.kind = kind;
        } else {
          k.history = { starts: [k.start, start], ends: [k.end, end], kinds: [k.kind, kind] };
        }
      },
      result() {
        const t = { ...tally };
        for (const k of customers.values()) {
          if (k.history === undefined) {
            decide(t, k.kind, k.end, undefined, windowMs);
            continue;
          }
          const h = k.history;
          const order = h.starts.map((_, i) => i).sort((a, b) => h.starts[a]! - h.starts[b]!);
          for (let j = 0; j < order.length; j++) {
            const i = order[j]!;
            const next = order[j + 1];
            decide(t, h.kinds[i]!, h.ends[i]!, next === undefined ? undefined : h.starts[next]!, windowMs);
          }
        }
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
