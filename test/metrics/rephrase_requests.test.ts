import { describe, expect, it } from 'vitest';
import rephraseRequests from '../../src/metrics/rephrase_requests.js';
import { conversationWith } from '../helpers/conversation.js';
import { run } from './options.js';

const chat = (id: string, ...lines: string[]) => conversationWith({ id }, ...lines);

describe('rephrase_requests', () => {
  it('either side, en/es/zh, over conversations with texts', () => {
    const r = run(rephraseRequests, [
      chat('en', '0s customer hello', '5s agent:Ana Could you rephrase your question?'),
      chat('es', '0s customer hola', '5s agent:Ana dígame', '10s customer no entiendo'),
      chat('zh', '0s customer 我不明白', '5s agent:Ana 好的'),
      chat('ok', '0s customer hi', '5s agent:Ana hello, how can I help?'),
    ]);
    expect(r).toEqual({ value: 0.75, conversations: 3, count: 4, examples: ['en', 'es', 'zh'] });
  });

  it('extra phrases from settings', () => {
    const c = chat('x', '0s customer huh?', '5s agent:Ana sorry');
    expect(run(rephraseRequests, [c]).value).toBe(0);
    expect(run(rephraseRequests, [c], { settings: { rephrasePhrases: ['huh'] } }).value).toBe(1);
  });
});
