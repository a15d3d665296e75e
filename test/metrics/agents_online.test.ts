import { describe, expect, it } from 'vitest';
import agentsOnline from '../../src/metrics/agents_online.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('agents_online', () => {
  it('distinct agents per hour of week, averaged over its occurrences', () => {
    const r = run(agentsOnline, [
      conversation('0s customer', '10m agent:Ana', '30m ended'), // Mon 09: Ana
      conversation('0s customer', '20m agent:Bo'), // Mon 09: Bo
      conversation('7d customer', '7d5m agent:Ana'), // next Mon 09: Ana
    ]);
    // Mon 09 occurs twice in the range: (2 + 1) / 2 = 1.5; every other hour once, with 0 agents
    expect(r.value).toBe(1.5);
    expect(r.peak).toEqual({ weekday: 'mon', hour: 9, agents: 1.5 });
    const cells = r.cells as Record<string, number[]>;
    expect(cells.mon![9]).toBe(1.5);
    expect(cells.mon![10]).toBe(0);
  });

  it('a long handling span is cut at 12 hours', () => {
    // assigned Mon 09:00, ended Tue 09:00: present 09:00..20:59 only
    const r = run(agentsOnline, [conversation('0s customer', '0s assigned:Ana', '1m agent:Ana', '1d ended')]);
    const cells = r.cells as Record<string, number[]>;
    expect(cells.mon![20]).toBe(1);
    expect(cells.mon![21]).toBe(0);
  });
});
