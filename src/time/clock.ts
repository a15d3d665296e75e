// Calendar and business time in the report's zone: what metrics use instead of raw subtraction.
import { DateTime } from 'luxon';

export interface Clock {
  /** IANA zone of the report (`--tz`, default UTC). */
  zone: string;
  /** True when `--business-hours` was given: duration metrics then add a `business` figure. */
  hasBusinessHours: boolean;
  /** Seconds of open business time between two instants (calendar seconds when no schedule). */
  businessSeconds(fromMs: number, toMs: number): number;
  /** Bucket keys in the report's zone. */
  dayKey(ms: number): string; // 2026-03-29
  weekKey(ms: number): string; // 2026-W13 (ISO week)
  monthKey(ms: number): string; // 2026-03
  hourOfDay(ms: number): number; // 0..23
  weekday(ms: number): number; // 1 = Monday .. 7 = Sunday (ISO)
}

/** A clock with no business hours; `src/time/business-hours.ts` builds the one with a schedule. */
export function calendarClock(zone = 'UTC'): Clock {
  const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone });
  return {
    zone,
    hasBusinessHours: false,
    businessSeconds: (fromMs, toMs) => (toMs - fromMs) / 1000,
    dayKey: (ms) => at(ms).toISODate() ?? '',
    weekKey: (ms) => at(ms).toFormat("kkkk-'W'WW"),
    monthKey: (ms) => at(ms).toFormat('yyyy-MM'),
    hourOfDay: (ms) => at(ms).hour,
    weekday: (ms) => at(ms).weekday,
  };
}
