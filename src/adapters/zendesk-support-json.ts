// Zendesk Support tickets as JSON: the admin full JSON export (NDJSON, tickets with their comments) and the API
// dumps that join it by ticket id: Incremental Export / ticket lists, ticket_metrics, audits, users, comments with a
// `ticket_id` (Airbyte's ticket_comments stream) and satisfaction_ratings.
// Source: VENDORS.md §1b; https://support.zendesk.com/hc/en-us/articles/4408886165402 (JSON export),
// https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/,
// https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/,
// https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference, and the
// field lists of airbytehq/airbyte source-zendesk-support schemas (tickets, ticket_metrics, ticket_comments).
//
// Each record is one of these, told apart by its keys (all join on the ticket id):
// - ticket (`requester_id` + `via`, bare or as `{"ticket": {...}}`): `created` at created_at (customer, or the first
//   comment's author when an agent opened it: outbound), its comments, the rating and the vendor status; a ticket
//   still new/open/pending/on-hold gets that status at updated_at, so it stays open rather than ending at its last
//   comment;
// - ticket_metrics (`ticket_id` + `reply_time_in_minutes`): `assigned` at initially_assigned_at, `resolved` at
//   solved_at, and the vendor's minutes as `vendor_metric` (first_response_time, resolution_time);
// - audit (`ticket_id` + `events[]`): status changes (→ `status` events; the fold turns solved into resolved and a
//   later open/pending into a reopen), assignee changes (`assigned` first, `transferred` later), group changes
//   (`transferred`), comments, satisfaction ratings;
// - user (`role` end-user/agent/admin, no ticket keys): kept in a side table, no events. A users file listed
//   before the tickets names the agents and settles the role of every author;
// - comment with `ticket_id`, and satisfaction_rating (`ticket_id` + `score`).
//
// Roles of a comment author: `author_id == requester_id` → customer; else the users table (end-user → customer,
// agent/admin → agent); `author_id` -1 → system; a comment made by a trigger or automation (`via.channel` "rule") →
// bot; an author neither the requester nor in the users table → agent (warned: a CC'd end user would count as an
// agent). `public: false` comments are internal notes. A comment seen twice (ticket and audit) is emitted once.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, csatRating, isRecord, jsonTime, num, records, str } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** JSON paths this adapter reads, by kind of record (a map for `inspect`; toEvents reads them below). */
export const FIELDS = {
  ticket: { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at', requester: 'requester_id', status: 'status', channel: 'via.channel', group: 'group_id', priority: 'priority', tags: 'tags', rating: 'satisfaction_rating.score', comments: 'comments' },
  comment: { id: 'id', author: 'author_id', public: 'public', body: 'plain_body|body', createdAt: 'created_at', channel: 'via.channel' },
  metrics: { ticket: 'ticket_id', firstReplyMinutes: 'reply_time_in_minutes.calendar', fullResolutionMinutes: 'full_resolution_time_in_minutes.calendar', solvedAt: 'solved_at', initiallyAssignedAt: 'initially_assigned_at' },
  audit: { ticket: 'ticket_id', createdAt: 'created_at', author: 'author_id', channel: 'via.channel', events: 'events' },
  user: { id: 'id', name: 'name', role: 'role', email: 'email' },
} as const;

type Kind = 'ticket' | 'metrics' | 'audit' | 'user' | 'comment' | 'rating';

/** What one JSON item is, from its keys; undefined when it is none of the Zendesk Support records. */
export function kindOf(value: unknown): Kind | undefined {
  if (!isRecord(value)) return undefined;
  if (isRecord(value['ticket'])) return kindOf(value['ticket']) === 'ticket' ? 'ticket' : undefined;
  if ('requester_id' in value && isRecord(value['via']) && 'created_at' in value && !('ticket_id' in value)) return 'ticket';
  if ('ticket_id' in value && isRecord(value['reply_time_in_minutes'])) return 'metrics';
  if ('ticket_id' in value && Array.isArray(value['events']) && 'author_id' in value) return 'audit';
  if ('ticket_id' in value && 'author_id' in value && 'public' in value) return 'comment';
  if ('ticket_id' in value && 'score' in value && 'requester_id' in value) return 'rating';
  if (typeof value['role'] === 'string' && USER_ROLES.has(value['role']) && 'id' in value && !('ticket_id' in value)) return 'user';
  return undefined;
}

const USER_ROLES = new Set(['end-user', 'agent', 'admin']);

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  const first = sample.records[0];
  const kind = kindOf(first);
  if (kind === undefined) return { score: 0, reason: 'needs tickets (requester_id + via), ticket_metrics, audits or users' };
  const ticket = isRecord(first) && isRecord(first['ticket']) ? first['ticket'] : first;
  switch (kind) {
    case 'ticket':
      return isRecord(at(ticket, 'via')) && str(at(ticket, 'via.channel')) !== undefined
        ? { score: 0.9, reason: 'tickets with requester_id + via.channel (Zendesk Support)' }
        : { score: 0.7, reason: 'tickets with requester_id + via (Zendesk Support)' };
    case 'metrics':
      return { score: 0.95, reason: 'ticket_metrics with reply_time_in_minutes (Zendesk Support)' };
    case 'audit':
      return { score: 0.9, reason: 'ticket audits with events[] (Zendesk Support)' };
    case 'user':
      // A users list alone is only Zendesk's when its wrapper or roles say so.
      return sample.wrapperKey === 'users' ? { score: 0.8, reason: 'users with role end-user/agent/admin (Zendesk Support side table)' } : { score: 0.6, reason: 'records with role end-user/agent/admin' };
    case 'comment':
      return { score: 0.75, reason: 'ticket comments with ticket_id + author_id + public (Zendesk Support)' };
    case 'rating':
      return { score: 0.7, reason: 'satisfaction ratings with ticket_id + score (Zendesk Support)' };
  }
}

