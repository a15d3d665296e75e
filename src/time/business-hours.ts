// Business hours: parse `mon-fri 09:00-18:00; sat 10:00-14:00` and count the open seconds of an interval.
import { UsageError } from '../errors.js';
import type { HolidaySet } from './holidays.js';
import { DAY_MS, weekdayOfDay, type ZoneOffsets } from './zone.js';

/** Open wall-clock minutes of one calendar day, [startMinute, endMinute) with 0 <= start < end <= 1440. */
export interface OpenSpan {
  startMinute: number;
  endMinute: number;
}

export interface Schedule {
  /** What the user wrote, for the report's settings. */
  text: string;
  /** Index 0 = Monday .. 6 = Sunday; spans sorted, merged, within the day (a span past midnight is split). */
  days: readonly (readonly OpenSpan[])[];
  /** Open seconds of a week without holidays or clock changes: what whole weeks multiply. */
  weeklySeconds: number;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_ALIASES: Record<string, number> = {
  monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6,
  tues: 1, wednes: 2, thur: 3, thurs: 3,
};
const HINT = 'e.g. "mon-fri 09:00-18:00; sat 10:00-14:00", "daily 08:00-20:00", "fri 22:00-02:00" or "24/7"';

const bad = (part: string, why: string): UsageError =>
  new UsageError('BAD_BUSINESS_HOURS', `--business-hours: "${part}": ${why}`, HINT);

/**
 * Parses a schedule. Parts are separated by `;` (or new lines); each is `<days> <span>[ <span>...]` where days are
 * `mon`, `mon-fri`, `mon,wed,fri`, `fri-mon` (wraps), `daily`, `weekdays`, `weekends`; a span is `HH:MM-HH:MM`
 * (`24:00` ends a day; an end at or before the start runs past midnight into the next day). `24/7` is always open.
 */
export function parseSchedule(text: string): Schedule {
  const days: OpenSpan[][] = [[], [], [], [], [], [], []];
  const parts = text.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw bad(text, 'empty schedule');
  for (const part of parts) {
    if (/^(24\/7|always)$/i.test(part)) {
      for (const d of days) d.push({ startMinute: 0, endMinute: 1440 });
      continue;
    }
    for (const group of dayGroups(part)) {
      const weekdays = parseDays(group.days, part);
      for (const spanText of group.spans) {
        const span = parseSpan(spanText, part);
        for (const wd of weekdays) {
          if (span.end > span.start) days[wd]!.push({ startMinute: span.start, endMinute: span.end });
          else {
            // Past midnight: the tail belongs to the next calendar day (its weekday, its holiday status).
            days[wd]!.push({ startMinute: span.start, endMinute: 1440 });
            if (span.end > 0) days[(wd + 1) % 7]!.push({ startMinute: 0, endMinute: span.end });
          }
        }
      }
    }
  }
  const merged = days.map(mergeSpans);
  const weeklySeconds = merged.reduce((sum, spans) => sum + spans.reduce((s, x) => s + (x.endMinute - x.startMinute) * 60, 0), 0);
  if (weeklySeconds === 0) throw bad(text, 'no open hours');
  return { text, days: merged, weeklySeconds };
}

/**
 * Splits one part into day groups with their spans: `mon,wed 09:00-12:00 14:00-18:00` is one group,
 * `mon-fri 09:00-18:00, sat 10:00-14:00` two (a day word after a span starts a new group).
 */
function dayGroups(part: string): { days: string; spans: string[] }[] {
  const normalized = part.replace(/([a-z])\s*-\s*([a-z])/gi, '$1-$2').replace(/(\d)\s*-\s*(\d)/g, '$1-$2');
  const groups: { days: string; spans: string[] }[] = [];
  let current: { days: string; spans: string[] } | undefined;
  for (const token of normalized.split(/[\s,]+/).filter((t) => t !== '')) {
    if (/^\d/.test(token)) {
      if (current === undefined) throw bad(part, `"${token}" has no days before it (e.g. "mon-fri ${token}")`);
      current.spans.push(token);
    } else {
      if (current === undefined || current.spans.length > 0) {
        current = { days: token, spans: [] };
        groups.push(current);
      } else current.days += `,${token}`;
    }
  }
  for (const g of groups) if (g.spans.length === 0) throw bad(part, `"${g.days}" has no hours (e.g. "${g.days} 09:00-18:00")`);
  return groups;
}

function dayIndex(name: string, part: string): number {
  const n = name.toLowerCase();
  const i = DAY_NAMES.indexOf(n);
  if (i !== -1) return i;
  const alias = DAY_ALIASES[n];
  if (alias !== undefined) return alias;
  throw bad(part, `"${name}" is not a weekday (mon, tue, wed, thu, fri, sat, sun)`);
}

function parseDays(text: string, part: string): number[] {
  const t = text.toLowerCase();
  if (t === 'daily' || t === 'everyday' || t === 'all') return [0, 1, 2, 3, 4, 5, 6];
  if (t === 'weekdays') return [0, 1, 2, 3, 4];
  if (t === 'weekends' || t === 'weekend') return [5, 6];
  const out = new Set<number>();
  for (const item of t.split(',').filter((x) => x !== '')) {
    const range = item.split('-');
    if (range.length === 1) out.add(dayIndex(range[0]!, part));
    else if (range.length === 2) {
      const from = dayIndex(range[0]!, part);
      const to = dayIndex(range[1]!, part);
      // fri-mon wraps over the weekend.
      for (let d = from; ; d = (d + 1) % 7) {
        out.add(d);
        if (d === to) break;
      }
    } else throw bad(part, `"${item}" is not a day range`);
  }
  if (out.size === 0) throw bad(part, 'no days');
  return [...out].sort((a, b) => a - b);
}

function parseSpan(text: string, part: string): { start: number; end: number } {
  const m = /^(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw bad(part, `"${text}" is not a span like 09:00-18:00`);
  const start = minutes(+m[1]!, +(m[2] ?? 0));
  const end = minutes(+m[3]!, +(m[4] ?? 0));
  if (start === undefined || end === undefined || start >= 1440) throw bad(part, `"${text}": hours are 00:00..24:00`);
  if (start === end) throw bad(part, `"${text}" is empty (write 00:00-24:00 for a whole day)`);
  return { start, end: end === 1440 && start > 0 ? 1440 : end };
}

function minutes(h: number, m: number): number | undefined {
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return undefined;
  return h * 60 + m;
}

function mergeSpans(spans: OpenSpan[]): OpenSpan[] {
  const sorted = [...spans].sort((a, b) => a.startMinute - b.startMinute);
  const out: OpenSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, s.endMinute);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Open seconds between two instants: the overlap of [fromMs, toMs) with the schedule's wall-clock spans in the
 * zone, minus holidays (a holiday closes its whole calendar day). Closed form per day: a day's span boundaries are
 * converted to instants with the zone's offsets, so a 23- or 25-hour day is counted as it really elapsed; runs of
 * whole weeks with no holiday and no clock change are multiplied (a year costs about 60 steps, not 365 days).
 * Negative when toMs < fromMs, like a calendar subtraction.
 */
export function businessSecondsBetween(
  fromMs: number,
  toMs: number,
  schedule: Schedule,
  zone: ZoneOffsets,
  holidays?: HolidaySet,
): number {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return Number.NaN;
  if (toMs < fromMs) return -businessSecondsBetween(toMs, fromMs, schedule, zone, holidays);
  if (toMs === fromMs) return 0;
  const firstDay = Math.floor((fromMs + zone.offsetAt(fromMs)) / DAY_MS);
  const lastDay = Math.floor((toMs + zone.offsetAt(toMs)) / DAY_MS);
  let ms = 0;
  let day = firstDay;
  // Days in (firstDay, lastDay) lie wholly inside the interval; only they can be multiplied.
  let cleanUntil = -Infinity; // days < cleanUntil (from `day`) have no holiday and no clock change
  while (day <= lastDay) {
    if (day > firstDay && day + 7 <= lastDay) {
      if (day >= cleanUntil) cleanUntil = firstUnclean(day, lastDay, zone, holidays);
      const weeks = Math.floor((Math.min(cleanUntil, lastDay) - day) / 7);
      if (weeks > 0) {
        ms += weeks * schedule.weeklySeconds * 1000;
        day += weeks * 7;
        continue;
      }
    }
    ms += dayOpenMs(day, fromMs, toMs, schedule, zone, holidays);
    day++;
  }
  return ms / 1000;
}

/** The first day >= `day` (up to `limit`) that is a holiday or holds a clock change. */
function firstUnclean(day: number, limit: number, zone: ZoneOffsets, holidays?: HolidaySet): number {
  const approxStart = day * DAY_MS - 2 * DAY_MS; // a margin wider than any UTC offset
  const transition = zone.nextTransition(approxStart, (limit + 2) * DAY_MS);
  // The local day holding the change; a day early to stay on the safe side of the offset used.
  const transitionDay = transition === Infinity ? Infinity : Math.floor(transition / DAY_MS) - 1;
  const holiday = holidays ? holidays.nextFrom(day, limit + 1) : Infinity;
  return Math.min(transitionDay, holiday, limit + 1);
}

/** Open ms of one local calendar day within [fromMs, toMs). */
function dayOpenMs(day: number, fromMs: number, toMs: number, schedule: Schedule, zone: ZoneOffsets, holidays?: HolidaySet): number {
  if (holidays?.has(day)) return 0;
  const spans = schedule.days[weekdayOfDay(day) - 1]!;
  const base = day * DAY_MS;
  let ms = 0;
  for (const span of spans) {
    // A wall time in an autumn overlap opens at its first occurrence and closes at its last: the real time elapsed.
    const start = zone.toUtc(base + span.startMinute * 60_000, 'earlier');
    const end = zone.toUtc(base + span.endMinute * 60_000, 'later');
    const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
    if (overlap > 0) ms += overlap;
  }
  return ms;
}
