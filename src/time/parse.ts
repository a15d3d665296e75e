// Timestamps of every shape vendors write → UTC epoch milliseconds. Fast paths first: this runs per row.
import { DateTime } from 'luxon';
import { zoneOffsets } from './zone.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// 2026-01-05T09:00:01Z, 2026-01-05 09:00:01.123+01:00, 2026-01-05T09:00, 2026-01-05
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
// Tue Oct 31 22:10:47 +0000 2017 (Twitter, strftime %a %b %d %H:%M:%S %z %Y)
const TWITTER = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/;
// 05/01/2026 09:00, 1/5/2026 9:00:01 AM or 01/05/26 09:00: day/month order is ambiguous, decided by `dayFirst`
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const EPOCH = /^\d{9,13}(?:\.\d+)?$/;

export interface ParseTimeOptions {
  /** IANA zone for values without an offset. */
  zone: string;
  /** For 05/01/2026: true reads day first (European exports), false month first (US). */
  dayFirst?: boolean;
}

/** Returns epoch ms, or NaN when the value is not a timestamp we recognize. */
export function parseTimestamp(raw: string, options: ParseTimeOptions): number {
  const fast = parseIsoUtcSeconds(raw);
  if (fast >= 0) return fast;
  const value = raw.trim();
  if (value === '') return Number.NaN;
  let m = ISO_LIKE.exec(value);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', off] = m;
    const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000 + 1e-6);
    return fromParts(+y!, +mo!, +d!, +h, +mi, +s, ms, off, options.zone);
  }
  if (EPOCH.test(value)) {
    const n = Number(value);
    // 10 digits are seconds until the year 2286; 13 are milliseconds.
    return value.indexOf('.') === -1 && value.length >= 12 ? n : Math.round(n * 1000);
  }
  m = TWITTER.exec(value);
  if (m) {
    const [, mon, d, h, mi, s, off, y] = m;
    const month = MONTHS[mon!.toLowerCase()];
    if (month === undefined) return Number.NaN;
    return fromParts(+y!, month, +d!, +h!, +mi!, +s!, 0, off, options.zone);
  }
  m = SLASHED.exec(value);
  if (m) {
    const [, a, b, y, h = '0', mi = '0', s = '0', ampm] = m;
    let [day, month] = options.dayFirst ? [+a!, +b!] : [+b!, +a!];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    let hour = +h;
    if (ampm) {
      const pm = ampm.toLowerCase() === 'pm';
      if (hour === 12) hour = pm ? 12 : 0;
      else if (pm) hour += 12;
    }
    // Two-digit years (Zendesk's MM/DD/YY) are this century's.
    const year = y!.length === 2 ? 2000 + +y! : +y!;
    return fromParts(year, month, day, hour, +mi, +s, 0, undefined, options.zone);
  }
  // Last resort: RFC 2822 and other forms Date understands, only when they carry a zone.
  if (/(?:[+-]\d{4}|GMT|UTC|Z)\b/.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t;
  }
  return Number.NaN;
}

let cachedDay = '';
let cachedDayMs = 0;

/**
 * `2026-01-05T09:00:01Z` exactly (what most API exports and the benchmark workload write): parsed from char codes
 * with the day's epoch cached, since rows of one export mostly share their date. -1 when the shape differs.
 */
function parseIsoUtcSeconds(v: string): number {
  if (v.length !== 20 || v.charCodeAt(19) !== 90 /* Z */ || v.charCodeAt(10) !== 84 /* T */) return -1;
  const day = v.slice(0, 10);
  let dayMs: number;
  if (day === cachedDay) dayMs = cachedDayMs;
  else {
    if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return -1;
    const y = digits(v, 0, 4);
    const mo = digits(v, 5, 2);
    const d = digits(v, 8, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
    dayMs = Date.UTC(y, mo - 1, d);
    if (new Date(dayMs).getUTCDate() !== d) return -1;
    cachedDay = day;
    cachedDayMs = dayMs;
  }
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return -1;
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return -1;
  return dayMs + ((h * 60 + mi) * 60 + s) * 1000;
}

function digits(v: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function fromParts(
  y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number,
  offset: string | undefined, zone: string,
): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return Number.NaN;
  if (h === 24 && (mi > 0 || s > 0 || ms > 0)) return Number.NaN; // 24:00 ends a day; 24:30 is no time
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31 Feb into March: reject instead of guessing.
  if (new Date(utc).getUTCDate() !== d && h < 24) return Number.NaN;
  if (offset !== undefined) {
    if (offset === 'Z' || offset === 'z' || offset === 'UTC' || offset === 'GMT') return utc;
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    return utc - sign * minutes * 60_000;
  }
  if (isUtcName(zone)) return utc;
  // Local time without an offset, read in the export's zone: a time in the spring gap moves forward by the gap
  // (02:30 → 03:30, as luxon does); one in the autumn overlap is its first occurrence (java.time's and Python's
  // fold=0 default; luxon's choice depends on the current date). The cached offset table keeps this per-row cheap.
  try {
    return zoneOffsets(zone).toUtc(utc, 'earlier');
  } catch {
    return Number.NaN; // unknown zone: the caller validated --input-tz, so this is a bad value, not a crash
  }
}

/** The names of UTC itself, which need no offset table (and no luxon). */
function isUtcName(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC';
}

/** A zone name users or exports give (`UTC`, `Europe/London`), checked. */
export function isValidZone(zone: string): boolean {
  // UTC, the default, is checked on every run: luxon's check builds a DateTime in the system zone first (~10 ms
  // at start-up)
  return isUtcName(zone) || DateTime.now().setZone(zone).isValid;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