interface User {
  name?: string;
  role: string;
  email?: string;
}

interface RunState {
  users: Map<string, User>;
  /** Comment ids already emitted (a comment is both in its ticket and in an audit). */
  comments: Set<string>;
  /** Tickets seen: requester, so audits and comments read later can tell the customer. */
  requesters: Map<string, string>;
  /** Assignee per ticket, from audits: the first is an assignment, later ones are transfers. */
  assignees: Map<string, string>;
}

const STATE_KEY = 'zendesk-support.state';

function runState(ctx: AdapterContext): RunState {
  let s = ctx.state.get(STATE_KEY) as RunState | undefined;
  if (s === undefined) {
    s = { users: new Map(), comments: new Set(), requesters: new Map(), assignees: new Map() };
    ctx.state.set(STATE_KEY, s);
  }
  return s;
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const value = record.value;
  switch (kindOf(value)) {
    case 'ticket':
      return ticketEvents(isRecord(value) && isRecord(value['ticket']) ? value['ticket'] : (value as Record<string, unknown>), ctx);
    case 'metrics':
      return metricEvents(value as Record<string, unknown>, ctx);
    case 'audit':
      return auditEvents(value as Record<string, unknown>, ctx);
    case 'comment': {
      const v = value as Record<string, unknown>;
      const ticketId = requireId(v['ticket_id'], 'ticket_id');
      const e = commentEvent(v, ticketId, runState(ctx).requesters.get(ticketId), undefined, ctx);
      return e ? [e] : [];
    }
    case 'rating':
      return ratingEvents(value as Record<string, unknown>, ctx);
    case 'user':
      rememberUser(value as Record<string, unknown>, ctx);
      return [];
    default:
      throw new FieldError('record', 'not a Zendesk ticket, ticket_metrics, audit, comment, rating or user', 'BAD_RECORD');
  }
}

function requireId(value: unknown, field: string): string {
  const id = str(value);
  if (id === undefined) throw new FieldError(field, 'empty: every record needs its ticket id', 'MISSING_ID');
  return id;
}

