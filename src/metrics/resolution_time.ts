// resolution_time: resolved_at − requested_at over resolved conversations, with first resolution and paused time.
/**
 * DECISIONS
 * - Start: requested_at. End: resolved_at, the last time it went to solved/resolved (a reopen moves it): Zendesk's
 *   "full resolution time". `first` is the same with the first resolution (Zendesk's "first resolution time");
 *   `reopened` counts conversations resolved more than once. A resolved conversation with no resolve event (its
 *   vendor status says so) ends at ended_at.
 * - Paused statuses: time spent in `settings.pauseStatuses` (`--pause-status pending,on-hold`) between start and end
 *   is taken out, as Zendesk's "requester wait time" takes out pending/on-hold. Worked example: requested 0 s,
 *   `pending` at 60 s, `open` at 360 s, resolved at 600 s → 600 − 300 = 300 s. The `first` figure subtracts the
 *   pauses before the first resolution.
 * - Agent-initiated conversations are left out (nothing was requested); open and missed ones too.
 */
import type { Conversation } from '../conversations/types.js';
import { DurationDistribution, settingStrings } from './stats.js';
import type { Metric } from './types.js';

/** Spans [start, end, ...] the conversation spent in a paused status, clipped to from..to. */
export function pausedSpans(c: Conversation, pauses: ReadonlySet<string>, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  if (pauses.size === 0) return out;
  const changes = c.statusChanges;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!pauses.has(change.status)) continue;
    const start = Math.max(change.at, fromMs);
    const end = Math.min(changes[i + 1]?.at ?? toMs, toMs);
    if (end > start) out.push(start, end);
  }
  return out;
}

const resolutionTime: Metric = {
  id: 'resolution_time',
  description: 'Resolved time − request time over resolved chats (full; first resolution under `first`)',
  unit: 'seconds',
  defaultField: 'median',
  needs: ['resolution'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const full = new DurationDistribution(options.clock, options.percentiles);
    const first = new DurationDistribution(options.clock, options.percentiles);
    const pauses = new Set(settingStrings(options.settings, 'pauseStatuses'));
    let reopened = 0;
    return {
      add(c) {
        if (c.isAgentInitiated || c.requestedAt === undefined || c.status !== 'resolved') return;
        const end = c.resolvedAt ?? c.endedAt;
        if (end === undefined) return;
        full.add(c.requestedAt, end, pausedSpans(c, pauses, c.requestedAt, end));
        const firstEnd = c.firstResolvedAt ?? end;
        first.add(c.requestedAt, firstEnd, pausedSpans(c, pauses, c.requestedAt, firstEnd));
        if (c.reopens > 0) reopened++;
      },
      result: () => ({
        ...full.result(),
        first: first.result(),
        reopened,
        ...(pauses.size > 0 ? { paused_statuses: [...pauses] } : {}),
      }),
    };
  },
};

export default resolutionTime;
