// Timestamp parsing: every shape vendors write, local times in a zone across clock changes.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/time/parse.js';

const UTC = { zone: 'UTC' };
const MADRID = { zone: 'Europe/Madrid' };
const NEW_YORK = { zone: 'America/New_York' };
const SHANGHAI = { zone: 'Asia/Shanghai' };

describe('parseTimestamp', () => {
  it.each([
    ['ISO UTC (fast path)', '2026-01-05T09:00:01Z', UTC, Date.UTC(2026, 0, 5, 9, 0, 1)],
    // 09:00:01.123 at +01:00 is 08:00:01.123 UTC
    ['ISO with offset and ms', '2026-01-05 09:00:01.123+01:00', UTC, Date.UTC(2026, 0, 5, 8, 0, 1, 123)],
    // +0530 without a colon: 09:00 − 5 h 30 m = 03:30 UTC
    ['ISO with a compact offset', '2026-01-05T09:00:00+0530', UTC, Date.UTC(2026, 0, 5, 3, 30)],
    // an offset wins over the zone option
    ['offset beats --input-tz', '2026-01-05T09:00:00-05:00', MADRID, Date.UTC(2026, 0, 5, 14)],
    ['date only', '2026-01-05', UTC, Date.UTC(2026, 0, 5)],
    // January in Madrid is CET (+01:00): 09:00 local = 08:00 UTC
    ['local winter time', '2026-01-05T09:00', MADRID, Date.UTC(2026, 0, 5, 8)],
    // July is CEST (+02:00): 09:00 local = 07:00 UTC
    ['local summer time', '2026-07-05 09:00:00', MADRID, Date.UTC(2026, 6, 5, 7)],
    // Shanghai is +08:00 all year
    ['local time in Shanghai', '2026-03-29 02:30:00', SHANGHAI, Date.UTC(2026, 2, 28, 18, 30)],
    // 24:00 is the end of the day: the next midnight
    ['24:00', '2026-01-05 24:00:00', UTC, Date.UTC(2026, 0, 6)],
    ['epoch seconds', '1767603600', UTC, 1_767_603_600_000],
    ['epoch milliseconds', '1767603600123', UTC, 1_767_603_600_123],
    ['epoch seconds with a fraction', '1767603600.5', UTC, 1_767_603_600_500],
    ['Twitter', 'Tue Oct 31 22:10:47 +0000 2017', UTC, Date.UTC(2017, 9, 31, 22, 10, 47)],
    // +0100: 22:10:47 local = 21:10:47 UTC
    ['Twitter with an offset', 'Tue Oct 31 22:10:47 +0100 2017', UTC, Date.UTC(2017, 9, 31, 21, 10, 47)],
    ['d/m/y', '05/01/2026 09:00', { zone: 'UTC', dayFirst: true }, Date.UTC(2026, 0, 5, 9)],
    ['m/d/y', '05/01/2026 09:00', { zone: 'UTC', dayFirst: false }, Date.UTC(2026, 4, 1, 9)],
    // a month of 13 cannot be: the parts swap whatever dayFirst says
    ['m/d/y impossible month swaps', '13/01/2026 09:00', { zone: 'UTC', dayFirst: false }, Date.UTC(2026, 0, 13, 9)],
    ['US 12-hour clock', '1/5/2026 9:00:01 PM', UTC, Date.UTC(2026, 0, 5, 21, 0, 1)],
    ['12 AM is midnight', '1/5/2026 12:00 AM', UTC, Date.UTC(2026, 0, 5, 0)],
    // Zendesk CSV's MM/DD/YY
    ['two-digit year', '12/31/26 11:59 PM', UTC, Date.UTC(2026, 11, 31, 23, 59)],
    ['dotted d.m.y in a zone', '29.03.2026 12:00', { zone: 'Europe/Madrid', dayFirst: true }, Date.UTC(2026, 2, 29, 10)],
  ])('%s: %s', (_name, raw, options, expected) => {
    expect(parseTimestamp(raw, options)).toBe(expected);
  });

  it.each([
    ['31 February', '2026-02-31 10:00'],
    ['24:30', '2026-01-05 24:30'],
    ['empty', ''],
    ['words', 'yesterday'],
    ['month 13 both ways', '13/13/2026'],
    ['no zone, not a date', 'Tue Foo 31 22:10:47 +0000 2017'],
  ])('%s is not a timestamp', (_name, raw) => {
    expect(parseTimestamp(raw, UTC)).toBeNaN();
  });

  it('an unknown zone gives NaN, not a crash', () => {
    expect(parseTimestamp('2026-01-05 09:00', { zone: 'Mars/Olympus' })).toBeNaN();
  });
});

describe('local times across clock changes', () => {
  it.each([
    // Madrid, 29 Mar 2026: clocks jump 02:00 CET → 03:00 CEST; 02:30 does not exist and moves to 03:30 CEST = 01:30Z
    ['Madrid spring gap', '2026-03-29 02:30:00', MADRID, Date.UTC(2026, 2, 29, 1, 30)],
    // Madrid, 25 Oct 2026: 02:30 happens twice (CEST 00:30Z, CET 01:30Z): the first occurrence
    ['Madrid autumn overlap', '2026-10-25 02:30:00', MADRID, Date.UTC(2026, 9, 25, 0, 30)],
    // New York, 8 Mar 2026: 02:30 → 03:30 EDT = 07:30Z
    ['New York spring gap', '2026-03-08 02:30:00', NEW_YORK, Date.UTC(2026, 2, 8, 7, 30)],
    // New York, 1 Nov 2026: 01:30 EDT (05:30Z) comes before 01:30 EST (06:30Z)
    ['New York autumn overlap', '2026-11-01 01:30:00', NEW_YORK, Date.UTC(2026, 10, 1, 5, 30)],
  ])('%s', (_name, raw, options, expected) => {
    expect(parseTimestamp(raw, options)).toBe(expected);
  });

  it.each([
    // 01:30 CET (00:30Z) → 03:30 CEST (01:30Z): the wall clock moved 2 h, the customer waited 1 h
    ['Madrid spring', '2026-03-29 01:30:00', '2026-03-29 03:30:00', MADRID, 3600],
    // 01:30 CEST (23:30Z) → 03:30 CET (02:30Z): 3 h for a 2-hour wall-clock difference
    ['Madrid autumn', '2026-10-25 01:30:00', '2026-10-25 03:30:00', MADRID, 3 * 3600],
    // 01:55 EST (06:55Z) → 03:05 EDT (07:05Z): 10 minutes
    ['New York spring', '2026-03-08 01:55:00', '2026-03-08 03:05:00', NEW_YORK, 600],
    // with offsets the export removes the ambiguity: 01:50 EDT (05:50Z) → 01:10 EST (06:10Z) = 20 minutes
    ['New York autumn, offsets', '2026-11-01T01:50:00-04:00', '2026-11-01T01:10:00-05:00', NEW_YORK, 1200],
    // no DST in Shanghai: 2 h of wall clock are 2 h
    ['Shanghai', '2026-03-29 01:30:00', '2026-03-29 03:30:00', SHANGHAI, 7200],
  ])('a chat across the change has its true duration: %s', (_name, asked, answered, options, seconds) => {
    expect((parseTimestamp(answered, options) - parseTimestamp(asked, options)) / 1000).toBe(seconds);
  });
});
