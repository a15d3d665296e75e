import { describe, expect, it } from 'vitest';
import chatsPerDay from '../../src/metrics/chats_per_day.js';
import { conversation } from '../helpers/conversation.js';
import { createClock } from '../../src/time/clock.js';
import { run } from './options.js';

describe('chats_per_day', () => {
  it('counts per day, empty days in between as 0', () => {
    const cs = [
      conversation('0s customer'), conversation('1h customer'), conversation('2h customer'), // Mon 5 Jan: 3
      // Tue 6 Jan: none
      conversation('2d customer'), // Wed 7 Jan: 1
    ];
    // [3, 0, 1]: mean 1.333, median 1, p90 h=1.8 → 1 + 0.8·2 = 2.6
    expect(run(chatsPerDay, cs)).toEqual({
      value: 1.333, days: 3, total: 4, mean: 1.333, median: 1, p90: 2.6, max: 3, min: 0, busiest_day: '2026-01-05',
      series: { '2026-01-05': 3, '2026-01-06': 0, '2026-01-07': 1 },
    });
  });

  it('days are in the report zone', () => {
    // 09:00 UTC Monday and 20:00 UTC Monday: in Asia/Tokyo (+9) the second is Tuesday 05:00
    const cs = [conversation('0s customer'), conversation('11h customer')];
    const r = run(chatsPerDay, cs, { clock: createClock({ zone: 'Asia/Tokyo' }) });
    expect(r.series).toEqual({ '2026-01-05': 1, '2026-01-06': 1 });
  });

  it('no chats: null', () => {
    expect(run(chatsPerDay, [])).toMatchObject({ value: null, days: 0, busiest_day: null, series: {} });
  });
});
