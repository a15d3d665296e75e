// conversion_rate: conversations that led to a conversion (a tag the user names) / chats.
/**
 * DECISIONS
 * - A conversion is a tag listed in `settings.conversionTags` (the config file's
 *   `"settings": { "conversionTags": ["purchase", "signup"] }`), compared case-insensitively. No vendor exports a conversion flag of its own
 *   that we know of; LiveChat's "goals" and Intercom's tags both reach us as tags.
 * - Without the setting the metric is unavailable with a reason that says how to set it: a 0% would be a lie.
 * - Denominator: every conversation, as `chats`.
 */
import { ratio, settingStrings } from './stats.js';
import { unavailable, type Metric } from './types.js';

const conversionRate: Metric = {
  id: 'conversion_rate',
  description: 'Chats that led to a conversion (tags in settings.conversionTags) / chats',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['tags'],
  isDefault: false,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const tags = new Set(settingStrings(options.settings, 'conversionTags'));
    let chats = 0;
    let converted = 0;
    return {
      add(c) {
        chats++;
        if (c.tags.some((t) => tags.has(t.toLowerCase()))) converted++;
      },
      result: () =>
        tags.size === 0
          ? unavailable('no conversion tags configured (set "settings": { "conversionTags": ["purchase"] } in chatkpi.config.json)')
          : { value: ratio(converted, chats), converted, count: chats, tags: [...tags] },
    };
  },
};

export default conversionRate;
