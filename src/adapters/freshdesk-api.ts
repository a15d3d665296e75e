// Freshdesk API v2 dumps: tickets (`GET /api/v2/tickets?include=stats`, a bare array), their conversations
// (`GET /api/v2/tickets/{id}/conversations`, arrays concatenated, each item carrying `ticket_id`) and satisfaction
// ratings (`GET /api/v2/surveys/satisfaction_ratings`). The files join by ticket id in one run, in any order.
// Source: VENDORS.md §5b; https://developers.freshdesk.com/api/#tickets and the tickets / conversations /
// satisfaction_ratings schemas of airbytehq/airbyte source-freshdesk.
//
// Codes: `status` 2 Open, 3 Pending, 4 Resolved, 5 Closed (others are custom statuses, kept as `status <n>`);
// `priority` 1 Low … 4 Urgent; `source` 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback widget, 10 Outbound email.
//
// Roles: the ticket's `description` is the requester's opening message (the agent's on an outbound e-mail, source 10:
// outreach); a conversation with `incoming: true` is the customer, else an agent (`user_id`, the agent's id: the API
// names agents only in a separate agents list); `private: true` is an internal note.
// Ticket `stats` give milestones: `first_responded_at` → the first agent reply (by `responder_id`), emitted once
// even when the conversations file holds the same reply (same ticket and second): list the conversations file first
// and the reply keeps its real author, else it is credited to the current `responder_id`; `resolved_at` (else `closed_at`) →
// resolved; `reopened_at` → a reopen; an Open or Pending ticket gets that status at `updated_at`. Ratings: `ratings.default_question` 103 … -103 → CSAT on Freshdesk's 1..7 scale.
// The API has no transfers (assignment history is in the activities export, not read here) and no bots.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, isRecord, jsonTime, num, str } from './common.js';
import { surveyRating } from './freshdesk-csv.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** JSON paths read from each kind of record (for `inspect`; toEvents reads them below). */
export const FIELDS = {
  ticket: { id: 'id', createdAt: 'created_at', status: 'status', priority: 'priority', source: 'source', requester: 'requester_id', responder: 'responder_id', group: 'group_id', tags: 'tags', description: 'description_text', firstRespondedAt: 'stats.first_responded_at', resolvedAt: 'stats.resolved_at', closedAt: 'stats.closed_at', reopenedAt: 'stats.reopened_at' },
  conversation: { ticket: 'ticket_id', at: 'created_at', incoming: 'incoming', private: 'private', user: 'user_id', body: 'body_text' },
  rating: { ticket: 'ticket_id', at: 'created_at', score: 'ratings.default_question', feedback: 'feedback' },
} as const;

type Kind = 'ticket' | 'conversation' | 'rating';

export function kindOf(value: unknown): Kind | undefined {
  if (!isRecord(value)) return undefined;
  if ('responder_id' in value && 'fr_due_by' in value && 'requester_id' in value) return 'ticket';
  if ('incoming' in value && 'private' in value && 'ticket_id' in value) return 'conversation';
  if ('survey_id' in value && isRecord(value['ratings']) && 'ticket_id' in value) return 'rating';
  return undefined;
}

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  switch (kindOf(sample.records[0])) {
    case 'ticket':
      return { score: 0.9, reason: 'tickets with responder_id + fr_due_by (Freshdesk API v2)' };
    case 'conversation':
      return { score: 0.9, reason: 'conversations with incoming + private + ticket_id (Freshdesk API v2)' };
    case 'rating':
      return { score: 0.85, reason: 'satisfaction ratings with survey_id + ratings (Freshdesk API v2)' };
    default:
      return { score: 0, reason: 'needs tickets (responder_id + fr_due_by), conversations (incoming + private) or satisfaction ratings' };
  }
}

const STATUS: Record<number, string> = { 2: 'open', 3: 'pending', 4: 'resolved', 5: 'closed' };
const PRIORITY: Record<number, string> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };
const SOURCE: Record<number, string> = { 1: 'email', 2: 'portal', 3: 'phone', 7: 'chat', 9: 'feedback widget', 10: 'outbound email' };

const REPLIES_KEY = 'freshdesk-api.replies';

/** `ticket@epoch ms` of public agent replies already emitted, so the stats reply and its conversation count once. */
function emittedReplies(ctx: AdapterContext): Set<string> {
  let s = ctx.state.get(REPLIES_KEY) as Set<string> | undefined;
  if (s === undefined) {
    s = new Set();
    ctx.state.set(REPLIES_KEY, s);
  }
  return s;
}

