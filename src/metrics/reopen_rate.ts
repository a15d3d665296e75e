// reopen_rate: conversations reopened at least once / conversations ever resolved.
/**
 * DECISIONS
 * - Denominator: conversations that were resolved at some point (a first resolution), so a conversation reopened
 *   and still open at the end counts in both parts; the rate stays within 0..1. Zendesk's "reopens" counts reopen
 *   events; `reopens` here gives that total too.
 */
import { ratio } from './stats.js';
import type { Metric } from './types.js';

const reopenRate: Metric = {
  id: 'reopen_rate',
  description: 'Conversations reopened at least once / conversations resolved',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['resolution'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let resolved = 0;
    let reopened = 0;
    let reopens = 0;
    return {
      add(c) {
        if (c.firstResolvedAt === undefined && c.status !== 'resolved') return;
        resolved++;
        if (c.reopens > 0) reopened++;
        reopens += c.reopens;
      },
      result: () => ({ value: ratio(reopened, resolved), reopened, reopens, count: resolved }),
    };
  },
};

export default reopenRate;
