// csat: share of rated conversations rated satisfied, the mean score and the response rate.
/**
 * DECISIONS
 * - Satisfied: the top quarter of the survey's scale: 4–5 on 1–5, `good` on a good/bad (0..1) survey, thumbs-up
 *   (0..1), 6–7 on 1–7, 8–10 on 1–10. This is the common "top-2-box" on five points; Zendesk's good/bad is the
 *   binary case. Ratings keep their own scale (the adapter records it), so mixed exports are read correctly.
 * - `mean` is on the survey's scale and is given only when every rating shares one scale (`scale`: "1-5"); a mean
 *   over mixed scales would mean nothing, so it is null then.
 * - `response_rate` = rated / resolved conversations (METRICS.md), so it can exceed 1 when missed chats are rated.
 * - One rating per conversation: the last one (a customer who changes their mind counts once, as Zendesk does).
 */
import { STATUS_RESOLVED } from '../conversations/batch.js';
import type { Rating } from '../events/types.js';
import { ratio, round3 } from './stats.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

/** Top quarter of the scale: 4–5 of 1–5, 1 of 0..1, 6–7 of 1–7. */
export function isSatisfied(r: Rating): boolean {
  return r.score >= r.scaleMax - (r.scaleMax - r.scaleMin) / 4;
}

const csat: Metric = {
  id: 'csat',
  description: 'Share of rated chats rated satisfied (4-5 of 5, good, thumbs up), mean score, response rate',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['ratings:csat'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let rated = 0;
    let satisfied = 0;
    let resolved = 0;
    let sum = 0;
    let scale: string | null | undefined;
    // the scale of the ratings so far: undefined before the first, null once two differ
    let scaleMin = Number.NaN;
    let scaleMax = Number.NaN;
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          if (b.status[i] === STATUS_RESOLVED) resolved++;
          const r = b.csat[i];
          if (r === undefined) continue;
          rated++;
          sum += r.score;
          if (isSatisfied(r)) satisfied++;
          if (scale === undefined) {
            scaleMin = r.scaleMin;
            scaleMax = r.scaleMax;
            scale = `${r.scaleMin}-${r.scaleMax}`;
          } else if (r.scaleMin !== scaleMin || r.scaleMax !== scaleMax) scale = null;
        }
      },
      result: () => ({
        value: ratio(satisfied, rated),
        responses: rated,
        satisfied,
        mean: rated > 0 && scale ? round3(sum / rated) : null,
        scale: scale ?? null,
        response_rate: ratio(rated, resolved),
      }),
    });
  },
};

export default csat;
