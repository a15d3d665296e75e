// staffing: per hour of week, arrivals, handle time and the agents Erlang C says meet the service level, vs online.
/**
 * DECISIONS
 * - Arrival rate: customer-requested chats per hour, averaged over the occurrences of that hour of week between the
 *   first and last hour observed (`--tz`). Handle time: mean handle_time (first message → end, plus wrap-up) of the
 *   chats arriving in that cell; a cell with none measured (only missed chats) takes the overall mean.
 * - Chat is not a call: an agent takes `settings.concurrency` chats at once (default 2), so Erlang C runs with
 *   agents × concurrency servers and the chat's own handle time (the usual approximation; it ignores that agents
 *   slow down with more chats). Target: `settings.serviceLevelTarget` (default 0.8) answered within T of the
 *   service level. Formula: traffic A = λ·AHT; P(wait) = Erlang C(N, A) by the Erlang B recursion;
 *   SL = 1 − P(wait)·e^(−(N − A)·T / AHT). Worked example: A = 2, N = 3 → P(wait) = 4/9; T = 20 s, AHT = 60 s →
 *   SL = 1 − 0.444·e^(−1/3) = 0.682.
 * - `agents_online` is agents_online's inferred presence for the same cell; `gap` = online − needed (negative:
 *   understaffed). Only cells with arrivals are listed.
 */
import type { Conversation } from '../conversations/types.js';
import { hourCell, Presence } from './presence.js';
import { round3, settingNumber } from './stats.js';
import { WEEKDAYS } from './volume_heatmap.js';
import type { JsonValue, Metric } from './types.js';

const HOUR_MS = 3_600_000;

/** Erlang C: the probability an arrival waits, with `servers` servers and `traffic` Erlangs (1 when N ≤ A). */
export function erlangC(servers: number, traffic: number): number {
  if (servers <= traffic) return 1;
  let b = 1; // Erlang B with 0 servers
  for (let k = 1; k <= servers; k++) b = (traffic * b) / (k + traffic * b);
  return (servers * b) / (servers - traffic * (1 - b));
}

/** Share answered within `seconds` with N servers, A Erlangs and the mean handle time. */
export function erlangServiceLevel(servers: number, traffic: number, handleSeconds: number, seconds: number): number {
  if (servers <= traffic) return 0;
  return 1 - erlangC(servers, traffic) * Math.exp((-(servers - traffic) * seconds) / handleSeconds);
}

/** The fewest agents (each taking `concurrency` chats) meeting the target; 0 when nothing arrives. */
export function agentsNeeded(arrivalsPerHour: number, handleSeconds: number, seconds: number, target: number, concurrency: number): number {
  if (arrivalsPerHour <= 0 || handleSeconds <= 0) return 0;
  const traffic = (arrivalsPerHour * handleSeconds) / 3600;
  for (let agents = 1; agents < 10_000; agents++) {
    if (erlangServiceLevel(agents * concurrency, traffic, handleSeconds, seconds) >= target) return agents;
  }
  return Infinity;
}

function handleSpanMs(c: Conversation): number | undefined {
  if (c.firstMessageAt === undefined || c.endedAt === undefined) return undefined;
  return Math.max(c.endedAt, c.wrappedUpAt ?? c.endedAt) - c.firstMessageAt;
}

const staffing: Metric = {
  id: 'staffing',
  description: 'Per hour of week: arrival rate, handle time, agents needed by Erlang C for the service level, vs online',
  unit: 'count',
  defaultField: 'value',
  needs: ['messages'],
  isDefault: false,
  create(options) {
    const concurrency = Math.max(1, settingNumber(options.settings, 'concurrency', 2));
    const target = settingNumber(options.settings, 'serviceLevelTarget', 0.8);
    const presence = new Presence();
    const arrivalHours = new Map<number, number>(); // epoch hour → arrivals
    const handleSum = Array.from({ length: 168 }, () => 0);
    const handleCount = Array.from({ length: 168 }, () => 0);
    return {
      add(c) {
        presence.add(c);
        if (c.isAgentInitiated || c.requestedAt === undefined) return;
        const hour = Math.floor(c.requestedAt / HOUR_MS);
        arrivalHours.set(hour, (arrivalHours.get(hour) ?? 0) + 1);
        presence.touch(hour);
        const ms = handleSpanMs(c);
        if (ms !== undefined && ms > 0) {
          const cell = hourCell(options.clock, hour);
          handleSum[cell]! += ms;
          handleCount[cell]!++;
        }
      },
      result() {
        const { means: online, occurrences } = presence.meansByCell(options.clock);
        const arrivals = Array.from({ length: 168 }, () => 0);
        for (const [hour, n] of arrivalHours) arrivals[hourCell(options.clock, hour)]! += n;
        const measured = handleCount.reduce((a, b) => a + b, 0);
        const overallHandleMs = measured > 0 ? handleSum.reduce((a, b) => a + b, 0) / measured : 0;
        const hours: { [key: string]: JsonValue }[] = [];
        let peakNeeded = 0;
        let understaffed = 0;
        for (let cell = 0; cell < 168; cell++) {
          if (arrivals[cell]! === 0) continue;
          const rate = arrivals[cell]! / occurrences[cell]!;
          // a cell whose chats have no measured handle time (all missed) borrows the overall mean
          const handleSeconds = (handleCount[cell]! > 0 ? handleSum[cell]! / handleCount[cell]! : overallHandleMs) / 1000;
          const needed = agentsNeeded(rate, handleSeconds, options.serviceLevelSeconds, target, concurrency);
          const gap = online[cell]! - needed;
          if (gap < 0) understaffed++;
          peakNeeded = Math.max(peakNeeded, needed);
          hours.push({
            weekday: WEEKDAYS[Math.floor(cell / 24)]!,
            hour: cell % 24,
            arrivals_per_hour: round3(rate),
            handle_seconds: round3(handleSeconds),
            agents_needed: Number.isFinite(needed) ? needed : null,
            agents_online: round3(online[cell]!),
            gap: Number.isFinite(gap) ? round3(gap) : null,
          });
        }
        return {
          value: hours.length > 0 && Number.isFinite(peakNeeded) ? peakNeeded : null,
          understaffed_hours: understaffed,
          concurrency,
          service_level_target: target,
          threshold_seconds: options.serviceLevelSeconds,
          hours,
        };
      },
    };
  },
};

export default staffing;
