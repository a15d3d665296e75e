// Business hours: schedule parsing, and open seconds across weekends, holidays, midnight and clock changes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { businessSecondsBetween, parseSchedule } from '../../src/time/business-hours.js';
import { createClock } from '../../src/time/clock.js';
import { loadHolidays } from '../../src/time/holidays.js';
import { zoneOffsets } from '../../src/time/zone.js';

const H = 3600;
const utc = (iso: string): number => Date.parse(iso);
const dir = mkdtempSync(join(tmpdir(), 'chatkpi-bh-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('parseSchedule', () => {
  it.each([
    // 5 days x 9 h + 4 h = 49 h
    ['mon-fri 09:00-18:00; sat 10:00-14:00', 49 * H],
    // two days x (3 h + 4 h) = 14 h
    ['mon,wed 09:00-12:00 14:00-18:00', 14 * H],
    ['mon,wed 09:00-12:00,14:00-18:00', 14 * H],
    // 7 x 12 h
    ['daily 08:00-20:00', 84 * H],
    ['24/7', 168 * H],
    // fri 22-24 and sat 00-02: 4 h
    ['fri 22:00-02:00', 4 * H],
    // overlapping spans merge: 09-13 and 12-18 are 09-18 = 9 h
    ['tue 09:00-13:00 12:00-18:00', 9 * H],
    // fri-mon wraps: fri, sat, sun, mon x 1 h
    ['fri-mon 10:00-11:00', 4 * H],
    ['Monday 9:00-17:00', 8 * H],
    // a comma between groups: 5 x 9 h + 4 h
    ['mon-fri 09:00-18:00, sat 10:00-14:00', 49 * H],
    // spaces around dashes
    ['mon - fri 09:00 - 18:00', 45 * H],
    ['weekends 10:00-14:00', 8 * H],
  ])('%s', (text, weeklySeconds) => {
    expect(parseSchedule(text).weeklySeconds).toBe(weeklySeconds);
  });

  it('splits a span past midnight into the next calendar day', () => {
    const s = parseSchedule('fri 22:00-02:00');
    expect(s.days[4]).toEqual([{ startMinute: 22 * 60, endMinute: 1440 }]);
    expect(s.days[5]).toEqual([{ startMinute: 0, endMinute: 120 }]);
    // sunday's tail wraps to monday
    expect(parseSchedule('sun 23:00-01:00').days[0]).toEqual([{ startMinute: 0, endMinute: 60 }]);
  });

  it.each([
    ['mon-fry 09:00-18:00', 'fry'],
    ['09:00-18:00', '09:00-18:00'],
    ['mon 25:00-26:00', '25:00-26:00'],
    ['mon 09:00-09:00', 'empty'],
    ['mon-fri 9am-5pm', '9am-5pm'],
    ['mon-fri 09:00-18:00; sat', 'sat'],
    ['', 'empty'],
  ])('rejects %j naming %j', (text, named) => {
    try {
      parseSchedule(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).code).toBe('BAD_BUSINESS_HOURS');
      expect((e as UsageError).exitCode).toBe(2);
      expect((e as UsageError).message).toContain(named);
    }
  });
});

describe('business seconds, UTC, mon-fri 09:00-18:00', () => {
  const clock = createClock({ zone: 'UTC', businessHours: parseSchedule('mon-fri 09:00-18:00') });

  it.each([
    // Fri 9 Jan 17:00 → Mon 12 Jan 10:00: Fri 17-18 (1 h) + weekend 0 + Mon 09-10 (1 h) = 2 h
    ['over a weekend', '2026-01-09T17:00:00Z', '2026-01-12T10:00:00Z', 2 * H],
    // inside one open span: 10:00 → 10:00:45
    ['within a span', '2026-01-05T10:00:00Z', '2026-01-05T10:00:45Z', 45],
    // asked at 20:00, answered 08:00 next day: nothing open in between
    ['overnight, all closed', '2026-01-05T20:00:00Z', '2026-01-06T08:00:00Z', 0],
    // Sat → Sun: closed
    ['weekend only', '2026-01-10T09:00:00Z', '2026-01-11T18:00:00Z', 0],
    // Mon 08:00 → Wed 12:00: Mon 9 h + Tue 9 h + Wed 3 h = 21 h
    ['several days', '2026-01-05T08:00:00Z', '2026-01-07T12:00:00Z', 21 * H],
    // 13 whole weeks, Mon 5 Jan → Mon 6 Apr: 13 x 45 h = 585 h
    ['three months', '2026-01-05T00:00:00Z', '2026-04-06T00:00:00Z', 585 * H],
    // reversed interval: minus the same
    ['reversed', '2026-01-12T10:00:00Z', '2026-01-09T17:00:00Z', -2 * H],
  ])('%s', (_name, from, to, seconds) => {
    expect(clock.businessSeconds(utc(from), utc(to))).toBe(seconds);
  });

  it('a year: 52 whole weeks x 45 h, the same on every call', () => {
    // Mon 5 Jan 2026 → Mon 4 Jan 2027 = 364 days = 52 weeks; 52 x 45 h = 2340 h = 8 424 000 s
    const from = utc('2026-01-05T00:00:00Z');
    const to = utc('2027-01-04T00:00:00Z');
    // shifting the start by up to 2000 s keeps it in Monday's closed night: the answer stays the same
    for (let i = 0; i < 2000; i++) expect(clock.businessSeconds(from + i * 1000, to)).toBe(2340 * H);
  });
});

