// sentiment_shift: customer sentiment in the first third of their messages vs the last third (lexicon based).
/**
 * DECISIONS
 * - A message scores (positive hits − negative hits) with the en/es/zh lexicon of phrases.ts (extended by
 *   `settings.positiveWords` / `negativeWords`); a third scores the mean of its messages. Thirds are ⌈n/3⌉
 *   messages from each end, so two messages compare the first with the last. Conversations with fewer than two
 *   customer messages are left out: there is no shift to see.
 * - shift = last third − first third: `improved_share` (> 0), `worsened_share` (< 0), `value` the mean shift.
 *   A lexicon has no grasp of negation or irony ("not good" scores good); it is a coarse signal to look at with
 *   `examples_worsened`, not a verdict.
 */
import { NEGATIVE_WORDS, phraseMatcher, POSITIVE_WORDS } from './phrases.js';
import { ratio, round3, settingStrings } from './stats.js';
import type { Metric } from './types.js';

const sentimentShift: Metric = {
  id: 'sentiment_shift',
  description: 'Customer sentiment, first third of their messages vs the last third: share improved/worsened',
  unit: 'score',
  defaultField: 'value',
  needs: ['texts'],
  isDefault: false,
  readsReplies: false,
  create(options) {
    const positive = phraseMatcher([...POSITIVE_WORDS, ...settingStrings(options.settings, 'positiveWords')]);
    const negative = phraseMatcher([...NEGATIVE_WORDS, ...settingStrings(options.settings, 'negativeWords')]);
    const score = (t: string): number => positive(t) - negative(t);
    const meanScore = (texts: readonly string[]): number => texts.reduce((s, t) => s + score(t), 0) / texts.length;
    let count = 0;
    let improved = 0;
    let worsened = 0;
    let sum = 0;
    const examples: string[] = [];
    return {
      add(c) {
        const texts = c.customerTexts ?? [];
        if (texts.length < 2) return;
        const third = Math.ceil(texts.length / 3);
        const shift = meanScore(texts.slice(texts.length - third)) - meanScore(texts.slice(0, third));
        count++;
        sum += shift;
        if (shift > 0) improved++;
        else if (shift < 0) {
          worsened++;
          if (examples.length < 5) examples.push(c.id);
        }
      },
      result: () => ({
        value: count > 0 ? round3(sum / count) : null,
        improved_share: ratio(improved, count),
        worsened_share: ratio(worsened, count),
        unchanged_share: ratio(count - improved - worsened, count),
        count,
        examples_worsened: [...examples],
      }),
    };
  },
};

export default sentimentShift;
