// Holidays from files, .ics calendars, date lists and country codes; errors name what is wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatkpiError, InputError, UsageError } from '../../src/errors.js';
import { loadHolidays } from '../../src/time/holidays.js';
import { dayOfIsoDate } from '../../src/time/zone.js';

const dir = mkdtempSync(join(tmpdir(), 'chatkpi-holidays-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const opts = { zone: 'UTC' };
const day = (iso: string): number => dayOfIsoDate(iso)!;

function errorOf(fn: () => unknown): ChatkpiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ChatkpiError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('dates file', () => {
  it('reads dates, ranges, comments and names', () => {
    const set = loadHolidays(
      file('team.txt', '\uFEFF# office closed\n2026-03-19  San José\n\n2026-12-24..2026-12-26 # Christmas\n2027-01-01\n'),
      opts,
    );
    // 19 Mar + 24, 25, 26 Dec in 2026; 1 Jan in 2027
    expect(set.datesIn(2026)).toEqual(['2026-03-19', '2026-12-24', '2026-12-25', '2026-12-26']);
    expect(set.datesIn(2027)).toEqual(['2027-01-01']);
    expect(set.has(day('2026-12-25'))).toBe(true);
    expect(set.has(day('2026-12-27'))).toBe(false);
    // the next holiday from 20 Mar is 24 Dec; from 27 Dec it is across the year boundary
    expect(set.nextFrom(day('2026-03-20'), day('2027-12-31'))).toBe(day('2026-12-24'));
    expect(set.nextFrom(day('2026-12-27'), day('2027-12-31'))).toBe(day('2027-01-01'));
    expect(set.nextFrom(day('2026-12-27'), day('2027-01-01'))).toBe(Infinity);
  });

  it.each([
    ['a bad date names file and line', 'bad.txt', '2026-01-01\n\n2026-02-30\n', 'bad.txt:3'],
    ['a reversed range', 'rev.txt', '2026-12-26..2026-12-24\n', 'ends before it starts'],
    ['words only', 'words.txt', 'christmas\n', 'words.txt:1'],
    ['no dates at all', 'empty.txt', '# nothing\n', 'no dates'],
  ])('%s', (_name, name, text, named) => {
    const e = errorOf(() => loadHolidays(file(name, text), opts));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.code).toBe('BAD_HOLIDAYS');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(named);
  });

  it('a missing file is an input error', () => {
    const e = errorOf(() => loadHolidays(join(dir, 'missing', 'holidays.txt'), opts));
    expect(e).toBeInstanceOf(InputError);
    expect(e.exitCode).toBe(3);
  });
});

describe('comma list', () => {
  it('dates and ranges', () => {
    // 1 Jan, then 6 and 7 Jan
    expect(loadHolidays('2026-01-01, 2026-01-06..2026-01-07', opts).datesIn(2026)).toEqual(['2026-01-01', '2026-01-06', '2026-01-07']);
  });
  it('a bad item is named', () => {
    expect(errorOf(() => loadHolidays('2026-01-01,2026-13-01', opts)).message).toContain('2026-13-01');
  });
});

describe('.ics', () => {
  const ics = (...events: string[][]): string =>
    ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');

  it('all-day events, multi-day DTEND, folded lines, yearly rules', () => {
    const path = file(
      'cal.ics',
      ics(
        // DTEND is exclusive: 24, 25, 26 Dec
        ['SUMMARY:Christmas break', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227'],
        // a folded line (continuation starts with a space) still parses
        ['SUMMARY:Labour', ' Day', 'DTSTART;VALUE=DATE:20200501', 'RRULE:FREQ=YEARLY'],
        // two occurrences from 2025: 2025 and 2026, not 2027
        ['SUMMARY:Anniversary', 'DTSTART;VALUE=DATE:20250310', 'RRULE:FREQ=YEARLY;COUNT=2'],
        // until 2026: not 2027
        ['SUMMARY:Old fair', 'DTSTART;VALUE=DATE:20240915', 'RRULE:FREQ=YEARLY;UNTIL=20261231'],
        // 29 February recurs only in leap years
        ['SUMMARY:Leap', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY'],
        // a timed meeting is not a holiday
        ['SUMMARY:Meeting', 'DTSTART:20260602T100000Z', 'DTEND:20260602T120000Z'],
      ),
    );
    const set = loadHolidays(path, opts);
    expect(set.datesIn(2026)).toEqual(['2026-03-10', '2026-05-01', '2026-09-15', '2026-12-24', '2026-12-25', '2026-12-26']);
    expect(set.datesIn(2027)).toEqual(['2027-05-01']);
    expect(set.datesIn(2028)).toEqual(['2028-02-29', '2028-05-01']);
    // before the rule starts: nothing
    expect(set.datesIn(2019)).toEqual([]);
  });

  it.each([
    ['a monthly rule', [['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=MONTHLY']], 'FREQ=YEARLY'],
    ['a movable yearly rule', [['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY;BYDAY=1MO']], 'BYDAY'],
    ['no all-day events', [['DTSTART:20260602T100000Z']], 'no all-day events'],
    ['a bad date', [['DTSTART;VALUE=DATE:2026-01-01']], '2026-01-01'],
  ])('%s is refused', (_name, events, named) => {
    const e = errorOf(() => loadHolidays(file('bad.ics', ics(...events)), opts));
    expect(e.code).toBe('BAD_HOLIDAYS');
    expect(e.message).toContain(named);
  });
});

describe('country and region codes (date-holidays, public only)', () => {
  it('ES: national public holidays of 2026', () => {
    // Jueves Santo (2 Apr) is regional, so only Viernes Santo (3 Apr) is national
    expect(loadHolidays('ES', opts).datesIn(2026)).toEqual([
      '2026-01-01', '2026-01-06', '2026-04-03', '2026-05-01', '2026-08-15',
      '2026-10-12', '2026-11-01', '2026-12-06', '2026-12-08', '2026-12-25',
    ]);
  });

  it('ES-MD adds Madrid\'s days', () => {
    const dates = loadHolidays('es-md', opts).datesIn(2026);
    // Jueves Santo and the Comunidad de Madrid day (2 May)
    expect(dates).toContain('2026-04-02');
    expect(dates).toContain('2026-05-02');
    expect(dates).not.toContain('2026-03-19');
  });

  it('US-NY: Thanksgiving and the observed Independence Day', () => {
    const set = loadHolidays('US-NY', { zone: 'America/New_York', years: [2026] });
    expect(set.has(day('2026-11-26'))).toBe(true);
    expect(set.has(day('2026-07-03'))).toBe(true);
    expect(set.has(day('2026-11-27'))).toBe(false);
    expect(set.source).toBe('US-NY');
  });

  it.each([
    ['XX', 'XX'],
    ['ES-ZZ', 'no region ZZ'],
    ['holidays', 'holidays'],
  ])('%s is refused', (spec, named) => {
    const e = errorOf(() => loadHolidays(spec, opts));
    expect(e.code).toBe('BAD_HOLIDAYS');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(named);
  });
});
