// Holidays: closed calendar days from a dates file, an .ics calendar, a comma list, or a country/region code.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { InputError, UsageError } from '../errors.js';
import { civilFromDays, dayOfIsoDate, daysFromCivil, isoDateOfDay } from './zone.js';

/** Closed days as local day numbers (days since 1970-01-01 in the report's zone). */
export interface HolidaySet {
  /** What the user gave (`ES-MD`, `holidays.txt`), for the report. */
  source: string;
  has(day: number): boolean;
  /** The first holiday day in [day, before), else Infinity. */
  nextFrom(day: number, before: number): number;
  /** ISO dates of one year, sorted. */
  datesIn(year: number): string[];
}

export interface LoadHolidaysOptions {
  /** The report's zone, where holiday dates are calendar days. */
  zone: string;
  /** Years to check a country code against now (the set loads other years on demand). */
  years?: readonly number[];
}

const HINT =
  'a file with one date (2026-03-19) or range (2026-12-24..2026-12-26) per line, an .ics file, dates like ' +
  '"2026-01-01,2026-01-06", or a country/region code such as ES, ES-MD, US-NY';

const bad = (message: string): UsageError => new UsageError('BAD_HOLIDAYS', `--holidays: ${message}`, HINT);

// date-holidays carries every country's calendar (~30 MB in memory): loaded only when a code is asked for.
const require = createRequire(import.meta.url);
function holidaysLibrary(): typeof HolidaysClass {
  return require('date-holidays') as typeof HolidaysClass;
}

/** Reads the `--holidays` value. Files win over codes: a file named `ES` in the current folder is a file. */
export function loadHolidays(spec: string, options: LoadHolidaysOptions): HolidaySet {
  const text = spec.trim();
  if (text === '') throw bad('empty value');
  if (existsSync(text)) {
    let content: string;
    try {
      content = readFileSync(text, 'utf8');
    } catch (e) {
      throw new InputError('UNREADABLE_FILE', { file: text }, `cannot read holidays file: ${(e as Error).message}`);
    }
    if (/\.ics$/i.test(text) || /^\s*BEGIN:VCALENDAR/i.test(content)) return fromIcs(text, content);
    return fromDays(text, parseDatesFile(text, content));
  }
  if (/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/.test(text)) return fromCountry(text, options.years);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const days: number[] = [];
    for (const item of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) days.push(...parseDateOrRange(item, `"${item}"`));
    return fromDays(text, days);
  }
  if (/[/\\]|\.(txt|ics|csv|list)$/i.test(text)) {
    throw new InputError('UNREADABLE_FILE', { file: text }, 'holidays file not found');
  }
  throw bad(`"${text}" is not a file, a date list or a country code`);
}

/** One `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` → day numbers. */
function parseDateOrRange(item: string, where: string): number[] {
  const [fromText, toText, extra] = item.split('..');
  if (extra !== undefined) throw bad(`${where}: not a date or range`);
  const from = dayOfIsoDate(fromText!.trim());
  if (from === undefined) throw bad(`${where}: "${fromText}" is not a date (YYYY-MM-DD)`);
  if (toText === undefined) return [from];
  const to = dayOfIsoDate(toText.trim());
  if (to === undefined) throw bad(`${where}: "${toText}" is not a date (YYYY-MM-DD)`);
  if (to < from) throw bad(`${where}: the range ends before it starts`);
  if (to - from > 366) throw bad(`${where}: a range longer than a year`);
  const out: number[] = [];
  for (let d = from; d <= to; d++) out.push(d);
  return out;
}

/** One date or range per line, `#` comments; words after the date (a holiday's name) are allowed. */
function parseDatesFile(file: string, content: string): number[] {
  const days: number[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').replace(/#.*$/, '').trim();
    if (line === '') return;
    const first = line.split(/[\s,;]+/)[0]!;
    days.push(...parseDateOrRange(first, `${file}:${i + 1}`));
  });
  if (days.length === 0) throw bad(`${file}: no dates`);
  return days;
}

