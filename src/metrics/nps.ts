// nps: % promoters (9-10) − % detractors (0-6) on a 0-10 question, −100..100, with the three counts.
/**
 * DECISIONS
 * - Bands are the standard ones (METRICS.md §3): detractors 0-6, passives 7-8, promoters 9-10. A survey on another
 *   scale (1-10, 0-5) is mapped linearly onto 0-10 first, so a 1-10 "10" is a promoter and a 1-10 "7" (6.67) a
 *   detractor; vendors that ask on 0-10 (every one we know) are unaffected.
 * - One answer per conversation (the last). The score is rounded to 3 decimals, not to a whole number.
 */
import type { Rating } from '../events/types.js';
import { round3 } from './stats.js';
import type { Metric } from './types.js';

/** The answer on 0-10. */
export function onTenPoints(r: Rating): number {
  return r.scaleMax === 10 && r.scaleMin === 0 ? r.score : ((r.score - r.scaleMin) / (r.scaleMax - r.scaleMin)) * 10;
}

const nps: Metric = {
  id: 'nps',
  description: 'Net promoter score: % promoters (9-10) − % detractors (0-6), −100..100',
  unit: 'score',
  defaultField: 'value',
  needs: ['ratings:nps'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let promoters = 0;
    let passives = 0;
    let detractors = 0;
    return {
      add(c) {
        const r = c.ratings.nps;
        if (r === undefined) return;
        const s = onTenPoints(r);
        if (s >= 9) promoters++;
        else if (s >= 7) passives++;
        else detractors++;
      },
      result() {
        const responses = promoters + passives + detractors;
        return {
          value: responses > 0 ? round3(((promoters - detractors) / responses) * 100) : null,
          promoters,
          passives,
          detractors,
          responses,
        };
      },
    };
  },
};

export default nps;