describe('business seconds with holidays', () => {
  const schedule = parseSchedule('mon-fri 09:00-18:00');

  it('a dates file closes its days', () => {
    const holidays = loadHolidays(file('h.txt', '# team days\n2026-01-12  company day\n'), { zone: 'UTC' });
    const clock = createClock({ zone: 'UTC', businessHours: schedule, holidays });
    // Fri 17:00 → Tue 13 Jan 10:00: Fri 1 h + Mon (holiday) 0 + Tue 1 h = 2 h (11 h without the holiday)
    expect(clock.businessSeconds(utc('2026-01-09T17:00:00Z'), utc('2026-01-13T10:00:00Z'))).toBe(2 * H);
  });

  it('an .ics yearly rule closes the date every year', () => {
    const ics = file(
      'h.ics',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Epiphany\r\nDTSTART;VALUE=DATE:20200106\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    const clock = createClock({ zone: 'UTC', businessHours: schedule, holidays: loadHolidays(ics, { zone: 'UTC' }) });
    // Tue 6 Jan 2026 closed: Mon 17-18 (1 h) + Tue 0 + Wed 09-10 (1 h) = 2 h
    expect(clock.businessSeconds(utc('2026-01-05T17:00:00Z'), utc('2026-01-07T10:00:00Z'))).toBe(2 * H);
  });

  it('ES public holidays in Europe/Madrid', () => {
    const clock = createClock({ zone: 'Europe/Madrid', businessHours: schedule, holidays: loadHolidays('ES', { zone: 'Europe/Madrid' }) });
    // 6 Jan (Reyes) is a national holiday. Local Mon 17:00 (+01:00 = 16:00Z) → Wed 10:00 (09:00Z): 1 h + 0 + 1 h
    expect(clock.businessSeconds(utc('2026-01-05T16:00:00Z'), utc('2026-01-07T09:00:00Z'))).toBe(2 * H);
    // 13 weeks from Mon 5 Jan to Mon 6 Apr local (585 h) minus Tue 6 Jan and Fri 3 Apr (Viernes Santo), 9 h each;
    // the spring change on Sun 29 Mar falls on a closed day: 585 - 18 = 567 h
    expect(clock.businessSeconds(utc('2026-01-04T23:00:00Z'), utc('2026-04-05T22:00:00Z'))).toBe(567 * H);
  });

  it('a span past midnight belongs to the next calendar day for holidays', () => {
    const late = parseSchedule('fri 22:00-02:00');
    const open = createClock({ zone: 'UTC', businessHours: late });
    // Fri 9 Jan 23:00 → Sat 03:00: Fri 23-24 (1 h) + Sat 00-02 (2 h) = 3 h
    expect(open.businessSeconds(utc('2026-01-09T23:00:00Z'), utc('2026-01-10T03:00:00Z'))).toBe(3 * H);
    const closedSat = createClock({ zone: 'UTC', businessHours: late, holidays: loadHolidays('2026-01-10', { zone: 'UTC' }) });
    // Saturday is a holiday: only Friday's hour is left
    expect(closedSat.businessSeconds(utc('2026-01-09T23:00:00Z'), utc('2026-01-10T03:00:00Z'))).toBe(1 * H);
  });

  it('holidays without a schedule: open around the clock except on holidays', () => {
    const clock = createClock({ zone: 'UTC', holidays: loadHolidays('2026-01-06', { zone: 'UTC' }) });
    expect(clock.hasBusinessHours).toBe(true);
    // Mon 12:00 → Wed 12:00 = 48 h, minus all of Tue = 24 h
    expect(clock.businessSeconds(utc('2026-01-05T12:00:00Z'), utc('2026-01-07T12:00:00Z'))).toBe(24 * H);
  });
});

describe('business seconds on clock-change days', () => {
  it.each([
    // Europe/Madrid 29 Mar 2026: 02:00 CET → 03:00 CEST. Sun 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z: 2 h, not 3
    ['Europe/Madrid', 'sun 01:00-04:00', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 2 * H],
    // 25 Oct 2026: 03:00 CEST → 02:00 CET. 01:00 CEST = 23:00Z (24th), 04:00 CET = 03:00Z: 4 h, not 3
    ['Europe/Madrid', 'sun 01:00-04:00', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 4 * H],
    // the whole spring day is 23 h, the autumn one 25 h
    ['Europe/Madrid', 'sun 00:00-24:00', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 23 * H],
    ['Europe/Madrid', 'sun 00:00-24:00', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 25 * H],
    // an office span away from the change is unaffected: 09:00-18:00 = 9 h
    ['Europe/Madrid', 'sun 09:00-18:00', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 9 * H],
    // America/New_York 8 Mar 2026 (02:00 EST → 03:00 EDT) and 1 Nov 2026 (02:00 EDT → 01:00 EST)
    ['America/New_York', 'sun 00:00-24:00', '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', 23 * H],
    ['America/New_York', 'sun 00:00-24:00', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', 25 * H],
    // 00:00 EDT = 04:00Z → 03:00 EST = 08:00Z: 4 h for a 3-hour wall-clock span
    ['America/New_York', 'sun 00:00-03:00', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', 4 * H],
    // Asia/Shanghai has no DST: those Sundays are 24 h
    ['Asia/Shanghai', 'sun 00:00-24:00', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 24 * H],
    ['Asia/Shanghai', 'sun 00:00-24:00', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', 24 * H],
  ])('%s %s', (zone, spec, from, to, seconds) => {
    const clock = createClock({ zone, businessHours: parseSchedule(spec) });
    expect(clock.businessSeconds(utc(from), utc(to))).toBe(seconds);
  });

  it('a business interval that starts inside the spring-forward morning', () => {
    const clock = createClock({ zone: 'America/New_York', businessHours: parseSchedule('daily 00:00-24:00') });
    // 01:30 EST (06:30Z) → 03:30 EDT (07:30Z): one real hour although the wall clock moved two
    expect(clock.businessSeconds(utc('2026-03-08T06:30:00Z'), utc('2026-03-08T07:30:00Z'))).toBe(1 * H);
  });

  it('multiplying weeks across a clock change gives what counting day by day gives', () => {
    // 24/7 in Madrid over the whole of 2026: 365 days x 24 h, and the two changes cancel (-1 h, +1 h)
    const clock = createClock({ zone: 'Europe/Madrid', businessHours: parseSchedule('24/7') });
    expect(clock.businessSeconds(utc('2025-12-31T23:00:00Z'), utc('2026-12-31T23:00:00Z'))).toBe(365 * 24 * H);
    // Jan 1 → Jul 1 local: 181 days x 24 h minus the spring hour
    expect(clock.businessSeconds(utc('2025-12-31T23:00:00Z'), utc('2026-06-30T22:00:00Z'))).toBe((181 * 24 - 1) * H);
  });
});

describe('closed form equals a brute-force walk', () => {
  // Walk in 15-minute steps, asking luxon whether each step's wall-clock start is open.
  const brute = (fromMs: number, toMs: number, zone: string, schedule: ReturnType<typeof parseSchedule>, closed: Set<string>): number => {
    const step = 15 * 60_000;
    let seconds = 0;
    for (let t = fromMs; t < toMs; t += step) {
      const local = DateTime.fromMillis(t, { zone });
      if (closed.has(local.toISODate()!)) continue;
      const minute = local.hour * 60 + local.minute;
      const open = schedule.days[local.weekday - 1]!.some((s) => minute >= s.startMinute && minute < s.endMinute);
      if (open) seconds += step / 1000;
    }
    return seconds;
  };

  it.each(['Europe/Madrid', 'America/New_York', 'Asia/Shanghai'])('%s', (zone) => {
    const schedule = parseSchedule('mon-fri 08:00-12:00 13:00-17:30; sat 01:15-03:45; sun 01:00-04:00 22:00-02:00');
    const holidayDates = ['2026-03-10', '2026-03-30', '2026-11-02', '2026-10-27'];
    const holidays = loadHolidays(holidayDates.join(','), { zone });
    const offsets = zoneOffsets(zone);
    const quarter = 15 * 60_000;
    const base = utc('2026-02-20T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 * 96 }), fc.integer({ min: 0, max: 40 * 96 }), (a, len) => {
        const from = base + a * quarter;
        const to = from + len * quarter;
        const expected = brute(from, to, zone, schedule, new Set(holidayDates));
        expect(businessSecondsBetween(from, to, schedule, offsets, holidays)).toBe(expected);
      }),
      { numRuns: 60, seed: 20260329 },
    );
  });
});

describe('DECISIONS.md worked examples', () => {
  const schedule = parseSchedule('mon-fri 09:00-18:00');

  it('a reply across the spring change, Europe/Madrid', () => {
    const clock = createClock({ zone: 'Europe/Madrid', businessHours: schedule, holidays: loadHolidays('ES', { zone: 'Europe/Madrid' }) });
    const asked = utc('2026-03-27T16:50:00Z'); // Fri 17:50 CET
    const answered = utc('2026-03-30T07:10:00Z'); // Mon 09:10 CEST
    const resolved = utc('2026-03-30T07:40:00Z'); // Mon 09:40 CEST
    // calendar: Fri 16:50Z → Sun 16:50Z 48 h, → Mon 07:10Z 14 h 20 m: 62 h 20 m = 224 400 s (the wall clock shows 63 h 20 m)
    expect((answered - asked) / 1000).toBe(224_400);
    // business: Fri 17:50-18:00 (600 s) + Mon 09:00-09:10 (600 s)
    expect(clock.businessSeconds(asked, answered)).toBe(1200);
    // resolution: Fri 600 s + Mon 09:00-09:40 2400 s
    expect(clock.businessSeconds(asked, resolved)).toBe(3000);
  });

  it('Easter 2026: national (ES) against regional (ES-MD) holidays', () => {
    const asked = utc('2026-04-01T15:30:00Z'); // Wed 17:30 CEST
    const answered = utc('2026-04-06T07:15:00Z'); // Mon 09:15 CEST
    // calendar: 4 days 15 h 45 m = 402 300 s
    expect((answered - asked) / 1000).toBe(402_300);
    const es = createClock({ zone: 'Europe/Madrid', businessHours: schedule, holidays: loadHolidays('ES', { zone: 'Europe/Madrid' }) });
    // Wed 30 m (1800) + Thu 2 Apr 9 h (32 400; Jueves Santo is not national) + Fri 3 Apr closed + Mon 15 m (900)
    expect(es.businessSeconds(asked, answered)).toBe(35_100);
    const madrid = createClock({ zone: 'Europe/Madrid', businessHours: schedule, holidays: loadHolidays('ES-MD', { zone: 'Europe/Madrid' }) });
    // Madrid also closes Thursday: 1800 + 900
    expect(madrid.businessSeconds(asked, answered)).toBe(2700);
  });

  it('the example in first_response_time.ts: Mon 16:50 → Tue 09:10 with mon-fri 09:00-17:00', () => {
    const clock = createClock({ zone: 'UTC', businessHours: parseSchedule('mon-fri 09:00-17:00') });
    // 600 s on Monday + 600 s on Tuesday; calendar 16 h 20 m = 58 800 s
    expect(clock.businessSeconds(utc('2026-01-05T16:50:00Z'), utc('2026-01-06T09:10:00Z'))).toBe(1200);
  });
});

describe('business seconds are additive', () => {
  it('bs(a, c) = bs(a, b) + bs(b, c) over months with holidays and clock changes', () => {
    const clock = createClock({
      zone: 'Europe/Madrid',
      businessHours: parseSchedule('mon-fri 09:00-18:00; sat 10:00-14:00; sun 01:30-03:30'),
      holidays: loadHolidays('ES-MD', { zone: 'Europe/Madrid' }),
    });
    const start = utc('2025-12-01T00:00:00Z');
    const span = 500 * 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q).map((v) => start + v) as [number, number, number];
        expect(clock.businessSeconds(a, c)).toBeCloseTo(clock.businessSeconds(a, b) + clock.businessSeconds(b, c), 6);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