function requireJsonTime(value: unknown, field: string, ctx: AdapterContext): number {
  const t = jsonTime(value, field, ctx);
  if (t === undefined) throw new FieldError(field, 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  return t;
}

function rememberUser(user: Record<string, unknown>, ctx: AdapterContext): void {
  const id = str(user['id']);
  const role = str(user['role']);
  if (id === undefined || role === undefined) return;
  const name = str(user['name']);
  const email = str(user['email']);
  runState(ctx).users.set(id, { role, ...(name ? { name } : {}), ...(email ? { email } : {}) });
}

/** An agent's display name from the users table, else its id. */
function agentName(id: string, ctx: AdapterContext): string {
  return runState(ctx).users.get(id)?.name ?? id;
}

/** Who wrote a comment (see the header): requester, users table, system, trigger, else agent. */
function authorRole(authorId: string | undefined, requesterId: string | undefined, channel: string | undefined, ctx: AdapterContext): Role {
  if (channel === 'rule') return 'bot';
  if (authorId === undefined || authorId === '-1') return 'system';
  if (authorId === requesterId) return 'customer';
  const user = runState(ctx).users.get(authorId);
  if (user !== undefined) return user.role === 'end-user' ? 'customer' : isNamedBot(user.name, ctx) ? 'bot' : 'agent';
  if (requesterId === undefined) {
    ctx.warn('comments of a ticket not seen yet: author roles unknown, read as agents (list the tickets file first)');
  } else {
    ctx.warn('comment authors not in a users list read as agents when they are not the requester (add a users.json first)');
  }
  return 'agent';
}

function isNamedBot(name: string | undefined, ctx: AdapterContext): boolean {
  return name !== undefined && ctx.options.botNames.has(name);
}

function commentEvent(c: Record<string, unknown>, ticketId: string, requesterId: string | undefined, auditChannel: string | undefined, ctx: AdapterContext): ChatEvent | undefined {
  const s = runState(ctx);
  const id = str(c['id']);
  if (id !== undefined) {
    if (s.comments.has(id)) return undefined;
    s.comments.add(id);
  }
  const authorId = str(c['author_id']);
  const channel = str(at(c, 'via.channel')) ?? auditChannel;
  const role = authorRole(authorId, requesterId, channel, ctx);
  const event: ChatEvent = { conversationId: ticketId, at: requireJsonTime(c['created_at'], 'comments.created_at', ctx), type: 'message', role };
  if (c['public'] === false) event.isInternal = true;
  if (role === 'agent' && authorId !== undefined) event.agent = agentName(authorId, ctx);
  if (ctx.options.keepText) {
    const text = str(c['plain_body']) ?? str(c['body']);
    if (text !== undefined) event.text = text;
  }
  return event;
}

function ticketEvents(t: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireId(t['id'], 'id');
  const requesterId = str(t['requester_id']);
  const s = runState(ctx);
  if (requesterId !== undefined) s.requesters.set(conversationId, requesterId);
  const createdAt = requireJsonTime(t['created_at'], 'created_at', ctx);
  const channel = str(at(t, 'via.channel'));
  const department = str(t['group_id']);
  const priority = str(t['priority']);
  const tags = Array.isArray(t['tags']) ? t['tags'].filter((x): x is string => typeof x === 'string') : [];
  const customerId = (requesterId !== undefined ? s.users.get(requesterId)?.email : undefined) ?? requesterId;
  const vendorStatus = str(t['status']);

  const comments = records(t['comments'])
    .map((c) => commentEvent(c, conversationId, requesterId, undefined, ctx))
    .filter((e): e is ChatEvent => e !== undefined)
    .sort((a, b) => a.at - b.at);
  // An agent who opened the ticket with the first comment reached out: outbound, not a customer request.
  const opener = comments[0];
  const createdRole: Role = opener !== undefined && opener.at <= createdAt + 1000 && opener.role !== 'customer' && !opener.isInternal ? opener.role : 'customer';
  const created: ChatEvent = {
    conversationId, at: createdAt, type: 'created', role: createdRole,
    ...(channel ? { channel } : {}), ...(department ? { department } : {}), ...(priority ? { priority } : {}),
    ...(customerId ? { customerId } : {}), ...(tags.length ? { tags } : {}), ...(vendorStatus ? { vendorStatus } : {}),
  };
  const events: ChatEvent[] = [created, ...comments];
  // The ticket is still being worked as of its last update: say so, or our rules would end it at its last comment.
  if (vendorStatus !== undefined && OPEN_STATUSES.has(vendorStatus)) {
    events.push({ conversationId, at: jsonTime(t['updated_at'], 'updated_at', ctx) ?? createdAt, type: 'status', role: 'system', status: vendorStatus });
  }
  const rating = ticketRating(t['satisfaction_rating']);
  if (rating !== undefined) {
    const ratedAt = jsonTime(at(t, 'satisfaction_rating.updated_at') ?? t['updated_at'], 'updated_at', ctx) ?? createdAt;
    events.push({ conversationId, at: ratedAt, type: 'rated', role: 'customer', rating });
  }
  // A metric set side-loaded into the ticket (`include=metric_sets` on single tickets) carries the same figures.
  if (isRecord(t['metric_set'])) events.push(...metricEvents({ ...t['metric_set'], ticket_id: conversationId }, ctx));
  return events;
}

const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);

function ticketRating(value: unknown): ReturnType<typeof csatRating> {
  if (!isRecord(value)) return undefined;
  const score = str(value['score']);
  return score === undefined ? undefined : csatRating(score, str(value['comment']));
}