interface YearlyRule {
  month: number;
  day: number;
  /** Length in days (a multi-day all-day event). */
  length: number;
  fromYear: number;
  /** Last day number an occurrence may start on (UNTIL), inclusive. */
  untilDay: number;
  /** COUNT: occurrences from fromYear. */
  count: number;
}

/**
 * A small iCalendar reader for holiday calendars: all-day VEVENTs (`DTSTART;VALUE=DATE:20261224`, DTEND exclusive,
 * default one day) and `RRULE:FREQ=YEARLY` for fixed dates (COUNT, UNTIL, INTERVAL=1). Timed events are not
 * holidays (a two-hour event does not close a day) and are skipped.
 */
function fromIcs(file: string, content: string): HolidaySet {
  // RFC 5545 §3.1: a line starting with a space or tab continues the previous one.
  const lines = content.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const days: number[] = [];
  const rules: YearlyRule[] = [];
  let inEvent = false;
  let start: { day: number; isDate: boolean } | undefined;
  let end: { day: number; isDate: boolean } | undefined;
  let rrule: string | undefined;
  let eventLine = 0;
  lines.forEach((line, i) => {
    const upper = line.toUpperCase();
    if (upper.startsWith('BEGIN:VEVENT')) {
      inEvent = true;
      start = end = rrule = undefined;
      eventLine = i + 1;
      return;
    }
    if (!inEvent) return;
    if (upper.startsWith('END:VEVENT')) {
      inEvent = false;
      if (start === undefined) throw bad(`${file}:${eventLine}: VEVENT without DTSTART`);
      if (!start.isDate) return;
      const length = end !== undefined ? end.day - start.day : 1;
      if (length < 1) throw bad(`${file}:${eventLine}: DTEND is not after DTSTART`);
      if (rrule !== undefined) rules.push(parseYearlyRule(rrule, start.day, length, `${file}:${eventLine}`));
      else for (let d = start.day; d < start.day + length; d++) days.push(d);
      return;
    }
    const colon = line.indexOf(':');
    if (colon === -1) return;
    const [name, ...params] = line.slice(0, colon).toUpperCase().split(';');
    const value = line.slice(colon + 1).trim();
    if (name === 'DTSTART' || name === 'DTEND') {
      const parsed = parseIcsDate(value, params, `${file}:${i + 1}`);
      if (name === 'DTSTART') start = parsed;
      else end = parsed;
    } else if (name === 'RRULE') rrule = value;
  });
  if (days.length === 0 && rules.length === 0) throw bad(`${file}: no all-day events`);
  return makeSet(file, days, (year) => expandRules(rules, year));
}

function parseIcsDate(value: string, params: string[], where: string): { day: number; isDate: boolean } {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (!m) throw bad(`${where}: "${value}" is not an iCalendar date`);
  const day = dayOfIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === undefined) throw bad(`${where}: "${value}" is not a real date`);
  return { day, isDate: m[4] === undefined || params.includes('VALUE=DATE') };
}

function parseYearlyRule(rrule: string, startDay: number, length: number, where: string): YearlyRule {
  const parts = new Map(rrule.toUpperCase().split(';').map((p) => p.split('=') as [string, string]));
  if (parts.get('FREQ') !== 'YEARLY') throw bad(`${where}: RRULE "${rrule}": only FREQ=YEARLY on a fixed date is supported`);
  for (const key of parts.keys()) {
    if (!['FREQ', 'COUNT', 'UNTIL', 'INTERVAL', 'WKST'].includes(key) || (key === 'INTERVAL' && parts.get(key) !== '1')) {
      throw bad(`${where}: RRULE "${rrule}": ${key} is not supported (fixed yearly dates only)`);
    }
  }
  const { year, month, day } = civilFromDays(startDay);
  const until = parts.get('UNTIL');
  let untilDay = Infinity;
  if (until !== undefined) {
    const u = /^(\d{4})(\d{2})(\d{2})/.exec(until);
    const d = u ? dayOfIsoDate(`${u[1]}-${u[2]}-${u[3]}`) : undefined;
    if (d === undefined) throw bad(`${where}: RRULE UNTIL "${until}" is not a date`);
    untilDay = d;
  }
  const countText = parts.get('COUNT');
  const count = countText !== undefined ? Number(countText) : Infinity;
  if (!(count > 0)) throw bad(`${where}: RRULE COUNT "${countText}" is not a positive number`);
  return { month, day, length, fromYear: year, untilDay, count };
}

