// rephrase_requests: conversations in which someone asks to rephrase or says they did not understand.
/**
 * DECISIONS
 * - Either side counts: a customer who does not understand the agent, or an agent (or bot) asking the customer
 *   to rephrase; both mean the conversation did not land. Phrase lists in en, es and zh are in phrases.ts;
 *   `settings.rephrasePhrases` adds more. Matching is lower-cased, accent-folded, on word boundaries.
 * - Denominator: conversations with kept texts (public customer or agent messages). `examples` lists up to five ids.
 * - No vendor reports this; it is a transcript signal, so it needs `texts` (the export must carry message bodies).
 */
import { phraseMatcher, REPHRASE_PHRASES } from './phrases.js';
import { ratio, settingStrings } from './stats.js';
import type { Metric } from './types.js';

const rephraseRequests: Metric = {
  id: 'rephrase_requests',
  description: 'Conversations where someone asks to rephrase or did not understand (en, es, zh)',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['texts'],
  isDefault: false,
  readsReplies: false,
  create(options) {
    const matches = phraseMatcher([...REPHRASE_PHRASES, ...settingStrings(options.settings, 'rephrasePhrases')]);
    let eligible = 0;
    let hits = 0;
    const examples: string[] = [];
    return {
      add(c) {
        const texts = [...(c.customerTexts ?? []), ...(c.agentTexts ?? [])];
        if (texts.length === 0) return;
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

export default rephraseRequests;
