// Intercom conversations from the REST API: `GET /conversations/{id}` objects (with `conversation_parts`), as saved
// one per item of a `conversation.list` page (`{"type":"conversation.list","conversations":[...],"pages"}`) or a bare
// array. Source: VENDORS.md §4; https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/
// and the conversations / conversation_parts schemas of airbytehq/airbyte source-intercom.
//
// Roles from `author.type`: user, lead, contact → customer; admin → agent (named by `author.name`, else by a name the
// same admin id carries elsewhere in the conversation, else the id; a bot-like name or --bot-names makes it a bot);
// bot → bot (Fin, Operator, custom bots); team → system.
//
// Events:
// - the opening message lives in `source`, not in the parts: `created` + a message at `created_at` by the source
//   author; `delivered_as` admin_initiated or automated is outreach (created by an agent or bot);
// - parts: `comment`/`quick_reply` → messages; `note` → internal note; assignments (`assignment`,
//   `assign_and_unsnooze`, `away_mode_assignment`, `default_assignment`) to an admin → assigned (first admin) /
//   transferred (a different admin later); to a team → department, a transfer when the team changes; `close` →
//   resolved; `open` after a close → reopened; `snoozed`/`unsnoozed` → status snoozed/open; unknown parts are ignored;
// - `conversation_rating` → CSAT 1-5 with its remark; `state` (open/closed/snoozed) → vendor status, and an open
//   conversation gets status open at `updated_at` (a snooze is already a part);
// - `statistics` → vendor figures: time_to_admin_reply (first_response_time), time_to_assignment (queue_time),
//   time_to_last_close (resolution_time), all seconds.
// A conversation saved from the list or search endpoint has no parts: its milestones then come from `statistics`
// (first_admin_reply_at → a human reply, first_assignment_at → assigned, last_close_at → resolved), with a warning.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, csatRating, isBotName, isRecord, jsonTime, num, records, roleFromWord, str, stripHtml } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** JSON paths read from each conversation and part (for `inspect`; toEvents reads them below). */
export const FIELDS = {
  conversation: { id: 'id', createdAt: 'created_at', state: 'state', source: 'source', authorType: 'source.author.type', deliveredAs: 'source.delivered_as', team: 'team_assignee_id', tags: 'tags.tags[].name', priority: 'priority', rating: 'conversation_rating.rating', statistics: 'statistics', parts: 'conversation_parts.conversation_parts' },
  part: { type: 'part_type', at: 'created_at', authorType: 'author.type', authorId: 'author.id', authorName: 'author.name', body: 'body', assignedTo: 'assigned_to' },
} as const;

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  const first = sample.records[0];
  if (!isRecord(first) || first['type'] !== 'conversation') return { score: 0, reason: 'needs objects of type "conversation" with conversation_parts or statistics' };
  const hasParts = isRecord(at(first, 'conversation_parts')) && Array.isArray(at(first, 'conversation_parts.conversation_parts'));
  const hasStatistics = isRecord(first['statistics']);
  if (hasParts && (hasStatistics || isRecord(first['source']))) return { score: 0.95, reason: 'type "conversation" with conversation_parts.conversation_parts (Intercom)' };
  if (hasStatistics && isRecord(first['source'])) return { score: 0.85, reason: 'type "conversation" with source and statistics, no parts (Intercom list)' };
  return { score: 0, reason: 'needs objects of type "conversation" with conversation_parts or statistics' };
}

const ASSIGNMENTS = new Set(['assignment', 'assign_and_unsnooze', 'away_mode_assignment', 'default_assignment', 'assign_and_reopen']);

/** `user`/`lead`/`contact` → customer, `admin` → agent, `bot` → bot, `team` → system. */
export function roleOfAuthor(type: string | undefined): Role {
  if (type === 'admin') return 'agent';
  if (type === 'bot') return 'bot';
  if (type === 'team') return 'system';
  return roleFromWord(type) ?? 'system';
}

/** HTML body → text (tags dropped, the common entities decoded). */
export function htmlToText(html: string): string {
  return stripHtml(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '\n')).trim();
}

