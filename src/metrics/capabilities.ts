// What a data set can support: the engine folds every conversation into a set of capabilities, and a metric whose
// `needs` are not all in it is reported `{ available: false, reason }` instead of a misleading zero (METRICS.md).
import type { ConversationBatch } from '../conversations/batch.js';
import type { Capability, Conversation } from '../conversations/types.js';

/** Adds what this conversation shows the export carries. Cheap: runs once per conversation. */
export function addCapabilities(c: Conversation, into: Set<Capability>): void {
  if (c.firstMessageAt !== undefined) into.add('messages');
  if (c.agentMessages > 0) into.add('humanReplies');
  if (c.assignedAt !== undefined) into.add('assignment');
  if (c.firstResolvedAt !== undefined) into.add('resolution');
  if (c.endedAt !== undefined) into.add('ended');
  if (c.wrappedUpAt !== undefined) into.add('wrapUp');
  if (c.ratings.csat !== undefined) into.add('ratings:csat');
  if (c.ratings.nps !== undefined) into.add('ratings:nps');
  if (c.ratings.ces !== undefined) into.add('ratings:ces');
  if (c.customerId !== undefined) into.add('customerIds');
  if ((c.customerTexts?.length ?? 0) > 0 || (c.agentTexts?.length ?? 0) > 0) into.add('texts');
  if (c.statusChanges.length > 0) into.add('statusChanges');
  if (c.tags.length > 0) into.add('tags');
  if (c.cannedMessages > 0) into.add('canned');
}

/** The reason a report prints for a metric whose need is missing. */
export const CAPABILITY_REASONS: Record<Capability, string> = {
  messages: 'export has no message-level rows',
  humanReplies: 'export has no human agent messages',
  assignment: 'export has no assignment times',
  resolution: 'export has no resolution (solved/closed) times',
  ended: 'export has no end times or messages',
  wrapUp: 'export has no wrap-up (after-chat work) times',
  'ratings:csat': 'export has no CSAT rating field',
  'ratings:nps': 'export has no NPS answers',
  'ratings:ces': 'export has no customer effort (CES) answers',
  customerIds: 'export has no customer identifiers',
  texts: 'export has no message texts',
  statusChanges: 'export has no status changes',
  tags: 'export has no tags',
  canned: 'export does not flag canned responses',
};

/** The capabilities a batch's columns can show (ConversationBatch): a run folds batches only when its input shows no other. */
export const BATCH_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>(['messages', 'humanReplies', 'ended', 'wrapUp', 'ratings:csat', 'customerIds']);

/** addCapabilities over a batch's rows, for those in BATCH_CAPABILITIES. */
export function addBatchCapabilities(b: ConversationBatch, into: Set<Capability>): void {
  for (let i = 0; i < b.size; i++) {
    if (!Number.isNaN(b.firstMessageAt[i]!)) into.add('messages');
    if (b.agentMessages[i]! > 0) into.add('humanReplies');
    if (!Number.isNaN(b.endedAt[i]!)) into.add('ended');
    if (!Number.isNaN(b.wrappedUpAt[i]!)) into.add('wrapUp');
    if (b.csat[i] !== undefined) into.add('ratings:csat');
    if (b.customerLength[i] !== 0) into.add('customerIds');
  }
}
