// A zone's UTC offsets as a cached table of transitions, and calendar arithmetic on local day numbers.
// luxon answers one offset in ~9 µs (Intl); business hours and buckets need millions, so each UTC year's
// transitions are found once (weekly samples, then bisection to the millisecond) and looked up by binary search.
import { Info } from 'luxon';
import { UsageError } from '../errors.js';

export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Which instant a wall-clock time in an autumn overlap means (02:30 happens twice): java.time's default is 'earlier'. */
export type Fold = 'earlier' | 'later';

export interface ZoneOffsets {
  readonly zone: string;
  /** Offset from UTC in ms at an instant (local = utc + offset). */
  offsetAt(utcMs: number): number;
  /** Local wall-clock ms (as if UTC) → instant. A time in a spring gap moves forward by the gap, as luxon does. */
  toUtc(localMs: number, fold?: Fold): number;
  /** The first offset change strictly after `utcMs` and before `limitMs`, else Infinity. */
  nextTransition(utcMs: number, limitMs: number): number;
}

const cache = new Map<string, ZoneOffsets>();

/** One shared table per zone name; an unknown zone is a UsageError BAD_ZONE (exit 2). */
export function zoneOffsets(zone: string): ZoneOffsets {
  let z = cache.get(zone);
  if (z === undefined) {
    z = createZoneOffsets(zone);
    cache.set(zone, z);
  }
  return z;
}

function createZoneOffsets(zone: string): ZoneOffsets {
  // normalizeZone accepts what --tz validation (luxon's setZone) accepts: IANA names, `UTC`, `UTC+3`.
  const luxonZone = Info.normalizeZone(zone);
  if (!luxonZone.isValid) {
    throw new UsageError('BAD_ZONE', `${zone}: not an IANA time zone`, 'use a name like Europe/Madrid, America/New_York or UTC');
  }
  const probe = (ms: number): number => luxonZone.offset(ms) * 60_000;
  // starts[i] is when offsets[i] begins; the table covers [loadedFrom, loadedTo).
  let starts: number[] = [];
  let offsets: number[] = [];
  let loadedFrom = 0;
  let loadedTo = 0;
  let isLoaded = false;

  /** Transitions inside [from, to), with the offset at `from` as the first entry. */
  const scan = (from: number, to: number): [number[], number[]] => {
    const s = [from];
    const o = [probe(from)];
    let t0 = from;
    let o0 = o[0]!;
    while (t0 < to) {
      const t1 = Math.min(t0 + WEEK_MS, to);
      if (probe(t1) === o0) {
        t0 = t1;
        continue;
      }
      // Bisect to the first millisecond with another offset.
      let lo = t0;
      let hi = t1;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (probe(mid) === o0) lo = mid;
        else hi = mid;
      }
      if (hi >= to) break; // a change exactly at `to` opens the next range
      o0 = probe(hi);
      s.push(hi);
      o.push(o0);
      t0 = hi;
    }
    return [s, o];
  };

  const yearStart = (ms: number): number => Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);
  const nextYearStart = (ms: number): number => Date.UTC(new Date(ms).getUTCFullYear() + 1, 0, 1);

  const ensure = (ms: number): void => {
    if (isLoaded && ms >= loadedFrom && ms < loadedTo) return;
    if (!Number.isFinite(ms)) return;
    if (!isLoaded) {
      const from = yearStart(ms);
      const to = nextYearStart(ms);
      [starts, offsets] = scan(from, to);
      loadedFrom = from;
      loadedTo = to;
      isLoaded = true;
      return;
    }
    if (ms >= loadedTo) {
      const to = nextYearStart(ms);
      const [s, o] = scan(loadedTo, to);
      // The scan's first entry repeats the current offset unless it changed exactly at the boundary.
      for (let i = 0; i < s.length; i++) {
        if (i === 0 && o[0] === offsets[offsets.length - 1]) continue;
        starts.push(s[i]!);
        offsets.push(o[i]!);
      }
      loadedTo = to;
    } else {
      const from = yearStart(ms);
      const [s, o] = scan(from, loadedFrom);
      if (o[o.length - 1] === offsets[0]) {
        starts.shift();
        offsets.shift();
      }
      starts = [...s, ...starts];
      offsets = [...o, ...offsets];
      loadedFrom = from;
    }
  };

  /** Index of the last start <= ms. */
  const indexAt = (ms: number): number => {
    ensure(ms);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const offsetAt = (utcMs: number): number => {
    const i = indexAt(utcMs); // first: it may load, replacing `offsets`
    return offsets[i]!;
  };

  return {
    zone,
    offsetAt,
    toUtc(localMs, fold = 'earlier') {
      // Transitions are more than a day apart, so the offsets a day either side are the only candidates.
      const before = offsetAt(localMs - DAY_MS);
      const after = offsetAt(localMs + DAY_MS);
      if (before === after) return localMs - before;
      const a = localMs - before;
      const b = localMs - after;
      const aOk = offsetAt(a) === before;
      const bOk = offsetAt(b) === after;
      if (aOk && bOk) return fold === 'earlier' ? Math.min(a, b) : Math.max(a, b);
      if (aOk) return a;
      if (bOk) return b;
      // In a gap: keep the wall-clock distance from the previous offset (02:30 → 03:30 when clocks jump at 02:00).
      return localMs - Math.min(before, after);
    },
    nextTransition(utcMs, limitMs) {
      if (!Number.isFinite(limitMs)) limitMs = utcMs + 400 * 366 * DAY_MS;
      const i = indexAt(utcMs) + 1;
      for (;;) {
        if (i < starts.length) return starts[i]! < limitMs ? starts[i]! : Infinity;
        if (loadedTo >= limitMs) return Infinity;
        ensure(loadedTo);
      }
    },
  };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `2026-03-29` of a day number. */
export function isoDateOfDay(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${year}-${pad2(month)}-${pad2(d)}`;
}

/** Day number of `2026-03-29`, or undefined when it is not a real date. */
export function dayOfIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const day = daysFromCivil(y, mo, d);
  const back = civilFromDays(day);
  return back.month === mo && back.day === d ? day : undefined;
}
