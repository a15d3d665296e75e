// ces: customer effort score: mean answer on the survey's scale and the share answering easy / very easy.
/**
 * DECISIONS
 * - Easy: the top two answers of the scale (6-7 of 1-7, 4-5 of 1-5), the "agree / strongly agree that it was easy"
 *   of CES 2.0. Surveys that ask "how much effort" put easy at the bottom: `settings.cesLowIsEasy: true` makes the
 *   bottom two answers easy, and the mean is then reported as asked.
 * - `mean` needs one scale across answers (`scale`), else it is null; `easy_share` is valid across scales.
 */
import { ratio, round3 } from './stats.js';
import type { Metric } from './types.js';

const ces: Metric = {
  id: 'ces',
  description: 'Customer effort score: mean on the survey scale and share answering easy',
  unit: 'score',
  defaultField: 'value',
  needs: ['ratings:ces'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const lowIsEasy = options.settings.cesLowIsEasy === true;
    let responses = 0;
    let easy = 0;
    let sum = 0;
    let scale: string | null | undefined;
    return {
      add(c) {
        const r = c.ratings.ces;
        if (r === undefined) return;
        responses++;
        sum += r.score;
        if (lowIsEasy ? r.score <= r.scaleMin + 1 : r.score >= r.scaleMax - 1) easy++;
        const s = `${r.scaleMin}-${r.scaleMax}`;
        scale = scale === undefined || scale === s ? s : null;
      },
      result: () => ({
        value: responses > 0 && scale ? round3(sum / responses) : null,
        easy_share: ratio(easy, responses),
        responses,
        scale: scale ?? null,
      }),
    };
  },
};

export default ces;
