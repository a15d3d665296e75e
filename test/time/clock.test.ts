// The report clock: buckets in the zone (also on clock-change days) and calendar seconds without a schedule.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/time/business-hours.js';
import { calendarClock, createClock } from '../../src/time/clock.js';
import { parseTimestamp } from '../../src/time/parse.js';

const utc = (iso: string): number => Date.parse(iso);

describe('buckets', () => {
  const madrid = calendarClock('Europe/Madrid');
  const newYork = calendarClock('America/New_York');
  const shanghai = calendarClock('Asia/Shanghai');

  it.each([
    // 23:30Z on 28 Mar is 00:30 CET on the 29th
    [madrid, '2026-03-28T23:30:00Z', '2026-03-29', 0],
    // 22:30Z on 29 Mar is 00:30 CEST on the 30th (the offset is now +2)
    [madrid, '2026-03-29T22:30:00Z', '2026-03-30', 0],
    // the jump: 00:59:59Z is 01:59:59 CET, 01:00:00Z is 03:00 CEST
    [madrid, '2026-03-29T00:59:59Z', '2026-03-29', 1],
    [madrid, '2026-03-29T01:00:00Z', '2026-03-29', 3],
    // autumn: 00:30Z is 02:30 CEST, 01:30Z is 02:30 CET: hour 2 twice
    [madrid, '2026-10-25T00:30:00Z', '2026-10-25', 2],
    [madrid, '2026-10-25T01:30:00Z', '2026-10-25', 2],
    // the 25-hour day ends at 23:00Z
    [madrid, '2026-10-25T22:59:59Z', '2026-10-25', 23],
    [madrid, '2026-10-25T23:00:00Z', '2026-10-26', 0],
    // New York: EST is -5 until 8 Mar 07:00Z
    [newYork, '2026-03-08T04:59:59Z', '2026-03-07', 23],
    [newYork, '2026-03-08T05:00:00Z', '2026-03-08', 0],
    [newYork, '2026-03-08T07:00:00Z', '2026-03-08', 3],
    // back to EST on 1 Nov: 05:00Z is 01:00 EDT, 06:00Z is 01:00 EST
    [newYork, '2026-11-01T05:00:00Z', '2026-11-01', 1],
    [newYork, '2026-11-01T06:00:00Z', '2026-11-01', 1],
    [newYork, '2026-11-02T04:59:59Z', '2026-11-01', 23],
    // Shanghai +8 all year
    [shanghai, '2026-03-28T15:59:59Z', '2026-03-28', 23],
    [shanghai, '2026-03-28T16:00:00Z', '2026-03-29', 0],
  ])('%#: %s → day %s hour %i', (clock, iso, day, hour) => {
    expect(clock.dayKey(utc(iso))).toBe(day);
    expect(clock.hourOfDay(utc(iso))).toBe(hour);
  });

  it('weeks, months and weekdays', () => {
    const u = calendarClock('UTC');
    // 1 Jan 2026 is a Thursday: week 1 of 2026; 1 Jan 2027 is a Friday: still week 53 of 2026
    expect(u.weekKey(utc('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(u.weekKey(utc('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    // Monday 29 Dec 2025 starts week 1 of 2026
    expect(u.weekKey(utc('2025-12-29T12:00:00Z'))).toBe('2026-W01');
    expect(u.weekday(utc('2026-01-05T12:00:00Z'))).toBe(1);
    expect(u.weekday(utc('2026-01-11T12:00:00Z'))).toBe(7);
    // 23:30Z on 31 Jan is already February in Madrid
    expect(madrid.monthKey(utc('2026-01-31T23:30:00Z'))).toBe('2026-02');
    expect(u.monthKey(utc('2026-01-31T23:30:00Z'))).toBe('2026-01');
    // Sunday 23:30 in New York is Monday in UTC
    expect(newYork.weekday(utc('2026-01-12T04:30:00Z'))).toBe(7);
  });

  it.each(['Europe/Madrid', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe', 'UTC'])(
    'agrees with luxon in %s',
    (zone) => {
      const clock = calendarClock(zone);
      fc.assert(
        fc.property(fc.integer({ min: utc('1995-01-01T00:00:00Z'), max: utc('2040-12-31T00:00:00Z') }), (ms) => {
          const dt = DateTime.fromMillis(ms, { zone });
          expect(clock.dayKey(ms)).toBe(dt.toISODate());
          expect(clock.weekKey(ms)).toBe(dt.toFormat("kkkk-'W'WW"));
          expect(clock.monthKey(ms)).toBe(dt.toFormat('yyyy-MM'));
          expect(clock.hourOfDay(ms)).toBe(dt.hour);
          expect(clock.weekday(ms)).toBe(dt.weekday);
        }),
        { numRuns: 300, seed: 7 },
      );
    },
  );
});

describe('day length', () => {
  // a 24/7 schedule measures how long a calendar day really is
  it.each([
    ['Europe/Madrid', '2026-03-29', '2026-03-30', 23],
    ['Europe/Madrid', '2026-10-25', '2026-10-26', 25],
    ['America/New_York', '2026-03-08', '2026-03-09', 23],
    ['America/New_York', '2026-11-01', '2026-11-02', 25],
    ['Asia/Shanghai', '2026-03-29', '2026-03-30', 24],
  ])('%s %s has %i hours', (zone, day, next, hours) => {
    const clock = createClock({ zone, businessHours: parseSchedule('24/7') });
    const from = parseTimestamp(day, { zone });
    const to = parseTimestamp(next, { zone });
    expect(clock.businessSeconds(from, to)).toBe(hours * 3600);
    expect(clock.dayKey(to - 1)).toBe(day);
    expect(clock.dayKey(to)).toBe(next);
  });
});

describe('calendar clock', () => {
  it('counts calendar seconds, negative when reversed', () => {
    const c = calendarClock();
    expect(c.zone).toBe('UTC');
    expect(c.hasBusinessHours).toBe(false);
    // 29 Mar 2026 00:00Z → 30 Mar 00:00Z: 86 400 s whatever the zone's clocks do
    expect(calendarClock('Europe/Madrid').businessSeconds(utc('2026-03-29T00:00:00Z'), utc('2026-03-30T00:00:00Z'))).toBe(86_400);
    expect(c.businessSeconds(90_000, 30_000)).toBe(-60);
  });

  it('with a schedule says so', () => {
    expect(createClock({ zone: 'UTC', businessHours: parseSchedule('mon-fri 09:00-18:00') }).hasBusinessHours).toBe(true);
  });
});

describe('zone names', () => {
  it('fixed offsets luxon accepts work too', () => {
    // UTC+3: 22:00Z is 01:00 the next day
    const clock = calendarClock('UTC+3');
    expect(clock.dayKey(utc('2026-01-05T22:00:00Z'))).toBe('2026-01-06');
    expect(clock.hourOfDay(utc('2026-01-05T22:00:00Z'))).toBe(1);
    // Etc/GMT+5 is UTC−5 (POSIX sign)
    expect(calendarClock('Etc/GMT+5').hourOfDay(utc('2026-01-05T04:00:00Z'))).toBe(23);
  });
});

describe('an unknown zone', () => {
  it('is a usage error, not a crash', () => {
    expect(() => calendarClock('Mars/Olympus')).toThrowError(expect.objectContaining({ code: 'BAD_ZONE', exitCode: 2 }));
  });
});
