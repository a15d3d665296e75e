// Chatwoot (open source): the REST API's conversation list and message pages, saved as JSON.
// Source: VENDORS.md §8 and the application source (chatwoot/chatwoot): the list page
// `app/views/api/v1/accounts/conversations/index.json.jbuilder` → {"data":{"meta":{…},"payload":[conversation…]}}
// with `app/views/api/v1/conversations/partials/_conversation.json.jbuilder` (id = display id, created_at and
// first_reply_created_at in Unix seconds, 0 when unset; meta.sender, meta.assignee, meta.team, meta.channel); the
// message page `…/conversations/messages/index.json.jbuilder` → {"meta":{…},"payload":[message…]} with
// `messages/partials/_message.json.jbuilder` (message_type 0 incoming, 1 outgoing, 2 activity, 3 template,
// per `enum message_type` in app/models/message.rb; `private` = internal note; `sender.type` user | contact |
// agent_bot); activity texts from config/locales/en.yml `conversations.activity.*`;
// https://developers.chatwoot.com/api-reference.
//
// Both files are read by this adapter (each record says which it is) and join by the conversation's display id.
// - Conversation: `created` (customer, the request) with the contact (email, phone or id) as customer id, team as
//   department, inbox channel (`Channel::WebWidget` → WebWidget), priority, labels as tags, the assignee's name, and
//   Chatwoot's `first_reply_created_at − created_at` as its own first_response_time. Its `status` is a lifecycle
//   state, not a verdict on being answered: open/pending/snoozed say the conversation is still open; `resolved` is
//   left to our rules (an auto-resolved conversation nobody answered is missed, not resolved).
// - Message roles: incoming → customer; outgoing by a `user` → agent (private → internal note), by an agent bot or
//   Captain assistant, or with no sender (automation) → bot; template (greetings) → bot, except the CSAT form, whose
//   submitted rating (1-5) becomes `rated`; activity → system events, read from the English activity texts:
//   "marked resolved" → resolved, "reopened"/"marked open" → reopened, "pending"/"snoozed" → status,
//   "Assigned to X by" → assigned, and a later assignment to another agent → transferred. Activity texts of other
//   locales are not recognized (they are counted in a warning).
// - CSAT responses (`GET /api/v1/accounts/{id}/csat_survey_responses`, app/views/api/v1/models/_csat_survey_response
//   .json.jbuilder: rating 1-5, feedback_message, conversation_id = display id, created_at) → `rated`, for accounts
//   whose message pages lack the CSAT form.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, isRecord, jsonTime, num, str } from './common.js';
import { detectPaged, pagedEvents } from './pages.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const MESSAGE_TYPES: Record<string, number> = { incoming: 0, outgoing: 1, activity: 2, template: 3 };
const CONVERSATION_STATUSES = new Set(['open', 'resolved', 'pending', 'snoozed']);

function messageType(value: unknown): number | undefined {
  if (typeof value === 'number' && value >= 0 && value <= 3) return value;
  if (typeof value === 'string') return MESSAGE_TYPES[value] ?? (/^[0-3]$/.test(value) ? Number(value) : undefined);
  return undefined;
}

const isMessage = (r: Record<string, unknown>): boolean =>
  messageType(r.message_type) !== undefined && 'conversation_id' in r && 'created_at' in r && ('private' in r || 'content_type' in r);

const isCsatResponse = (r: Record<string, unknown>): boolean => 'feedback_message' in r && 'rating' in r && 'conversation_id' in r;

const isConversation = (r: Record<string, unknown>): boolean =>
  /^Channel::/.test(str(at(r, 'meta.channel')) ?? '') ||
  ('inbox_id' in r && CONVERSATION_STATUSES.has(String(r.status)) && ('first_reply_created_at' in r || 'waiting_since' in r));

/** Where the items sit when a whole API page reaches the adapter as one record. */
const PAGES = ['data.payload', 'payload'];

