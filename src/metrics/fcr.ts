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
 * - Memory: three numbers per conversation with a customer id (the only metric that must join conversations).
 */
import { ratio } from './stats.js';
import type { Metric } from './types.js';

interface CustomerContacts {
  starts: number[];
  ends: number[];
  /** 0 not eligible, 1 eligible and clean so far, 2 eligible but reopened/transferred/escalated. */
  kinds: number[];
}

const fcr: Metric = {
  id: 'fcr',
  description: 'First contact resolution: resolved with no reopen, transfer, escalation or recontact within the window',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['customerIds'],
  isDefault: true,
  create(options) {
    const customers = new Map<string, CustomerContacts>();
    let unidentified = 0;
    return {
      add(c) {
        const eligible = c.status === 'resolved' && !c.isAgentInitiated;
        if (c.customerId === undefined) {
          if (eligible) unidentified++;
          return;
        }
        let k = customers.get(c.customerId);
        if (k === undefined) customers.set(c.customerId, (k = { starts: [], ends: [], kinds: [] }));
        const start = c.requestedAt ?? c.firstEventAt;
        k.starts.push(start);
        k.ends.push(c.resolvedAt ?? c.endedAt ?? start);
        k.kinds.push(!eligible ? 0 : c.reopens > 0 || c.transfers > 0 || c.escalations > 0 ? 2 : 1);
      },
      result() {
        const windowMs = options.recontactWindowSeconds * 1000;
        let eligible = 0;
        let firstContact = 0;
        let reopenedOrPassed = 0;
        let recontacted = 0;
        for (const k of customers.values()) {
          const order = k.starts.map((_, i) => i).sort((a, b) => k.starts[a]! - k.starts[b]!);
          for (let j = 0; j < order.length; j++) {
            const i = order[j]!;
            const kind = k.kinds[i]!;
            if (kind === 0) continue;
            eligible++;
            if (kind === 2) {
              reopenedOrPassed++;
              continue;
            }
            const next = order[j + 1];
            if (next !== undefined && k.starts[next]! <= k.ends[i]! + windowMs) recontacted++;
            else firstContact++;
          }
        }
        return {
          value: ratio(firstContact, eligible),
          resolved_first_contact: firstContact,
          count: eligible,
          reopened_or_passed_on: reopenedOrPassed,
          recontacted,
          unidentified,
          window_seconds: options.recontactWindowSeconds,
        };
      },
    };
  },
};

export default fcr;
