// Durations users type and the two-unit form tables print.
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/time/duration.js';

describe('parseDuration', () => {
  it.each([
    ['45s', 45],
    ['2m', 120],
    // 1 h + 30 m = 3600 + 1800
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1.5h', 5400],
    ['1d', 86_400],
    ['1w', 604_800],
    ['250ms', 0.25],
    // a bare number is seconds
    ['90', 90],
    [' 2M ', 120],
  ])('%j → %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'abc', '-5s', '5 minutes', '1h30', 'h'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [12.34, '12.3s'],
    // 59.96 rounds to a minute, not to "60.0s"
    [59.96, '1m 00s'],
    [65, '1m 05s'],
    // 7800 s = 2 h 10 m
    [7800, '2h 10m'],
    // 90 061 s = 1 d 1 h 1 m 1 s: two units
    [90_061, '1d 1h'],
    [-65, '-1m 05s'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('%d → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
