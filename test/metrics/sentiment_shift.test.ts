import { describe, expect, it } from 'vitest';
import sentimentShift from '../../src/metrics/sentiment_shift.js';
import { conversationWith } from '../helpers/conversation.js';
import { run } from './options.js';

const chat = (id: string, ...lines: string[]) => conversationWith({ id }, ...lines);

describe('sentiment_shift', () => {
  it('last third minus first third of customer messages', () => {
    const r = run(sentimentShift, [
      // first: "this is terrible" −1; last: "great thanks" +2 → +3
      chat('up', '0s customer this is terrible', '5s agent:Ana sorry', '1m customer ok', '2m customer great thanks'),
      // 3 messages, thirds of 1: "hola" 0 → "sigue roto, inútil" −2 → −2
      chat('down', '0s customer hola', '5s agent:Ana hola', '1m customer a ver', '2m customer sigue roto, inútil'),
      // zh: "谢谢" +1 → "谢谢" +1 → 0
      chat('flat', '0s customer 谢谢', '5s agent:Ana 好', '1m customer 谢谢'),
      chat('short', '0s customer terrible', '5s agent:Ana sorry'), // one message: out
    ]);
    // shifts +3, −2, 0: mean 0.333 (a score: 3 decimals); shares 1/3 each (ratios: 6 decimals)
    expect(r).toEqual({ value: 0.333, improved_share: 0.333333, worsened_share: 0.333333, unchanged_share: 0.333333, count: 3, examples_worsened: ['down'] });
  });

  it('thirds of six messages are two each', () => {
    // first two: 0 and +1 → 0.5; last two: −1 and −1 → −1; shift −1.5
    const c = chat('six', '0s customer hi', '1s customer thanks', '2s customer hmm', '3s customer hmm', '4s customer bad', '5s customer awful');
    expect(run(sentimentShift, [c]).value).toBe(-1.5);
  });
});
