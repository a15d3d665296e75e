// One record per conversation, folded from its events (METRICS.md, "The conversation model").
import type { Rating, Survey, VendorMetric } from '../events/types.js';

export type ConversationStatus = 'open' | 'missed' | 'resolved';

export interface StatusChange {
  at: number;
  /** Lower-cased vendor status name ('pending', 'on-hold', 'open'...). */
  status: string;
}

/** A folded conversation: read-only once folded (records may share their empty lists). */
export interface Conversation {
  id: string;
  /** The earliest event of any kind; buckets agent-initiated conversations into periods. */
  firstEventAt: number;
  /** Creation/chat-request time when the export has one. */
  createdAt?: number;
  /** When the customer asked: min(first customer message, customer/system creation). Absent if agent-initiated. */
  requestedAt?: number;
  /** An agent (or bot, or campaign) spoke first: kept out of response metrics, counted in `chats`. */
  isAgentInitiated: boolean;
  firstMessageAt?: number;
  lastMessageAt?: number;
  /** Last public customer message: the end of a missed chat's wait when nothing else says so. */
  lastCustomerMessageAt?: number;
  assignedAt?: number;
  /** First transfer after a bot message: the bot's hand-off to humans (Chatwoot starts FRT there, `--as chatwoot`). */
  botHandoffAt?: number;
  /** Every reopen, in time order (Chatwoot restarts FRT at the last reopen before the first reply). */
  reopenedAts?: number[];
  /** First public human reply at or after requestedAt (bots only with --count-bots). */
  firstResponseAt?: number;
  firstBotResponseAt?: number;
  firstResolvedAt?: number;
  /** Last time it went to resolved, cleared by a later reopen. */
  resolvedAt?: number;
  /** Vendor end/close time, else the last message. */
  endedAt?: number;
  wrappedUpAt?: number;
  status: ConversationStatus;
  /** The export's own status where it has one (`missed`, `resolved`, `open`...). */
  vendorStatus?: string;
  /** Our status rules and the vendor's status field disagree (the vendor's wins; counted in the report). */
  statusDisagrees: boolean;
  /** The agent a conversation is attributed to: first responder, else first assigned, else first named. */
  agent?: string;
  agents: readonly string[];
  department?: string;
  channel?: string;
  customerId?: string;
  priority?: string;
  tags: readonly string[];
  customerMessages: number;
  agentMessages: number;
  botMessages: number;
  internalNotes: number;
  cannedMessages: number;
  /**
   * Every wait of the customer for a human reply, flattened as [start0, end0, start1, end1, ...]:
   * a run of public customer messages (start = its first) up to the next public human reply.
   */
  replyWaits: number[];
  /** The agent who ended each wait, aligned with replyWaits pairs. */
  replyAgents: readonly (string | undefined)[];
  transfers: number;
  reopens: number;
  escalations: number;
  ratings: Readonly<Partial<Record<Survey, Rating>>>;
  statusChanges: readonly StatusChange[];
  vendorMetrics: readonly VendorMetric[];
  /** Public customer message texts, only when a text metric asks for them. */
  customerTexts?: string[];
  /** Public human agent message texts, only when a text metric asks for them. */
  agentTexts?: string[];
  /** Timestamps of all public customer messages (for text metrics aligned with texts). */
}

/** What the whole data set can support; a metric needing a missing capability is unavailable. */
export type Capability =
  | 'messages' // message-level rows: reply waits, durations from messages
  | 'humanReplies' // at least one human agent message somewhere
  | 'assignment' // assigned events
  | 'resolution' // resolved events
  | 'ended' // ended events or messages
  | 'wrapUp' // wrapped_up events
  | 'ratings:csat'
  | 'ratings:nps'
  | 'ratings:ces'
  | 'customerIds'
  | 'texts'
  | 'statusChanges'
  | 'tags'
  | 'canned';