function expandRules(rules: readonly YearlyRule[], year: number): number[] {
  const out: number[] = [];
  for (const r of rules) {
    if (year < r.fromYear || year - r.fromYear >= r.count) continue;
    const start = daysFromCivil(year, r.month, r.day);
    // 29 February recurs only in leap years (RFC 5545 skips invalid dates).
    if (civilFromDays(start).month !== r.month) continue;
    if (start > r.untilDay) continue;
    for (let d = start; d < start + r.length; d++) out.push(d);
  }
  return out;
}

/** Public holidays only (date-holidays also knows bank, school, optional and observance days). */
function fromCountry(code: string, years: readonly number[] | undefined): HolidaySet {
  const [country, region] = code.toUpperCase().split('-') as [string, string | undefined];
  const Holidays = holidaysLibrary();
  const registry = new Holidays();
  const countries = registry.getCountries() as Record<string, string> | undefined;
  if (!countries || !(country in countries)) throw bad(`"${code}": no country with code ${country}`);
  if (region !== undefined) {
    const states = (registry.getStates(country) ?? {}) as Record<string, string>;
    if (!(region in states)) {
      const known = Object.keys(states);
      throw bad(`"${code}": ${countries[country]} has no region ${region}${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
  }
  const hd = region !== undefined ? new Holidays(country, region) : new Holidays(country);
  const yearDays = (year: number): number[] => {
    const out: number[] = [];
    for (const h of hd.getHolidays(year) ?? []) {
      if (h.type !== 'public') continue;
      const first = dayOfIsoDate(h.date.slice(0, 10));
      if (first === undefined) continue;
      // Multi-day holidays: their length in whole days (start/end are instants in the country's zone).
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let d = first; d < first + length; d++) out.push(d);
    }
    return out;
  };
  const set = makeSet(code.toUpperCase(), [], yearDays);
  for (const y of years ?? []) set.datesIn(y);
  return set;
}

function fromDays(source: string, days: readonly number[]): HolidaySet {
  return makeSet(source, days, () => []);
}

/** Fixed days plus a per-year generator, cached per year and binary-searched. */
function makeSet(source: string, fixed: readonly number[], generate: (year: number) => number[]): HolidaySet {
  const fixedByYear = new Map<number, number[]>();
  for (const d of fixed) {
    const y = civilFromDays(d).year;
    const list = fixedByYear.get(y) ?? [];
    list.push(d);
    fixedByYear.set(y, list);
  }
  const byYear = new Map<number, number[]>();
  const yearList = (year: number): number[] => {
    let list = byYear.get(year);
    if (list === undefined) {
      list = [...new Set([...(fixedByYear.get(year) ?? []), ...generate(year)])].sort((a, b) => a - b);
      byYear.set(year, list);
    }
    return list;
  };
  const firstAtOrAfter = (list: number[], day: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    source,
    has(day) {
      const list = yearList(civilFromDays(day).year);
      const i = firstAtOrAfter(list, day);
      return list[i] === day;
    },
    nextFrom(day, before) {
      if (before <= day) return Infinity;
      const lastYear = civilFromDays(before - 1).year;
      for (let y = civilFromDays(day).year; y <= lastYear; y++) {
        const list = yearList(y);
        const i = firstAtOrAfter(list, day);
        if (i < list.length) return list[i]! < before ? list[i]! : Infinity;
      }
      return Infinity;
    },
    datesIn(year) {
      return yearList(year).map(isoDateOfDay);
    },
  };
}
