// Salesforce Service Cloud Chat transcripts (LiveChatTranscript): the Data Export / Data Loader CSV (API names as
// headers), a transcript report exported as CSV (field labels, the user's time zone), or SOQL through the REST API
// (`{"totalSize","done","records":[{"attributes":{"type":"LiveChatTranscript"}, ...}]}`). One record per chat.
// Source: VENDORS.md §7; https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-livechattranscript.html
// (RequestTime, StartTime, EndTime, WaitTime and ChatDuration in seconds, Status Completed/Missed, OwnerId, Body).
//
// Events:
// - `created` at RequestTime (the visitor asked); StartTime is the agent accepting: `assigned` to the owner;
// - with a `Body` (the HTML transcript), its lines `( 1m 4s ) Name: text` are messages at the chat start (the
//   `Chat Started:` line, else StartTime) + the offset; a speaker is an agent when the transcript or the record names
//   them as one (`Agent X` lines, `Chat Transferred From X To Y` lines, the owner), a bot by --bot-names or a bot-like
//   name, else the visitor; transfer lines are transfers;
// - without a Body the record has no message times: the visitor's request is a message at RequestTime and the
//   acceptance a reply at StartTime (the speed of answer Salesforce's WaitTime measures), with a warning; so
//   first_response_time equals the time to accept for those chats;
// - Status Missed (or Blocked/Dropped) → missed at EndTime, else RequestTime + Abandoned seconds; other chats end at
//   EndTime; the status is the vendor status (Completed, Missed, Waiting, InProgress...), and a Waiting or InProgress
//   chat gets that status as its last event (it was still going when exported);
// - WaitTime → vendor queue_time, ChatDuration → vendor chat_duration (seconds). A report's times are to the
//   minute: there the acceptance is RequestTime + WaitTime and the end StartTime + ChatDuration.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { CsvRow, RawRecord, Sample } from '../inputs/types.js';
import { at, isBotName, isRecord, num, optionalTime, str, stripHtml } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** CSV: API names (Data Export, Data Loader) first, then report labels. SOQL JSON reads the API names. */
const FIELDS = {
  id: ['id', 'chat transcript id', 'name', 'chat transcript name', 'chat transcript: chat transcript name'],
  status: ['status', 'chat transcript: status'],
  requestTime: ['requesttime', 'request time'],
  startTime: ['starttime', 'start time'],
  endTime: ['endtime', 'end time'],
  waitTime: ['waittime', 'wait time'],
  duration: ['chatduration', 'chat duration'],
  abandoned: ['abandoned', 'abandoned after'],
  owner: ['owner.name', 'owner name', 'owner: full name', 'chat transcript owner', 'ownerid'],
  skill: ['skill.masterlabel', 'skill', 'skillid'],
  visitor: ['livechatvisitorid', 'visitor', 'chat visitor', 'contactid'],
  body: ['body'],
  isChatbot: ['ischatbotsession', 'chatbot session'],
} as const;

type Field = keyof typeof FIELDS;

/** SOQL JSON keys for each field (nested relationship names read with a dotted path). */
const JSON_KEYS: Record<Field, readonly string[]> = {
  id: ['Id', 'Name'],
  status: ['Status'],
  requestTime: ['RequestTime'],
  startTime: ['StartTime'],
  endTime: ['EndTime'],
  waitTime: ['WaitTime'],
  duration: ['ChatDuration'],
  abandoned: ['Abandoned'],
  owner: ['Owner.Name', 'OwnerId'],
  skill: ['Skill.MasterLabel', 'SkillId'],
  visitor: ['LiveChatVisitorId', 'ContactId'],
  body: ['Body'],
  isChatbot: ['IsChatbotSession'],
};

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') {
    const h = sample.normalizedHeaders ?? [];
    if (h.includes('livechatbuttonid') || h.includes('livechatdeploymentid')) return { score: 0.95, reason: 'headers LiveChatButtonId/LiveChatDeploymentId (Salesforce LiveChatTranscript)' };
    if (h.includes('requesttime') && h.includes('waittime') && h.includes('chatduration')) return { score: 0.9, reason: 'headers RequestTime, WaitTime, ChatDuration (Salesforce LiveChatTranscript)' };
    if (h.includes('request time') && h.includes('wait time') && h.includes('chat duration')) return { score: 0.8, reason: 'headers Request Time, Wait Time, Chat Duration (Salesforce chat transcript report)' };
    return { score: 0, reason: 'needs LiveChatButtonId or RequestTime + WaitTime + ChatDuration' };
  }
  const first = sample.records[0];
  if (isRecord(first) && at(first, 'attributes.type') === 'LiveChatTranscript') return { score: 0.95, reason: 'records[].attributes.type LiveChatTranscript (Salesforce SOQL)' };
  if (isRecord(first) && 'RequestTime' in first && 'WaitTime' in first) return { score: 0.8, reason: 'records with RequestTime + WaitTime (Salesforce LiveChatTranscript)' };
  return { score: 0, reason: 'needs records with attributes.type LiveChatTranscript' };
}

