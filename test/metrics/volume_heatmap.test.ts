import { describe, expect, it } from 'vitest';
import volumeHeatmap from '../../src/metrics/volume_heatmap.js';
import { conversation } from '../helpers/conversation.js';
import { createClock } from '../../src/time/clock.js';
import { run } from './options.js';

describe('volume_heatmap', () => {
  it('weekday × hour cells and the busiest hours', () => {
    // T0 is Monday 09:00 UTC
    const cs = [conversation('0s customer'), conversation('30m customer'), conversation('1h customer'), conversation('1d customer')];
    const r = run(volumeHeatmap, cs);
    const cells = r.cells as Record<string, number[]>;
    expect(cells.mon![9]).toBe(2);
    expect(cells.mon![10]).toBe(1);
    expect(cells.tue![9]).toBe(1);
    expect(cells.sun!.reduce((a, b) => a + b)).toBe(0);
    expect(r.value).toBe(4);
    expect(r.busiest).toEqual([{ weekday: 'mon', hour: 9, count: 2 }, { weekday: 'mon', hour: 10, count: 1 }, { weekday: 'tue', hour: 9, count: 1 }]);
  });

  it('hours are in the report zone', () => {
    // Monday 09:00 UTC is Monday 04:00 in New York (EST, −5)
    const r = run(volumeHeatmap, [conversation('0s customer')], { clock: createClock({ zone: 'America/New_York' }) });
    expect((r.cells as Record<string, number[]>).mon![4]).toBe(1);
  });
});