function detect(sample: Sample): Detection {
  return detectPaged(sample, PAGES, (first) => {
    if (isConversation(first)) return { score: 0.95, reason: 'conversations with meta.channel Channel::… and Chatwoot statuses' };
    if (isMessage(first)) return { score: 0.9, reason: 'messages with message_type 0..3, private, conversation_id' };
    if (isCsatResponse(first)) return { score: 0.9, reason: 'CSAT survey responses with rating, feedback_message, conversation_id' };
    return { score: 0, reason: 'needs Chatwoot conversations (meta.channel) or messages (message_type + private)' };
  });
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  return pagedEvents(record, PAGES, (r) => {
    if (isMessage(r)) return messageEvents(r, ctx);
    if (isConversation(r)) return conversationEvents(r, ctx);
    if (isCsatResponse(r)) return csatEvents(r, ctx);
    throw new FieldError('message_type', 'neither a Chatwoot conversation nor a message', 'BAD_FIELD');
  });
}

function conversationId(value: unknown, field: string): string {
  const id = str(value);
  if (id === undefined) throw new FieldError(field, 'empty: every record needs its conversation id', 'MISSING_ID');
  return id;
}

/** Chatwoot writes 0 for an unset time (`first_reply_created_at.to_i` of nil). */
function chatwootTime(value: unknown, field: string, ctx: AdapterContext): number | undefined {
  if (value === 0 || value === '0') return undefined;
  return jsonTime(value, field, ctx);
}

function csatEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const id = conversationId(r.conversation_id, 'conversation_id');
  const t = chatwootTime(r.created_at, 'created_at', ctx);
  if (t === undefined) throw new FieldError('created_at', 'empty: a survey response needs its time', 'MISSING_TIMESTAMP');
  const score = num(r.rating);
  if (score === undefined || score < 1 || score > 5) throw new FieldError('rating', `not a 1-5 rating: ${JSON.stringify(r.rating)}`, 'BAD_RATING');
  const comment = str(r.feedback_message);
  return [{ conversationId: id, at: t, type: 'rated', role: 'customer', rating: { survey: 'csat', score, scaleMin: 1, scaleMax: 5, ...(comment ? { comment } : {}) } }];
}

function contactId(contact: unknown): string | undefined {
  return str(at(contact, 'email')) ?? str(at(contact, 'phone_number')) ?? (str(at(contact, 'id')) === undefined ? undefined : `contact:${str(at(contact, 'id'))}`);
}

function conversationEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const id = conversationId(r.id, 'id');
  const createdAt = chatwootTime(r.created_at, 'created_at', ctx);
  if (createdAt === undefined) throw new FieldError('created_at', 'empty: a conversation needs its creation time', 'MISSING_TIMESTAMP');
  const created: ChatEvent = { conversationId: id, at: createdAt, type: 'created', role: 'customer' };
  const customerId = contactId(at(r, 'meta.sender'));
  if (customerId) created.customerId = customerId;
  const team = str(at(r, 'meta.team.name'));
  if (team) created.department = team;
  const channel = str(at(r, 'meta.channel'));
  if (channel) created.channel = channel.replace(/^Channel::/, '');
  const priority = str(r.priority);
  if (priority) created.priority = priority;
  const labels = Array.isArray(r.labels) ? r.labels.map(str).filter((x): x is string => x !== undefined) : [];
  if (labels.length > 0) created.tags = labels;
  const assignee = str(at(r, 'meta.assignee.available_name')) ?? str(at(r, 'meta.assignee.name'));
  if (assignee) created.agent = assignee;
  const status = str(r.status)?.toLowerCase();
  if (status && status !== 'resolved') created.vendorStatus = status;
  const events: ChatEvent[] = [created];
  // Still open (pending and snoozed are open too): a status event at creation keeps it open; `open` is no pause, so
  // paused-time metrics are not touched (the pending time itself comes from the message pages' activities).
  if (created.vendorStatus !== undefined) events.push({ conversationId: id, at: createdAt, type: 'status', role: 'system', status: 'open' });
  const firstReplyAt = chatwootTime(r.first_reply_created_at, 'first_reply_created_at', ctx);
  if (firstReplyAt !== undefined && firstReplyAt >= createdAt) {
    events.push({
      conversationId: id, at: createdAt, type: 'vendor_metric', role: 'system',
      vendorMetric: { metric: 'first_response_time', seconds: (firstReplyAt - createdAt) / 1000, source: 'first_reply_created_at' },
    });
  }
  return events;
}

