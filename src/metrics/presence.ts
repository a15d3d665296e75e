// Which agents were at work in which hour: shared by agents_online and staffing.
import type { Conversation } from '../conversations/types.js';
import type { Clock } from '../time/clock.js';
import { WEEKDAYS } from './volume_heatmap.js';

const HOUR_MS = 3_600_000;
/** A handling span longer than this is cut: a ticket left open overnight does not keep its agent "online". */
export const MAX_SPAN_HOURS = 12;

/** The handling span of a conversation's agent: assignment (else first response, else first message) → end. */
export function handlingSpan(c: Conversation): [number, number] | undefined {
  const start = c.assignedAt ?? c.firstResponseAt ?? c.firstMessageAt;
  const end = c.endedAt;
  return start === undefined || end === undefined || end < start ? undefined : [start, end];
}

/**
 * Agents present per hour instance (epoch hour): an agent is present in an hour when they replied in it, or
 * handled a chat during it (handlingSpan, capped at MAX_SPAN_HOURS).
 */
export class Presence {
  private readonly byHour = new Map<number, Set<string>>();
  firstHour = Infinity;
  lastHour = -Infinity;

  add(c: Conversation): void {
    const w = c.replyWaits;
    for (let i = 0; i < c.replyAgents.length; i++) {
      const agent = c.replyAgents[i];
      const at = w[2 * i + 1];
      if (agent !== undefined && at !== undefined) this.mark(agent, Math.floor(at / HOUR_MS));
    }
    const span = handlingSpan(c);
    if (c.agent !== undefined && span !== undefined) {
      const first = Math.floor(span[0] / HOUR_MS);
      const last = Math.min(Math.floor(span[1] / HOUR_MS), first + MAX_SPAN_HOURS - 1);
      for (let h = first; h <= last; h++) this.mark(c.agent, h);
    }
  }

  /** Extends the observed range (hours with arrivals but no agent count as 0 agents). */
  touch(hour: number): void {
    if (hour < this.firstHour) this.firstHour = hour;
    if (hour > this.lastHour) this.lastHour = hour;
  }

  /** Mean distinct agents per hour-of-week cell (index (weekday−1)·24 + hour) over the hours observed. */
  meansByCell(clock: Clock): { means: number[]; occurrences: number[] } {
    const sums = Array.from({ length: 168 }, () => 0);
    const occurrences = Array.from({ length: 168 }, () => 0);
    if (Number.isFinite(this.firstHour)) {
      for (let h = this.firstHour; h <= this.lastHour; h++) {
        const cell = hourCell(clock, h);
        occurrences[cell]!++;
        sums[cell]! += this.byHour.get(h)?.size ?? 0;
      }
    }
    return { means: sums.map((s, i) => (occurrences[i]! > 0 ? s / occurrences[i]! : 0)), occurrences };
  }

  private mark(agent: string, hour: number): void {
    let set = this.byHour.get(hour);
    if (set === undefined) this.byHour.set(hour, (set = new Set()));
    set.add(agent);
    this.touch(hour);
  }
}

/** The hour-of-week cell of an epoch hour in the clock's zone (read at the half hour, for half-hour zones). */
export function hourCell(clock: Clock, epochHour: number): number {
  const at = epochHour * HOUR_MS + HOUR_MS / 2;
  return (clock.weekday(at) - 1) * 24 + clock.hourOfDay(at);
}

/** 168 values → `{ mon: [24], ... }`. */
export function byWeekday(values: readonly number[], map: (v: number) => number = (v) => v): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  WEEKDAYS.forEach((day, i) => (out[day] = values.slice(i * 24, i * 24 + 24).map(map)));
  return out;
}
