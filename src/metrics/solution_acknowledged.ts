// solution_acknowledged: conversations in which the customer confirms the solution worked.
/**
 * DECISIONS
 * - Only customer messages count (an agent's "that should work now" is not a confirmation). Phrases in en, es, zh
 *   (phrases.ts), extended by `settings.solutionPhrases`.
 * - Denominator: answered conversations (a human replied) with customer texts: the ones where a solution could have
 *   been offered. `examples` lists up to five ids.
 */
import { phraseMatcher, SOLUTION_PHRASES } from './phrases.js';
import { ratio, settingStrings } from './stats.js';
import type { Metric } from './types.js';

const solutionAcknowledged: Metric = {
  id: 'solution_acknowledged',
  description: 'Answered conversations where the customer confirms the solution worked (en, es, zh)',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['texts'],
  isDefault: false,
  readsReplies: false,
  create(options) {
    const matches = phraseMatcher([...SOLUTION_PHRASES, ...settingStrings(options.settings, 'solutionPhrases')]);
    let eligible = 0;
    let hits = 0;
    const examples: string[] = [];
    return {
      add(c) {
        const texts = c.customerTexts ?? [];
        if (texts.length === 0 || c.agentMessages === 0) return;
        eligible++;
        if (texts.some((t) => matches(t) > 0)) {
          hits++;
          if (examples.length < 5) examples.push(c.id);
        }
      },
      result: () => ({ value: ratio(hits, eligible), conversations: hits, count: eligible, examples: [...examples] }),
    };
  },
};

export default solutionAcknowledged;