function senderType(r: Record<string, unknown>): string {
  return (str(r.sender_type) ?? str(at(r, 'sender.type')) ?? '').toLowerCase().replace(/::/g, '_');
}

function outgoingRole(r: Record<string, unknown>): Role {
  const t = senderType(r);
  if (t === 'user') return 'agent';
  // agent_bot, captain_assistant, or no sender at all (an automation rule or a campaign).
  return 'bot';
}

/** Per-conversation memory of the last assignee, to tell a transfer from the first assignment. */
function lastAssignees(ctx: AdapterContext): Map<string, string> {
  let m = ctx.state.get('chatwoot.assignees') as Map<string, string> | undefined;
  if (m === undefined) {
    m = new Map();
    ctx.state.set('chatwoot.assignees', m);
  }
  return m;
}

function messageEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const id = conversationId(r.conversation_id, 'conversation_id');
  const t = chatwootTime(r.created_at, 'created_at', ctx);
  if (t === undefined) throw new FieldError('created_at', 'empty: a message needs its time', 'MISSING_TIMESTAMP');
  const type = messageType(r.message_type)!;
  const content = str(r.content) ?? '';
  const base = { conversationId: id, at: t };
  const withText = (e: ChatEvent): ChatEvent => (ctx.options.keepText && content !== '' ? { ...e, text: content } : e);

  if (type === 0) {
    const e: ChatEvent = { ...base, type: 'message', role: 'customer' };
    const customerId = contactId(r.sender);
    if (customerId) e.customerId = customerId;
    return [withText(e)];
  }
  if (type === 1) {
    const role = outgoingRole(r);
    const e: ChatEvent = { ...base, type: 'message', role };
    const name = str(at(r, 'sender.available_name')) ?? str(at(r, 'sender.name'));
    if (role === 'agent' && name) e.agent = name;
    if (r.private === true) e.isInternal = true;
    return [withText(e)];
  }
  if (type === 3) {
    if (str(r.content_type) === 'input_csat') {
      const score = num(at(r, 'content_attributes.submitted_values.csat_survey_response.rating'));
      if (score === undefined) return [];
      const comment = str(at(r, 'content_attributes.submitted_values.csat_survey_response.feedback_message'));
      return [{ ...base, type: 'rated', role: 'customer', rating: { survey: 'csat', score, scaleMin: 1, scaleMax: 5, ...(comment ? { comment } : {}) } }];
    }
    return [withText({ ...base, type: 'message', role: 'bot' })];
  }
  return activityEvents(id, t, content, ctx);
}

function activityEvents(conversationId: string, t: number, text: string, ctx: AdapterContext): ChatEvent[] {
  const base = { conversationId, at: t, role: 'system' as const };
  if (/^Conversation was (marked resolved|resolved) by /.test(text)) return [{ ...base, type: 'resolved' }];
  if (/^Conversation was (reopened|marked open) by |^System reopened the conversation|^Conversation was marked open /.test(text)) return [{ ...base, type: 'reopened' }];
  if (/^Conversation was marked as pending by /.test(text)) return [{ ...base, type: 'status', status: 'pending' }];
  if (/^Conversation was snoozed by /.test(text)) return [{ ...base, type: 'status', status: 'snoozed' }];
  const assigned = /^Assigned to (.+?)(?: via .+?)? by .+$/.exec(text) ?? /^(.+) self-assigned this conversation$/.exec(text);
  if (assigned) {
    const agent = assigned[1]!;
    const assignees = lastAssignees(ctx);
    const previous = assignees.get(conversationId);
    assignees.set(conversationId, agent);
    if (previous !== undefined && previous !== agent) return [{ ...base, type: 'transferred', agent, transferTo: agent }];
    return [{ ...base, type: 'assigned', agent }];
  }
  if (/^(Conversation unassigned|Unassigned from) |added |removed |priority|muted|SLA|Linear/.test(text)) return [];
  ctx.warn('Chatwoot activity messages not recognized (only the English texts are read): kept out of the events');
  return [];
}

const adapter: Adapter = {
  id: 'chatwoot',
  vendor: 'Chatwoot (API conversation list and message pages, JSON)',
  formats: ['json', 'ndjson'],
  docs: 'https://developers.chatwoot.com/api-reference/conversations/conversations-list',
  detect,
  toEvents,
};

export default adapter;