function requireJsonTime(value: unknown, field: string, ctx: AdapterContext): number {
  const t = jsonTime(value, field, ctx);
  if (t === undefined) throw new FieldError(field, 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  return t;
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const conv = record.value;
  if (!isRecord(conv)) throw new FieldError('conversation', 'not a conversation object', 'BAD_RECORD');
  const conversationId = str(conv['id']);
  if (conversationId === undefined) throw new FieldError('id', 'empty: every conversation needs its id', 'MISSING_ID');
  const createdAt = requireJsonTime(conv['created_at'], 'created_at', ctx);
  const parts = records(at(conv, 'conversation_parts.conversation_parts'));
  const names = adminNames(conv, parts);
  const agentOf = (id: string | undefined, name?: string): string | undefined => name ?? (id !== undefined ? names.get(id) ?? id : undefined);
  const roleOf = (author: unknown): Role => {
    const role = roleOfAuthor(str(at(author, 'type')));
    if (role !== 'agent') return role;
    const name = agentOf(str(at(author, 'id')), str(at(author, 'name')));
    return isBotName(name, ctx) ? 'bot' : 'agent';
  };

  const sourceType = str(at(conv, 'source.type'));
  const channel = sourceType === 'conversation' ? 'messenger' : sourceType;
  const team = str(conv['team_assignee_id']);
  const tags = records(at(conv, 'tags.tags')).map((t) => str(t['name'])).filter((t): t is string => t !== undefined);
  const priority = conv['priority'] === 'priority' ? 'priority' : undefined;
  const customerId = str(at(conv, 'source.author.email')) ?? str(at(records(at(conv, 'contacts.contacts'))[0], 'id'));
  const vendorStatus = str(conv['state']);
  const base = { conversationId, ...(channel ? { channel } : {}) };
  const text = (body: unknown): { text?: string } => {
    const b = str(body);
    return ctx.options.keepText && b !== undefined ? { text: htmlToText(b) } : {};
  };
  // Messages are most of an export's events: built field by field, not by spreading (which was a fifth of the
  // time of a large export).
  const message = (when: number, role: Role, agent: string | undefined, body: unknown, isInternal = false): ChatEvent => {
    const e: ChatEvent = { conversationId, at: when, type: 'message', role };
    if (channel) e.channel = channel;
    if (isInternal) e.isInternal = true;
    if (agent !== undefined) e.agent = agent;
    if (ctx.options.keepText) {
      const b = str(body);
      if (b !== undefined) e.text = htmlToText(b);
    }
    return e;
  };

  // The opening message: who wrote it and how it was delivered decide whether the customer asked.
  const sourceAuthor = at(conv, 'source.author');
  const deliveredAs = str(at(conv, 'source.delivered_as'));
  // An automated delivery (a series or outbound message sent on an admin's behalf) is no human writing.
  const openerRole: Role = deliveredAs === 'automated' ? 'bot' : isRecord(sourceAuthor) ? roleOf(sourceAuthor) : 'customer';
  const createdRole: Role = deliveredAs === 'admin_initiated' ? 'agent' : deliveredAs === 'automated' ? 'bot' : openerRole;
  const events: ChatEvent[] = [
    {
      ...base, at: createdAt, type: 'created', role: createdRole,
      ...(team ? { department: team } : {}), ...(priority ? { priority } : {}), ...(customerId ? { customerId } : {}),
      ...(tags.length ? { tags } : {}), ...(vendorStatus ? { vendorStatus } : {}),
    },
  ];
  if (isRecord(at(conv, 'source')) && (str(at(conv, 'source.body')) !== undefined || isRecord(sourceAuthor))) {
    const agent = openerRole === 'agent' ? agentOf(str(at(sourceAuthor, 'id')), str(at(sourceAuthor, 'name'))) : undefined;
    events.push(message(createdAt, openerRole, agent, at(conv, 'source.body')));
  }

  if (parts.length === 0 && isRecord(conv['statistics'])) {
    events.push(...fromStatistics(conv, base, ctx));
  }

  let assignedAdmin: string | undefined;
  let assignedTeam: string | undefined;
  let isClosed = false;
  for (const part of parts) {
    const type = str(part['part_type']) ?? '';
    const partAt = requireJsonTime(part['created_at'], 'conversation_parts.created_at', ctx);
    const role = roleOf(part['author']);
    const author = role === 'agent' ? agentOf(str(at(part, 'author.id')), str(at(part, 'author.name'))) : undefined;
    if (type === 'comment' || type === 'quick_reply') {
      events.push(message(partAt, role, author, part['body']));
    } else if (type === 'note') {
      events.push(message(partAt, role === 'customer' ? 'agent' : role, author, part['body'], true));
    } else if (ASSIGNMENTS.has(type)) {
      const toType = str(at(part, 'assigned_to.type'));
      const toId = str(at(part, 'assigned_to.id'));
      if (toType === 'admin' && toId !== undefined) {
        const name = agentOf(toId)!;
        if (assignedAdmin === undefined) events.push({ ...base, at: partAt, type: 'assigned', role: 'system', agent: name });
        else if (assignedAdmin !== toId) events.push({ ...base, at: partAt, type: 'transferred', role: 'system', agent: name, transferTo: name });
        assignedAdmin = toId;
      } else if (toType === 'team' && toId !== undefined) {
        // A team is a department: the first is routing, a different one later is a transfer (no transferTo: not an agent).
        if (assignedTeam !== undefined && assignedTeam !== toId) events.push({ ...base, at: partAt, type: 'transferred', role: 'system', department: toId });
        assignedTeam = toId;
      }
      // An assignment may carry a reply typed with it.
      if (str(part['body']) !== undefined) events.push(message(partAt, role, author, part['body']));
    } else if (type === 'close') {
      events.push({ ...base, at: partAt, type: 'resolved', role: role === 'customer' ? 'system' : role, ...(author ? { agent: author } : {}) });
      isClosed = true;
      if (str(part['body']) !== undefined) events.push(message(partAt, role, author, part['body']));
    } else if (type === 'open') {
      if (isClosed) events.push({ ...base, at: partAt, type: 'reopened', role: role === 'customer' ? 'customer' : 'system' });
      isClosed = false;
      if (str(part['body']) !== undefined) events.push(message(partAt, role, author, part['body']));
    } else if (type === 'snoozed' || type === 'unsnoozed') {
      events.push({ ...base, at: partAt, type: 'status', role: 'system', status: type === 'snoozed' ? 'snoozed' : 'open' });
    }
  }

  // Open as of the last update: say so, or our rules would end it at its last part.
  if (vendorStatus === 'open') {
    events.push({ ...base, at: jsonTime(conv['updated_at'], 'updated_at', ctx) ?? createdAt, type: 'status', role: 'system', status: 'open' });
  }
  const ratingValue = num(at(conv, 'conversation_rating.rating'));
  if (ratingValue !== undefined) {
    const rating = csatRating(ratingValue, str(at(conv, 'conversation_rating.remark')));
    const ratedAt = jsonTime(at(conv, 'conversation_rating.created_at'), 'conversation_rating.created_at', ctx) ?? createdAt;
    if (rating) events.push({ ...base, at: ratedAt, type: 'rated', role: 'customer', rating });
  }

  const statistics: [string, string][] = [
    ['time_to_admin_reply', 'first_response_time'],
    ['time_to_assignment', 'queue_time'],
    ['time_to_last_close', 'resolution_time'],
  ];
  for (const [field, metric] of statistics) {
    const value = at(conv, `statistics.${field}`);
    if (value === undefined || value === null) continue;
    const seconds = num(value);
    if (seconds === undefined || seconds < 0) throw new FieldError(`statistics.${field}`, `not a number of seconds: ${JSON.stringify(value)}`, 'BAD_NUMBER');
    events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric, seconds, source: `statistics.${field}` } });
  }
  return events;
}

