// concurrency: per agent, the peak and time-weighted mean number of chats handled at once; per team too.
/**
 * DECISIONS
 * - A chat occupies its agent (the conversation's attributed agent) from assignment (else first response, else
 *   first message) to its end. A chat ending at the instant another starts does not overlap it.
 * - `mean` is time-weighted over the time the agent had at least one chat: total chat time / busy time (LiveChat's
 *   "chatting time" view). `peak` is the most chats at any instant. Teams are departments: their mean pools the
 *   members' chat and busy time, their peak is the highest member peak.
 * - Memory: two numbers per conversation, kept per agent until the result (overlap needs the intervals).
 */
import { handlingSpan } from './presence.js';
import { ratio } from './stats.js';
import type { JsonValue, Metric } from './types.js';

interface Spans {
  starts: number[];
  ends: number[];
  team?: string;
}

/** Peak overlap, total span time and busy (union) time of a set of intervals. */
export function overlap(starts: readonly number[], ends: readonly number[]): { peak: number; totalMs: number; busyMs: number } {
  const points: [number, number][] = [];
  let totalMs = 0;
  for (let i = 0; i < starts.length; i++) {
    if (ends[i]! <= starts[i]!) continue;
    points.push([starts[i]!, 1], [ends[i]!, -1]);
    totalMs += ends[i]! - starts[i]!;
  }
  // ends before starts at the same instant: back-to-back chats do not overlap
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  let busyMs = 0;
  let since = 0;
  for (const [at, delta] of points) {
    if (open > 0) busyMs += at - since;
    open += delta;
    since = at;
    if (open > peak) peak = open;
  }
  return { peak, totalMs, busyMs };
}

const concurrency: Metric = {
  id: 'concurrency',
  description: 'Per agent, peak and time-weighted mean chats handled at once; per team',
  unit: 'count',
  defaultField: 'value',
  needs: ['humanReplies'],
  isDefault: false,
  readsReplies: false,
  create() {
    const agents = new Map<string, Spans>();
    return {
      add(c) {
        const span = handlingSpan(c);
        if (c.agent === undefined || span === undefined) return;
        let s = agents.get(c.agent);
        if (s === undefined) agents.set(c.agent, (s = { starts: [], ends: [] }));
        s.starts.push(span[0]);
        s.ends.push(span[1]);
        if (c.department !== undefined) s.team ??= c.department;
      },
      result() {
        const rows: { [key: string]: JsonValue }[] = [];
        const teams = new Map<string, { peak: number; totalMs: number; busyMs: number }>();
        let totalMs = 0;
        let busyMs = 0;
        let peak = 0;
        for (const [agent, s] of [...agents.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
          const o = overlap(s.starts, s.ends);
          rows.push({ agent, peak: o.peak, mean: ratio(o.totalMs, o.busyMs), conversations: s.starts.length });
          totalMs += o.totalMs;
          busyMs += o.busyMs;
          peak = Math.max(peak, o.peak);
          if (s.team !== undefined) {
            const t = teams.get(s.team) ?? { peak: 0, totalMs: 0, busyMs: 0 };
            teams.set(s.team, { peak: Math.max(t.peak, o.peak), totalMs: t.totalMs + o.totalMs, busyMs: t.busyMs + o.busyMs });
          }
        }
        return {
          value: ratio(totalMs, busyMs),
          peak,
          agents: rows,
          teams: [...teams.entries()].map(([team, t]) => ({ team, peak: t.peak, mean: ratio(t.totalMs, t.busyMs) })),
        };
      },
    };
  },
};

export default concurrency;