function metricEvents(m: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireId(m['ticket_id'], 'ticket_id');
  const events: ChatEvent[] = [];
  const assignedAt = jsonTime(m['initially_assigned_at'], 'initially_assigned_at', ctx);
  if (assignedAt !== undefined) events.push({ conversationId, at: assignedAt, type: 'assigned', role: 'system' });
  const solvedAt = jsonTime(m['solved_at'], 'solved_at', ctx);
  if (solvedAt !== undefined) events.push({ conversationId, at: solvedAt, type: 'resolved', role: 'system' });
  // The vendor's figures sit at the earliest time we know so they never move the conversation's bounds.
  const anchor = jsonTime(m['created_at'], 'created_at', ctx) ?? assignedAt ?? solvedAt;
  if (anchor === undefined) return events;
  const minutes: [string, string][] = [
    ['reply_time_in_minutes', 'first_response_time'],
    ['full_resolution_time_in_minutes', 'resolution_time'],
  ];
  for (const [field, metric] of minutes) {
    const value = at(m, `${field}.calendar`);
    if (value === null || value === undefined) continue;
    const n = num(value);
    if (n === undefined || n < 0) throw new FieldError(`${field}.calendar`, `not a number of minutes: ${JSON.stringify(value)}`, 'BAD_NUMBER');
    events.push({ conversationId, at: anchor, type: 'vendor_metric', role: 'system', vendorMetric: { metric, seconds: n * 60, source: `${field}.calendar` } });
  }
  return events;
}

function auditEvents(a: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireId(a['ticket_id'], 'ticket_id');
  const time = requireJsonTime(a['created_at'], 'created_at', ctx);
  const auditChannel = str(at(a, 'via.channel'));
  const s = runState(ctx);
  const requesterId = s.requesters.get(conversationId);
  const actorRole: Role = auditChannel === 'rule' ? 'bot' : 'system';
  const events: ChatEvent[] = [];
  let newAssignee: string | undefined;
  let newGroup: string | undefined;
  for (const ev of records(a['events'])) {
    const type = str(ev['type']);
    const field = str(ev['field_name']);
    if (type === 'Comment') {
      const e = commentEvent({ ...ev, created_at: ev['created_at'] ?? a['created_at'] }, conversationId, requesterId, auditChannel, ctx);
      if (e) events.push(e);
    } else if (type === 'SatisfactionRating') {
      const rating = csatRating(str(ev['score']), str(ev['body']) ?? str(ev['comment']));
      if (rating) events.push({ conversationId, at: time, type: 'rated', role: 'customer', rating });
    } else if ((type === 'Change' || type === 'Create') && field === 'status') {
      const status = str(ev['value']);
      const previous = str(ev['previous_value']);
      // Closing a solved ticket is Zendesk's automation ~4 days later, not a second resolution.
      if (status === undefined || (status === 'closed' && previous === 'solved')) continue;
      events.push({ conversationId, at: time, type: 'status', role: actorRole, status });
    } else if ((type === 'Change' || type === 'Create') && field === 'assignee_id') {
      newAssignee = str(ev['value']) ?? newAssignee;
    } else if (type === 'Change' && field === 'group_id' && str(ev['previous_value']) !== undefined) {
      newGroup = str(ev['value']) ?? newGroup;
    }
  }
  // One audit that moves a ticket to another assignee and group is one transfer, not two.
  if (newAssignee !== undefined) {
    const name = agentName(newAssignee, ctx);
    const group = newGroup !== undefined ? { department: newGroup } : {};
    if (s.assignees.has(conversationId)) {
      if (s.assignees.get(conversationId) !== newAssignee) {
        events.push({ conversationId, at: time, type: 'transferred', role: actorRole, transferTo: name, agent: name, ...group });
      }
    } else {
      events.push({ conversationId, at: time, type: 'assigned', role: 'system', agent: name, ...group });
    }
    s.assignees.set(conversationId, newAssignee);
  } else if (newGroup !== undefined) {
    // No transferTo: the fold counts a transfer target among the agents, and a group is not one.
    events.push({ conversationId, at: time, type: 'transferred', role: actorRole, department: newGroup });
  }
  return events;
}

function ratingEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireId(r['ticket_id'], 'ticket_id');
  const rating = csatRating(str(r['score']), str(r['comment']));
  if (rating === undefined) return [];
  const ratedAt = jsonTime(r['updated_at'] ?? r['created_at'], 'created_at', ctx);
  if (ratedAt === undefined) throw new FieldError('created_at', 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  return [{ conversationId, at: ratedAt, type: 'rated', role: 'customer', rating }];
}

const adapter: Adapter = {
  id: 'zendesk-support-json',
  vendor: 'Zendesk Support (JSON export, Incremental Export API, ticket metrics, audits)',
  formats: ['json', 'ndjson'],
  docs: 'https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/',
  detect,
  toEvents,
};

export default adapter;
