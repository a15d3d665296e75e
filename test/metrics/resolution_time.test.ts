import { describe, expect, it } from 'vitest';
import resolutionTime from '../../src/metrics/resolution_time.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('resolution_time', () => {
  it('full resolution after a reopen, first resolution apart', () => {
    const c = conversation('0s customer', '10s agent:Ana', '1m resolved', '2m reopened', '3m customer', '4m agent:Ana', '5m resolved');
    const r = run(resolutionTime, [c]);
    expect(r).toMatchObject({ count: 1, median: 300, reopened: 1, first: { count: 1, median: 60 } });
  });

  it('paused statuses are taken out (pending 60 s..360 s of a 600 s resolution → 300 s)', () => {
    const c = conversation('0s customer', '30s agent:Ana', '1m status:pending', '6m status:open', '10m resolved');
    expect(run(resolutionTime, [c]).median).toBe(600);
    const r = run(resolutionTime, [c], { settings: { pauseStatuses: ['pending'] } });
    expect(r).toMatchObject({ median: 300, paused_statuses: ['pending'] });
  });

  it('a pause still running at resolution ends there', () => {
    // on-hold from 2 min to the 5 min resolution: 300 − 180 = 120
    const c = conversation('0s customer', '30s agent:Ana', '2m status:on-hold', '5m resolved');
    expect(run(resolutionTime, [c], { settings: { pauseStatuses: ['on-hold'] } }).median).toBe(120);
  });

  it('open, missed and agent-initiated conversations are left out', () => {
    const r = run(resolutionTime, [
      conversation('0s customer', '10s agent:Ana', '1m status:open'),
      conversation('0s customer', '10m ended'),
      conversation('0s agent:Ana', '5s customer', '1m resolved'),
      conversation('0s customer', '20s agent:Ana', '2m resolved'),
    ]);
    expect(r).toMatchObject({ count: 1, median: 120, reopened: 0 });
  });
});
