// The normalized event model (CONTRACT.md, "chatkpi events"): every adapter emits these, the sessionizer folds them.

export const ROLES = ['customer', 'agent', 'bot', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const EVENT_TYPES = [
  'created', // the conversation/ticket/chat request exists (requested_at fallback)
  'message', // a message by anyone; `isInternal` marks agent-only notes
  'assigned', // a human agent accepted/joined (acknowledgement)
  'transferred', // passed to another agent or department
  'escalated', // raised to another channel (call, video, email, co-browse)
  'status', // a vendor status change (`status` holds it: pending, on-hold...), for paused time
  'resolved', // solved/resolved/closed
  'reopened', // a resolved conversation became open again
  'ended', // the chat ended (customer left, archived) without saying it was solved
  'missed', // the vendor says no agent took the chat
  'wrapped_up', // the agent's after-chat work ended (disposition/close)
  'rated', // a survey answer (`rating`)
  'vendor_metric', // the vendor's own precomputed figure (`vendorMetric`), for cross-checks
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type Survey = 'csat' | 'nps' | 'ces';

/** A survey answer on its own scale: binary good/bad is 0..1, CSAT 1..5, NPS 0..10, CES 1..7. */
export interface Rating {
  survey: Survey;
  score: number;
  scaleMin: number;
  scaleMax: number;
  comment?: string;
}

/** A vendor's own figure for one conversation, e.g. LiveChat's `first response time`, in seconds. */
export interface VendorMetric {
  /** Our metric id it corresponds to: `first_response_time`, `chat_duration`, `queue_time`... */
  metric: string;
  seconds: number;
  /** The vendor column or field it came from, for `inspect` and the cross-check table. */
  source: string;
}

export interface ChatEvent {
  conversationId: string;
  /** UTC epoch milliseconds. */
  at: number;
  type: EventType;
  role: Role;
  agent?: string;
  department?: string;
  channel?: string;
  text?: string;
  isInternal?: boolean;
  /** Customer identity (email, visitor id) for FCR's recontact rule and the customer-base metrics. */
  customerId?: string;
  tags?: readonly string[];
  priority?: string;
  /** For `status` events: the vendor status name (lower case). */
  status?: string;
  /** For `transferred`: the new agent or department. */
  transferTo?: string;
  /** For `escalated`: the channel raised to. */
  escalatedTo?: string;
  isCanned?: boolean;
  rating?: Rating;
  vendorMetric?: VendorMetric;
  /** The vendor's own conversation status where the export has one (`missed`, `resolved`...). */
  vendorStatus?: string;
}
