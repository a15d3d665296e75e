import { describe, expect, it } from 'vitest';
import staffing, { agentsNeeded, erlangC, erlangServiceLevel } from '../../src/metrics/staffing.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('Erlang C', () => {
  it('A = 2, N = 3: P(wait) = (8/6·3) / (1 + 2 + 2 + 4) = 4/9', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 9);
  });
  it('SL = 1 − 4/9·e^(−1·20/60) = 0.68154', () => {
    expect(erlangServiceLevel(3, 2, 60, 20)).toBeCloseTo(0.68154, 4);
  });
  it('no capacity: everyone waits', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangServiceLevel(2, 3, 60, 20)).toBe(0);
  });
  it('agents needed: 120 chats/h of 60 s is 2 Erlangs; 3 servers give 0.68, 4 give 0.91', () => {
    expect(agentsNeeded(120, 60, 20, 0.8, 1)).toBe(4);
    expect(agentsNeeded(120, 60, 20, 0.8, 2)).toBe(2); // 2 agents × 2 chats = 4 servers
    expect(agentsNeeded(0, 60, 20, 0.8, 2)).toBe(0);
  });
});

describe('staffing', () => {
  it('one busy hour: arrivals, handle time, agents needed and online', () => {
    const r = run(staffing, [
      conversation('0s customer', '10s agent:Ana', '70s ended'), // handle 70 s
      conversation('1m customer', '1m10s agent:Bo', '1m50s ended'), // handle 50 s
    ]);
    // Mon 09: 2 arrivals in the one hour observed; mean handle 60 s; A = 2·60/3600 — one agent suffices; 2 online
    expect(r).toEqual({
      value: 1, understaffed_hours: 0, concurrency: 2, service_level_target: 0.8, threshold_seconds: 20,
      hours: [{ weekday: 'mon', hour: 9, arrivals_per_hour: 2, handle_seconds: 60, agents_needed: 1, agents_online: 2, gap: 1 }],
    });
  });
});

describe('staffing without handle times in a cell', () => {
  it('borrows the overall mean handle time', () => {
    const r = run(staffing, [
      conversation('0s customer', '10s agent:Ana', '70s ended'), // Mon 09, handle 70 s
      conversation('1h customer'), // Mon 10: one message, no handle time
    ]);
    const hours = r.hours as { hour: number; handle_seconds: number; agents_needed: number }[];
    expect(hours.map((h) => [h.hour, h.handle_seconds, h.agents_needed])).toEqual([[9, 70, 1], [10, 70, 1]]);
  });
});
