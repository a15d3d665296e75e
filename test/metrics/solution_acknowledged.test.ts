import { describe, expect, it } from 'vitest';
import solutionAcknowledged from '../../src/metrics/solution_acknowledged.js';
import { conversationWith } from '../helpers/conversation.js';
import { run } from './options.js';

const chat = (id: string, ...lines: string[]) => conversationWith({ id }, ...lines);

describe('solution_acknowledged', () => {
  it('customer confirmations only, over answered conversations', () => {
    const r = run(solutionAcknowledged, [
      chat('en', '0s customer it is broken', '5s agent:Ana try again', '1m customer yes that worked, thanks'),
      chat('es', '0s customer ayuda', '5s agent:Ana reinicie', '1m customer ya funciona'),
      chat('zh', '0s customer 帮忙', '5s agent:Ana 重启', '1m customer 解决了'),
      chat('agent-says', '0s customer help', '5s agent:Ana that worked, right?'), // the agent, not the customer
      chat('missed', '0s customer that worked', '1m ended'), // nobody answered: out
    ]);
    expect(r).toEqual({ value: 0.75, conversations: 3, count: 4, examples: ['en', 'es', 'zh'] });
  });
});
