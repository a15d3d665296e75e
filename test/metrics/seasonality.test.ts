import { describe, expect, it } from 'vitest';
import seasonality from '../../src/metrics/seasonality.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('seasonality', () => {
  it('by month and weekday, with per-weekday means over the days spanned', () => {
    // Mon 5 Jan ×2, Mon 12 Jan, Tue 3 Feb (span 5 Jan..3 Feb: 30 days, 5 Mondays, 5 Tuesdays)
    const cs = [conversation('0s customer'), conversation('1h customer'), conversation('7d customer'), conversation('29d customer')];
    const r = run(seasonality, cs);
    expect(r.value).toBe(4);
    expect(r.by_month).toEqual({ '2026-01': 3, '2026-02': 1 });
    expect(r.by_weekday).toEqual({ mon: 3, tue: 1, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0 });
    // Mondays 5,12,19,26 Jan, 2 Feb = 5 → 3/5; Tuesdays 6..3 Feb = 5 → 0.2; Wednesdays 7..28 Jan = 4
    expect(r.by_weekday_mean).toMatchObject({ mon: 0.6, tue: 0.2, wed: 0 });
  });
});
