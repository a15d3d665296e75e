// Vendor-parity presets (`--as zendesk`): reshape a folded conversation so our metrics reproduce a vendor's figure.
import type { Conversation } from './types.js';

export interface Preset {
  /** Whose dashboard it reproduces. */
  vendor: string;
  /** One line: where the vendor's first-response clock starts and how it averages. */
  summary: string;
  /** The vendor's own definition. */
  source: string;
  /** Metric settings it implies (read by src/metrics through MetricOptions.settings). */
  settings: Readonly<Record<string, unknown>>;
  transform(c: Conversation): Conversation;
}

/** A copy with the FRT clock moved to `startAt`; replies before it are not first responses of this clock. */
function startClockAt(c: Conversation, startAt: number | undefined): Conversation {
  // Outreach stays out of response metrics under every preset: no customer asked, so there is no clock to move.
  if (c.isAgentInitiated) return c;
  // Never after the first reply: a clock that starts after the answer would give a negative wait.
  const at = startAt !== undefined && c.firstResponseAt !== undefined ? Math.min(startAt, c.firstResponseAt) : startAt;
  if (at === undefined || at === c.requestedAt) return c;
  return { ...c, requestedAt: at };
}

export const PRESETS = {
  /**
   * Zendesk Support "First reply time": ticket creation → first public agent comment; bots and automations never
   * stop it. https://support.zendesk.com/hc/en-us/articles/4408821871642 (Calculating first reply time) and
   * https://support.zendesk.com/hc/en-us/articles/4408834848154 (native time duration metrics). The clock starts at
   * creation, so a ticket logged after the customer's first message shows a shorter FRT than ours. Zendesk also
   * times agent-created tickets (to the agent's second public comment); we keep outreach out under every preset.
   */
  zendesk: {
    vendor: 'Zendesk Support',
    summary: 'first reply time from ticket creation',
    source: 'https://support.zendesk.com/hc/en-us/articles/4408821871642',
    settings: {},
    transform: (c: Conversation) => startClockAt(c, c.createdAt ?? c.requestedAt),
  },
  /**
   * Intercom "Time to first response" with the median as its headline (the reports show medians; the
   * conversation `statistics` keep `median_time_to_reply`). Clock as ours: the customer's first message.
   * https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/ (statistics)
   */
  intercom: {
    vendor: 'Intercom',
    summary: 'first response from the customer\'s first message; headline figures are medians',
    source: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/',
    settings: { headline: 'median' },
    transform: (c: Conversation) => c,
  },
  /**
   * Chatwoot `first_response` reporting event: first human reply − last_non_human_activity, i.e. the latest
   * `conversation_bot_handoff` or `conversation_opened` (reopen) event, else the conversation's creation.
   * chatwoot/chatwoot app/listeners/reporting_event_listener.rb (first_reply_created) and
   * app/helpers/reporting_event_helper.rb (last_non_human_activity);
   * reports API: https://developers.chatwoot.com/api-reference/reports/get-first-response-time-distribution-by-channel
   */
  chatwoot: {
    vendor: 'Chatwoot',
    summary: 'first response from the bot hand-off or the last reopen before it, else creation',
    source: 'https://github.com/chatwoot/chatwoot/blob/develop/app/helpers/reporting_event_helper.rb',
    settings: {},
    transform: (c: Conversation) => startClockAt(c, chatwootStart(c)),
  },
  /**
   * Rocket.Chat Omnichannel `metrics.response.ft`: set on the agent's first reply to the visitor's inquiry,
   * measured from the visitor's first unanswered message (room `metrics.v.lq`, the room's `ts` for the first);
   * its analytics (`Avg_first_response_time`, `Avg_response_time`) average `metrics.response.ft`/`.avg` per room,
   * so response time is averaged per conversation. Server code: the livechat analytics hook that saves
   * `metrics.response` and the dashboards' `Avg_response_time`; API:
   * https://developer.rocket.chat/reference/api/rest-api/endpoints/omnichannel/livechat-endpoints/livechat-statistics/get-priorities
   */
  rocketchat: {
    vendor: 'Rocket.Chat Omnichannel',
    summary: 'first response from the visitor\'s first message; response time averaged per conversation',
    source: 'https://developer.rocket.chat/reference/api/rest-api/endpoints/omnichannel/livechat-endpoints/livechat-statistics/get-priorities',
    settings: { responseTimeAveraging: 'per_conversation' },
    transform: (c: Conversation) => startClockAt(c, firstCustomerMessageAt(c) ?? c.requestedAt),
  },
  /**
   * LiveChat "first response time": the chat's first agent message after the first customer message — our
   * definition, so the preset changes nothing (it documents that the figures are comparable).
   * https://platform.text.com/docs/data-reporting/reports-api/v3.4 (chats reports, first response time)
   */
  livechat: {
    vendor: 'LiveChat',
    summary: 'first response from the customer\'s first message (our definition)',
    source: 'https://platform.text.com/docs/data-reporting/reports-api/v3.4',
    settings: {},
    transform: (c: Conversation) => c,
  },
  /**
   * Freshdesk "First response time": ticket creation → the first agent response (`stats.first_responded_at`),
   * like Zendesk; private notes are not responses.
   * https://support.freshdesk.com/en/support/solutions/articles/50000000041-support-metrics-in-freshdesk-analytics
   */
  freshdesk: {
    vendor: 'Freshdesk',
    summary: 'first response from ticket creation',
    source: 'https://support.freshdesk.com/en/support/solutions/articles/50000000041-support-metrics-in-freshdesk-analytics',
    settings: {},
    transform: (c: Conversation) => startClockAt(c, c.createdAt ?? c.requestedAt),
  },
} as const satisfies Record<string, Preset>;

export type PresetId = keyof typeof PRESETS;

export function isPresetId(id: string): id is PresetId {
  return Object.hasOwn(PRESETS, id);
}

/** The folded conversation as the vendor would measure it. Pure: the input is not changed. */
export function applyPreset(conversation: Conversation, presetId: PresetId): Conversation {
  return PRESETS[presetId].transform(conversation);
}

/** Metric settings the preset implies: `{ headline: 'median' }` (intercom), `{ responseTimeAveraging: ... }`. */
export function presetSettings(presetId: PresetId): Record<string, unknown> {
  return { ...PRESETS[presetId].settings };
}

/**
 * Chatwoot's anchor: the latest bot hand-off or reopen at or before the first human reply (events after it
 * happen once the first_response event is already written), else creation, else our request time.
 */
function chatwootStart(c: Conversation): number | undefined {
  const limit = c.firstResponseAt ?? Infinity;
  let anchor: number | undefined;
  const consider = (at: number | undefined): void => {
    if (at !== undefined && at <= limit && (anchor === undefined || at > anchor)) anchor = at;
  };
  consider(c.botHandoffAt);
  for (const at of c.reopenedAts ?? []) consider(at);
  return anchor ?? c.createdAt ?? c.requestedAt;
}

/**
 * The visitor's first public message: the start of the first reply wait (a wait opens at the first customer message
 * of a run and closes at the next human reply), so it is known whenever there is a first response to time.
 */
function firstCustomerMessageAt(c: Conversation): number | undefined {
  return c.replyWaits.length > 0 ? c.replyWaits[0] : undefined;
}