/** Admin id → name, from every part and the source that names its author. */
function adminNames(conv: Record<string, unknown>, parts: Record<string, unknown>[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const author of [at(conv, 'source.author'), ...parts.map((p) => p['author'])]) {
    const id = str(at(author, 'id'));
    const name = str(at(author, 'name'));
    if (id !== undefined && name !== undefined && at(author, 'type') === 'admin') names.set(id, name);
  }
  return names;
}

/** A conversation without parts (list/search endpoints): milestones from `statistics`. */
function fromStatistics(conv: Record<string, unknown>, base: { conversationId: string; channel?: string }, ctx: AdapterContext): ChatEvent[] {
  ctx.warn('Intercom conversations without conversation_parts (list/search export): replies, assignment and close come from statistics');
  const events: ChatEvent[] = [];
  const admin = str(conv['admin_assignee_id']);
  const agent = admin ? { agent: admin } : {};
  const repliedAt = jsonTime(at(conv, 'statistics.first_admin_reply_at'), 'statistics.first_admin_reply_at', ctx);
  if (repliedAt !== undefined) events.push({ ...base, at: repliedAt, type: 'message', role: 'agent' });
  const assignedAt = jsonTime(at(conv, 'statistics.first_assignment_at'), 'statistics.first_assignment_at', ctx);
  if (assignedAt !== undefined) events.push({ ...base, at: assignedAt, type: 'assigned', role: 'system', ...agent });
  const closedAt = jsonTime(at(conv, 'statistics.last_close_at'), 'statistics.last_close_at', ctx);
  if (closedAt !== undefined && conv['state'] === 'closed') events.push({ ...base, at: closedAt, type: 'resolved', role: 'system' });
  return events;
}

const adapter: Adapter = {
  id: 'intercom',
  vendor: 'Intercom (REST API conversations with parts)',
  formats: ['json', 'ndjson'],
  docs: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/',
  detect,
  toEvents,
};

export default adapter;
