import { describe, expect, it } from 'vitest';
import concurrency, { overlap } from '../../src/metrics/concurrency.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

const chat = (agent: string, dept: string, from: string, to: string) =>
  conversation(`${from} customer dept=${dept}`, `${from} assigned:${agent}`, `${from}10s agent:${agent}`, `${to} ended`);

describe('concurrency', () => {
  it('peak and time-weighted mean per agent, team and overall', () => {
    const r = run(concurrency, [
      chat('Ana', 'Sales', '0m', '10m'),
      chat('Ana', 'Sales', '5m', '15m'), // overlaps the first for 5 min
      chat('Ana', 'Sales', '15m', '20m'), // starts as the second ends: no overlap
      chat('Bo', 'Support', '0m', '10m'),
    ]);
    // Ana: chat time 10 + 10 + 5 = 25 min over busy 0..20 = 20 min → 1.25, peak 2; Bo 1; overall 35/30 = 1.167
    expect(r).toEqual({
      value: 1.166667,
      peak: 2,
      agents: [
        { agent: 'Ana', peak: 2, mean: 1.25, conversations: 3 },
        { agent: 'Bo', peak: 1, mean: 1, conversations: 1 },
      ],
      teams: [{ team: 'Sales', peak: 2, mean: 1.25 }, { team: 'Support', peak: 1, mean: 1 }],
    });
  });

  it('overlap of nested intervals', () => {
    // [0,100] ⊃ [10,20] ⊃ [12,15]: peak 3, total 100 + 10 + 3 = 113, busy 100
    expect(overlap([0, 10, 12], [100, 20, 15])).toEqual({ peak: 3, totalMs: 113, busyMs: 100 });
  });
});
