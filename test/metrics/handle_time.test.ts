import { describe, expect, it } from 'vitest';
import handleTime from '../../src/metrics/handle_time.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('handle_time', () => {
  it.each([
    ['duration plus wrap-up', conversation('0s customer', '5s agent:Ana', '5m ended', '6m wrapped_up:Ana'), 360],
    ['no wrap-up: the chat duration', conversation('0s customer', '2m agent:Ana'), 120],
    ['wrap-up inside the chat adds nothing', conversation('0s customer', '30s wrapped_up:Ana', '2m agent:Ana'), 120],
  ])('%s', (_n, c, expected) => {
    expect(run(handleTime, [c]).median).toBe(expected);
  });
});
