// Zammad (open source helpdesk): tickets (`GET /api/v1/tickets?expand=true`) and their articles
// (`GET /api/v1/ticket_articles/by_ticket/{id}?expand=true`, concatenated), each a top-level JSON array.
// Source: VENDORS.md §11 (Zammad); https://docs.zammad.org/en/latest/api/ticket/index.html and
// https://docs.zammad.org/en/latest/api/ticket/articles.html (article `sender` Customer/Agent/System, `type`,
// `internal`; "note … is not a communication article", so it does not count for Zammad's first response).
//
// - Ticket: `created` at `created_at`, by the customer unless `create_article_sender` is Agent (an agent-made phone
//   or outbound ticket: agent-initiated); customer = `customer` (login/e-mail with expand=true) or its id; department
//   = `group`; channel = `create_article_type`; priority; owner as agent (`-` is Zammad's "nobody"). State `closed` →
//   resolved at `close_at`; new/open/pending → still open. Zammad's own figures: `first_response_in_min` and
//   `close_in_min` (minutes, in the SLA's business hours when an SLA applies) as first_response_time and
//   resolution_time; without an SLA, `first_response_at − created_at`. Reopens, transfers and ratings are not in
//   these two files (Zammad keeps state changes in the ticket history; it has no CSAT).
// - Article roles: Customer → customer; Agent → agent, named by `created_by` (its login, as `owner` is); System
//   (trigger auto-replies) → bot. `internal: true` → internal note; an agent `note` that is not internal is still no
//   reply to the customer (as Zammad counts it), so it is kept as a note.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { isRecord, jsonTime, num, str } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const SENDERS: Record<string, Role> = { Customer: 'customer', Agent: 'agent', System: 'bot' };
const OPEN_STATES = /^(new|open|pending reminder|pending close|pending)$/i;

const isArticle = (r: Record<string, unknown>): boolean => 'ticket_id' in r && typeof r.internal === 'boolean' && ('sender' in r || 'sender_id' in r);
const isTicket = (r: Record<string, unknown>): boolean =>
  'number' in r && ('state' in r || 'state_id' in r) && ('first_response_escalation_at' in r || 'close_in_min' in r || 'article_count' in r || 'create_article_sender_id' in r);

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  const first = sample.records[0];
  if (!isRecord(first)) return { score: 0, reason: 'no JSON object records' };
  if (isArticle(first) && SENDERS[str(first.sender) ?? ''] !== undefined) return { score: 0.9, reason: 'articles with ticket_id, sender Customer/Agent/System, internal' };
  if (isArticle(first)) return { score: 0.7, reason: 'articles with ticket_id, sender_id, internal (names need expand=true)' };
  if (isTicket(first)) return { score: 0.9, reason: 'tickets with number, state, escalation fields (first_response_in_min, close_in_min)' };
  return { score: 0, reason: 'needs Zammad tickets (number + escalation fields) or articles (ticket_id + sender + internal)' };
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const r = record.value;
  if (!isRecord(r)) return [];
  if (isArticle(r)) return articleEvents(r, ctx);
  if (isTicket(r)) return ticketEvents(r, ctx);
  throw new FieldError('ticket_id', 'neither a Zammad ticket nor an article', 'BAD_FIELD');
}

function ticketEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r.id);
  if (conversationId === undefined) throw new FieldError('id', 'empty: every ticket needs its id', 'MISSING_ID');
  const createdAt = jsonTime(r.created_at, 'created_at', ctx);
  if (createdAt === undefined) throw new FieldError('created_at', 'empty: a ticket needs its creation time', 'MISSING_TIMESTAMP');
  const base = { conversationId };
  const byAgent = str(r.create_article_sender) === 'Agent';
  const created: ChatEvent = { ...base, at: createdAt, type: 'created', role: byAgent ? 'agent' : 'customer' };
  const customer = str(r.customer) ?? str(r.customer_id);
  if (customer) created.customerId = customer;
  const group = str(r.group) ?? (r.group_id === undefined ? undefined : `group ${str(r.group_id)}`);
  if (group) created.department = group;
  const channel = str(r.create_article_type);
  if (channel) created.channel = channel;
  const priority = str(r.priority);
  if (priority) created.priority = priority;
  const owner = str(r.owner);
  if (owner && owner !== '-') created.agent = owner;
  const state = str(r.state)?.toLowerCase();
  const isOpen = state !== undefined && OPEN_STATES.test(state);
  if (state && isOpen) created.vendorStatus = state;
  const events: ChatEvent[] = [created];
  // Still open: a status event keeps it open (without one the fold closes a conversation at its last message).
  if (isOpen) events.push({ ...base, at: createdAt, type: 'status', role: 'system', status: 'open' });
  const closeAt = jsonTime(r.close_at, 'close_at', ctx);
  if ((state === 'closed' || state === 'merged') && closeAt !== undefined) events.push({ ...base, at: closeAt, type: 'resolved', role: 'system' });

  const vendor = (metric: string, seconds: number, source: string): ChatEvent => ({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric, seconds, source } });
  const frMinutes = num(r.first_response_in_min);
  const firstResponseAt = jsonTime(r.first_response_at, 'first_response_at', ctx);
  if (frMinutes !== undefined) events.push(vendor('first_response_time', frMinutes * 60, 'first_response_in_min'));
  else if (firstResponseAt !== undefined) events.push(vendor('first_response_time', (firstResponseAt - createdAt) / 1000, 'first_response_at'));
  const closeMinutes = num(r.close_in_min);
  if (closeMinutes !== undefined) events.push(vendor('resolution_time', closeMinutes * 60, 'close_in_min'));
  return events;
}

function articleEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r.ticket_id)!;
  const t = jsonTime(r.created_at, 'created_at', ctx);
  if (t === undefined) throw new FieldError('created_at', 'empty: an article needs its time', 'MISSING_TIMESTAMP');
  // Without expand=true only ids: 1 Agent, 2 Customer, 3 System (Zammad's default ticket_article_senders).
  const sender = str(r.sender) ?? ({ '1': 'Agent', '2': 'Customer', '3': 'System' } as Record<string, string>)[str(r.sender_id) ?? ''];
  const role = SENDERS[sender ?? ''];
  if (role === undefined) throw new FieldError('sender', `unknown sender "${sender ?? ''}" (expected Customer, Agent or System)`, 'BAD_ROLE');
  const e: ChatEvent = { conversationId, at: t, type: 'message', role };
  if (r.internal === true || (role !== 'customer' && str(r.type) === 'note')) e.isInternal = true;
  if (role === 'agent') {
    const agent = str(r.created_by) ?? str(r.from);
    if (agent) e.agent = agent;
  }
  if (role === 'customer') {
    const customer = str(r.created_by) ?? str(r.from);
    if (customer) e.customerId = customer;
  }
  const channel = str(r.type);
  if (channel && channel !== 'note') e.channel = channel;
  if (ctx.options.keepText) {
    const body = str(r.body);
    if (body !== undefined) e.text = body;
  }
  return [e];
}

const adapter: Adapter = {
  id: 'zammad',
  vendor: 'Zammad (API tickets and articles, JSON)',
  formats: ['json', 'ndjson'],
  docs: 'https://docs.zammad.org/en/latest/api/ticket/index.html',
  detect,
  toEvents,
};

export default adapter;