/** One accessor over a CSV row and a SOQL record: the field's value as text, undefined when absent or empty. */
type Get = (field: Field) => string | undefined;

function getter(record: RawRecord): Get {
  if (record.kind === 'csv') {
    const row: CsvRow = record;
    return (field) => {
      const v = row.get(field);
      return v === undefined || v.trim() === '' ? undefined : v;
    };
  }
  const value = record.value;
  if (!isRecord(value)) throw new FieldError('record', 'not a LiveChatTranscript object', 'BAD_RECORD');
  return (field) => {
    for (const key of JSON_KEYS[field]) {
      const v = str(at(value, key));
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

function seconds(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const n = num(value);
  if (n === undefined || n < 0) throw new FieldError(field, `not a number of seconds: "${value}"`, 'BAD_NUMBER');
  return n;
}

/** Salesforce statuses → vendor words the fold knows (InProgress is active; the rest as written, lower case). */
function vendorStatusOf(status: string | undefined): string | undefined {
  if (status === undefined) return undefined;
  const s = status.trim().toLowerCase();
  return s === 'inprogress' || s === 'in progress' ? 'active' : s;
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  const get = getter(record);
  const column = (field: Field): string => (record.kind === 'csv' ? ctx.columnName(field) : undefined) ?? JSON_KEYS[field][0]!;
  // A report's "Export Details" CSV ends with footer lines (Grand Totals, copyright, "Generated By", the company):
  // one cell each, no times, no status. They are not transcripts, and not bad rows either.
  if (record.kind === 'csv' && get('requestTime') === undefined && get('startTime') === undefined && get('status') === undefined) return [];
  const conversationId = get('id');
  if (conversationId === undefined) throw new FieldError(column('id'), 'empty: every transcript needs its Id', 'MISSING_ID');
  const requestedAt = optionalTime(get('requestTime'), column('requestTime'), ctx);
  const wait = seconds(get('waitTime'), column('waitTime'));
  const duration = seconds(get('duration'), column('duration'));
  // A report writes times to the minute (`1/12/2026, 9:00 AM`); its WaitTime and ChatDuration are exact seconds, so
  // the acceptance and the end are placed from the request by them rather than at the truncated minutes.
  const startText = get('startTime');
  const endText = get('endTime');
  let startedAt = optionalTime(startText, column('startTime'), ctx);
  if (startedAt !== undefined && requestedAt !== undefined && wait !== undefined && isToTheMinute(startText)) startedAt = requestedAt + wait * 1000;
  let endedAt = optionalTime(endText, column('endTime'), ctx);
  if (endedAt !== undefined && startedAt !== undefined && duration !== undefined && isToTheMinute(endText)) endedAt = startedAt + duration * 1000;
  const createdAt = requestedAt ?? startedAt;
  if (createdAt === undefined) throw new FieldError(column('requestTime'), 'empty: a transcript needs its RequestTime or StartTime', 'MISSING_TIMESTAMP');
  const owner = get('owner');
  const department = get('skill');
  const customerId = get('visitor');
  const vendorStatus = vendorStatusOf(get('status'));
  const isMissed = vendorStatus === 'missed' || vendorStatus === 'blocked' || vendorStatus === 'dropped';
  const base = { conversationId, channel: 'chat', ...(department ? { department } : {}) };

  const events: ChatEvent[] = [
    { ...base, at: createdAt, type: 'created', role: 'customer', ...(customerId ? { customerId } : {}), ...(vendorStatus ? { vendorStatus } : {}) },
  ];
  const body = get('body');
  const transcript = body !== undefined ? readTranscript(body, startedAt ?? createdAt, owner, base, ctx) : undefined;
  // The agent who accepted: the first the transcript names (a Data Export has only the OwnerId), else the owner.
  const acceptedBy = transcript?.firstAgent ?? owner;
  if (startedAt !== undefined && !isMissed) {
    // A bot accepting (Einstein bot sessions) is no human acknowledgement: the fold ignores bot assignments.
    events.push(isBotName(acceptedBy, ctx)
      ? { ...base, at: startedAt, type: 'assigned', role: 'bot' }
      : { ...base, at: startedAt, type: 'assigned', role: 'system', ...(acceptedBy ? { agent: acceptedBy } : {}) });
  }

  if (transcript !== undefined) {
    events.push(...transcript.events);
  } else if (!isMissed) {
    events.push({ ...base, at: createdAt, type: 'message', role: 'customer' });
    if (startedAt !== undefined) {
      ctx.warn('Salesforce transcripts without Body: the first reply is the agent accepting the chat (StartTime), as WaitTime measures');
      const role: Role = isBotName(owner, ctx) || (get('isChatbot')?.toLowerCase() === 'true' && owner === undefined) ? 'bot' : 'agent';
      events.push({ ...base, at: startedAt, type: 'message', role, ...(role === 'agent' && owner ? { agent: owner } : {}) });
    }
  }

  // Waiting or InProgress: the chat was still going when exported; say so, or our rules would end it.
  if (vendorStatus === 'waiting' || vendorStatus === 'active') {
    events.push({ ...base, at: Math.max(createdAt, startedAt ?? createdAt), type: 'status', role: 'system', status: vendorStatus });
  }
  const abandoned = seconds(get('abandoned'), column('abandoned'));
  if (isMissed) {
    events.push({ ...base, at: endedAt ?? createdAt + (abandoned ?? 0) * 1000, type: 'missed', role: 'system' });
  } else if (endedAt !== undefined) {
    events.push({ ...base, at: endedAt, type: 'ended', role: 'system' });
  }
  if (wait !== undefined && !isMissed) {
    events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'queue_time', seconds: wait, source: column('waitTime') } });
  }
  if (duration !== undefined && !isMissed) {
    events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'chat_duration', seconds: duration, source: column('duration') } });
  }
  return events;
}

