// Calendar and business time in the report's zone: what metrics use instead of raw subtraction.
import { businessSecondsBetween, type Schedule } from './business-hours.js';
import type { HolidaySet } from './holidays.js';
import { civilFromDays, DAY_MS, daysFromCivil, isoDateOfDay, weekdayOfDay, zoneOffsets, type ZoneOffsets } from './zone.js';

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

export interface ClockOptions {
  /** IANA zone; buckets and business hours are wall-clock times there. */
  zone: string;
  /** Open hours; absent with holidays means open around the clock except on holidays. */
  businessHours?: Schedule;
  holidays?: HolidaySet;
}

const ALWAYS_OPEN: Schedule = {
  text: '24/7',
  days: Array.from({ length: 7 }, () => [{ startMinute: 0, endMinute: 1440 }]),
  weeklySeconds: 7 * 86_400,
};

/** A clock with no business hours: business seconds are calendar seconds. */
export function calendarClock(zone = 'UTC'): Clock {
  return createClock({ zone });
}

/**
 * The report's clock. Buckets use the zone's cached offset table (no luxon per call: they run per conversation);
 * with a schedule or holidays, businessSeconds counts open time only (src/time/business-hours.ts).
 */
export function createClock(options: ClockOptions): Clock {
  const { zone } = options;
  const offsets = zoneOffsets(zone);
  const schedule = options.businessHours ?? (options.holidays ? ALWAYS_OPEN : undefined);
  const holidays = options.holidays;
  const localDay = (ms: number): number => Math.floor((ms + offsets.offsetAt(ms)) / DAY_MS);
  // Conversations come nearly in time order, so the key of the previous day is nearly always the one asked for.
  const dayKeys = new LastKey(isoDateOfDay);
  const weekKeys = new LastKey(isoWeekKey);
  const monthKeys = new LastKey((day) => isoDateOfDay(day).slice(0, 7));
  return {
    zone,
    hasBusinessHours: schedule !== undefined,
    businessSeconds: schedule
      ? (fromMs, toMs) => businessSecondsBetween(fromMs, toMs, schedule, offsets, holidays)
      : (fromMs, toMs) => (toMs - fromMs) / 1000,
    dayKey: (ms) => (Number.isFinite(ms) ? dayKeys.of(localDay(ms)) : ''),
    weekKey: (ms) => (Number.isFinite(ms) ? weekKeys.of(localDay(ms)) : ''),
    monthKey: (ms) => (Number.isFinite(ms) ? monthKeys.of(localDay(ms)) : ''),
    hourOfDay: (ms) => localHour(ms, offsets),
    weekday: (ms) => weekdayOfDay(localDay(ms)),
  };
}

/** A day number's key, remembering the last one: no new string per call for the same day. */
class LastKey {
  private day = Number.NaN;
  private key = '';
  constructor(private readonly make: (day: number) => string) {}
  of(day: number): string {
    if (day !== this.day) {
      this.key = this.make(day);
      this.day = day;
    }
    return this.key;
  }
}

function localHour(ms: number, offsets: ZoneOffsets): number {
  const local = ms + offsets.offsetAt(ms);
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / 3_600_000);
}

/** `2026-W13`: the ISO week-year is the year of the week's Thursday. */
export function isoWeekKey(day: number): string {
  const thursday = day - weekdayOfDay(day) + 4;
  const year = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${year}-W${week < 10 ? '0' : ''}${week}`;
}