function requireJsonTime(value: unknown, field: string, ctx: AdapterContext): number {
  const t = jsonTime(value, field, ctx);
  if (t === undefined) throw new FieldError(field, 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  return t;
}

function requireTicketId(value: unknown, field: string): string {
  const id = str(value);
  if (id === undefined) throw new FieldError(field, 'empty: every record needs its ticket id', 'MISSING_ID');
  return id;
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const value = record.value;
  switch (kindOf(value)) {
    case 'ticket':
      return ticketEvents(value as Record<string, unknown>, ctx);
    case 'conversation':
      return conversationEvents(value as Record<string, unknown>, ctx);
    case 'rating':
      return ratingEvents(value as Record<string, unknown>, ctx);
    default:
      throw new FieldError('record', 'not a Freshdesk ticket, conversation or satisfaction rating', 'BAD_RECORD');
  }
}

function ticketEvents(t: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireTicketId(t['id'], 'id');
  const createdAt = requireJsonTime(t['created_at'], 'created_at', ctx);
  const statusCode = num(t['status']);
  const vendorStatus = statusCode === undefined ? undefined : STATUS[statusCode] ?? `status ${statusCode}`;
  const priorityCode = num(t['priority']);
  const priority = priorityCode === undefined ? undefined : PRIORITY[priorityCode];
  const sourceCode = num(t['source']);
  const channel = sourceCode === undefined ? undefined : SOURCE[sourceCode] ?? `source ${sourceCode}`;
  const department = str(t['group_id']);
  const responder = str(t['responder_id']);
  const customerId = str(at(t, 'requester.email')) ?? str(t['requester_id']);
  const tags = Array.isArray(t['tags']) ? t['tags'].filter((x): x is string => typeof x === 'string') : [];
  const base = { conversationId, ...(channel ? { channel } : {}), ...(department ? { department } : {}) };
  const isOutbound = sourceCode === 10;
  const opener: Role = isOutbound ? 'agent' : 'customer';

  const events: ChatEvent[] = [
    { ...base, at: createdAt, type: 'created', role: opener, ...(priority ? { priority } : {}), ...(customerId ? { customerId } : {}), ...(tags.length ? { tags } : {}), ...(vendorStatus ? { vendorStatus } : {}) },
  ];
  const opening: ChatEvent = { ...base, at: createdAt, type: 'message', role: opener, ...(isOutbound && responder ? { agent: responder } : {}) };
  const description = str(t['description_text']);
  if (ctx.options.keepText && description !== undefined) opening.text = description;
  events.push(opening);

  const repliedAt = jsonTime(at(t, 'stats.first_responded_at'), 'stats.first_responded_at', ctx);
  if (repliedAt !== undefined && !isOutbound) {
    const replies = emittedReplies(ctx);
    const key = `${conversationId}@${repliedAt}`;
    if (!replies.has(key)) {
      replies.add(key);
      events.push({ ...base, at: repliedAt, type: 'message', role: 'agent', ...(responder ? { agent: responder } : {}) });
    }
  }
  const resolvedAt = jsonTime(at(t, 'stats.resolved_at'), 'stats.resolved_at', ctx) ?? jsonTime(at(t, 'stats.closed_at'), 'stats.closed_at', ctx);
  if (resolvedAt !== undefined) events.push({ ...base, at: resolvedAt, type: 'resolved', role: 'system' });
  // Still being worked as of the last update (Open, Pending): say so, or our rules would end it at its last reply.
  if (vendorStatus === 'open' || vendorStatus === 'pending') {
    events.push({ ...base, at: jsonTime(t['updated_at'], 'updated_at', ctx) ?? createdAt, type: 'status', role: 'system', status: vendorStatus });
  }
  const reopenedAt = jsonTime(at(t, 'stats.reopened_at'), 'stats.reopened_at', ctx);
  if (reopenedAt !== undefined) events.push({ ...base, at: reopenedAt, type: 'reopened', role: 'customer' });
  return events;
}

function conversationEvents(c: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireTicketId(c['ticket_id'], 'ticket_id');
  const when = requireJsonTime(c['created_at'], 'created_at', ctx);
  const isCustomer = c['incoming'] === true;
  const isInternal = c['private'] === true;
  const user = str(c['user_id']);
  if (!isCustomer && !isInternal) {
    const replies = emittedReplies(ctx);
    const key = `${conversationId}@${when}`;
    if (replies.has(key)) return [];
    replies.add(key);
  }
  const event: ChatEvent = { conversationId, at: when, type: 'message', role: isCustomer ? 'customer' : 'agent', ...(!isCustomer && user ? { agent: user } : {}) };
  if (isInternal) event.isInternal = true;
  const text = str(c['body_text']);
  if (ctx.options.keepText && text !== undefined) event.text = text;
  return [event];
}

function ratingEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireTicketId(r['ticket_id'], 'ticket_id');
  const score = at(r, 'ratings.default_question');
  const rating = surveyRating(typeof score === 'number' || typeof score === 'string' ? score : undefined, str(r['feedback']));
  if (rating === undefined) return [];
  return [{ conversationId, at: requireJsonTime(r['created_at'], 'created_at', ctx), type: 'rated', role: 'customer', rating }];
}

const adapter: Adapter = {
  id: 'freshdesk-api',
  vendor: 'Freshdesk (API v2 tickets with stats, conversations, satisfaction ratings)',
  formats: ['json', 'ndjson'],
  docs: 'https://developers.freshdesk.com/api/#tickets',
  detect,
  toEvents,
};

export default adapter;