/** `1/12/2026, 9:00 AM` or `2026-01-12 09:00`: a time without seconds. */
export function isToTheMinute(text: string | undefined): boolean {
  return text !== undefined && /(^|[\sT,])\d{1,2}:\d{2}(\s*[AaPp][Mm])?\s*$/.test(text.trim());
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `Chat Started: Monday, January 05, 2026, 09:00:02 (+0000)` → epoch ms; undefined when absent or unreadable. */
export function chatStartedAt(text: string): number | undefined {
  const m = /Chat Started:\s*(?:[A-Za-z]+,\s*)?([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*\(([+-])(\d{2}):?(\d{2})\)/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return undefined;
  const offsetMinutes = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  return Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMinutes * 60_000;
}

/** `1h 2m 3s`, `1m 4s`, `38s` → seconds. */
export function offsetSeconds(text: string): number {
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)\s*([hms])/g)) total += Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  return total;
}

/** The HTML Body → lines of text (tags become line breaks, entities decoded). */
function bodyLines(html: string): string[] {
  return stripHtml(html.replace(/<br\s*\/?>|<\/p>|<p[^>]*>/gi, '\n'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function readTranscript(body: string, fallbackStart: number, owner: string | undefined, base: { conversationId: string; channel: string; department?: string }, ctx: AdapterContext): { events: ChatEvent[]; firstAgent?: string } {
  const lines = bodyLines(body);
  const start = chatStartedAt(lines.join('\n')) ?? fallbackStart;
  const agents = new Set<string>(owner ? [owner] : []);
  let firstAgent: string | undefined;
  for (const line of lines) {
    const agent = /^Agent\s+(.+)$/.exec(line);
    if (agent) {
      agents.add(agent[1]!.trim());
      firstAgent ??= agent[1]!.trim();
    }
    const transfer = /^Chat Transferred From\s+(.+?)\s+To\s+(.+)$/i.exec(line);
    if (transfer) {
      agents.add(transfer[1]!.trim());
      agents.add(transfer[2]!.trim());
    }
  }
  const events: ChatEvent[] = [];
  let last = start;
  for (const line of lines) {
    const message = /^\(\s*((?:\d+\s*[hms]\s*)+)\)\s*([^:]+?):\s?(.*)$/.exec(line);
    if (message) {
      last = start + offsetSeconds(message[1]!) * 1000;
      const speaker = message[2]!.trim();
      const role: Role = isBotName(speaker, ctx) ? 'bot' : agents.has(speaker) ? 'agent' : 'customer';
      const e: ChatEvent = { ...base, at: last, type: 'message', role, ...(role === 'agent' ? { agent: speaker } : {}) };
      if (ctx.options.keepText) e.text = message[3]!;
      events.push(e);
      continue;
    }
    const transfer = /^Chat Transferred From\s+(.+?)\s+To\s+(.+)$/i.exec(line);
    if (transfer) {
      const to = transfer[2]!.trim();
      events.push({ ...base, at: last, type: 'transferred', role: 'system', transferTo: to, ...(isBotName(to, ctx) ? {} : { agent: to }) });
    }
  }
  if (events.length === 0) ctx.warn('Salesforce transcript Body without `( 12s ) Name: text` lines: no messages read from it');
  return { events, ...(firstAgent ? { firstAgent } : {}) };
}

const adapter: Adapter = {
  id: 'salesforce-chat',
  vendor: 'Salesforce Chat (LiveChatTranscript: Data Export CSV, report CSV, SOQL JSON)',
  formats: ['csv', 'json', 'ndjson'],
  docs: 'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-livechattranscript.html',
  fields: FIELDS,
  requiredFields: ['id'],
  detect,
  toEvents,
};

export default adapter;
