// Freshdesk Tickets → Export (CSV): one row per ticket, milestones only, no messages.
// Source: VENDORS.md §5a (default field → header names from a Freshdesk helpdesk test file in public code and user
// scripts); the export itself is described in Freshdesk's help centre, https://support.freshdesk.com/. Freshservice's Title
// Case variants (`Created Time`, `First Response Time (in Hrs)`) match too: headers are matched case-insensitively.
//
// Times are the agent's zone without an offset: read in --input-tz. Events:
// - `created` + the customer's opening message at `Created time` (the ticket description is the first message); an
//   `Outbound Email` ticket opens with the agent's message instead (outreach);
// - the first agent response at `Initial response time` (a real timestamp), by `Agent` (the current agent: the
//   export does not say who answered first);
// - `Resolved time` (else `Closed time`) → resolved; `Status` → vendor status; an Open or Pending ticket gets that
//   status at `Last update time` (custom statuses are kept as the vendor status only);
// - `Survey results` (Extremely Happy … Extremely Unhappy, or the classic Awesome / Neutral / Not Good) → a CSAT on
//   Freshdesk's 7-point scale (1..7, see surveyRating);
// - `First response time (in hrs)` and `Resolution time (in hrs)` (HH:MM:SS or decimal hours, computed by Freshdesk in
//   business hours) → vendor figures in seconds, named as business-hour figures so the cross-check explains them.
// The CSV has no transfers, notes, bots or missed chats.
import { FieldError } from '../errors.js';
import type { ChatEvent, Rating } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { optionalTime, requireTime } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const FIELDS = {
  id: ['ticket id'],
  status: ['status'],
  priority: ['priority'],
  source: ['source'],
  agent: ['agent'],
  group: ['group'],
  createdAt: ['created time'],
  resolvedAt: ['resolved time'],
  closedAt: ['closed time'],
  updatedAt: ['last update time'],
  initialResponseAt: ['initial response time'],
  firstResponseHours: ['first response time (in hrs)'],
  resolutionHours: ['resolution time (in hrs)'],
  tags: ['tags'],
  survey: ['survey results', 'survey result'],
  email: ['email'],
  contactId: ['contact id'],
  fullName: ['full name'],
} as const;

function detect(sample: Sample): Detection {
  if (sample.format !== 'csv') return { score: 0, reason: 'not CSV' };
  const h = sample.normalizedHeaders ?? [];
  if (!h.includes('ticket id')) return { score: 0, reason: 'needs Ticket ID' };
  const signs = ['first response time (in hrs)', 'initial response time', 'agent interactions'].filter((c) => h.includes(c));
  if (signs.length >= 2) return { score: 0.95, reason: `headers Ticket ID + ${signs.join(', ')} (Freshdesk)` };
  if (signs.length === 1) return { score: 0.8, reason: `headers Ticket ID + ${signs[0]} (Freshdesk)` };
  return { score: 0, reason: 'needs Ticket ID + First response time (in hrs), Initial response time or Agent interactions' };
}

/** `02:27:14` → 8834 s; `2.5` (decimal hours) → 9000 s; empty → undefined. */
export function hoursToSeconds(value: string | undefined, field: string): number | undefined {
  const v = (value ?? '').trim();
  if (v === '') return undefined;
  const hms = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3] ?? 0);
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return Math.round(n * 3600);
  throw new FieldError(field, `not a duration in hours: "${value}" (expected HH:MM:SS or decimal hours)`, 'BAD_NUMBER');
}

// Freshdesk's survey answers, 103 (extremely happy) … -103 (extremely unhappy), on one 1..7 scale; the classic
// 3-point survey's Awesome / Neutral / Not Good are its 103 / 100 / -103.
const SURVEY_SCALE: Record<string, number> = {
  'extremely happy': 7, awesome: 7, 'very happy': 6, happy: 5, neutral: 4,
  unhappy: 3, 'very unhappy': 2, 'extremely unhappy': 1, 'not good': 1,
};
const SURVEY_CODES: Record<string, number> = { '103': 7, '102': 6, '101': 5, '100': 4, '-101': 3, '-102': 2, '-103': 1 };

/** A survey label or code → CSAT on 1..7; undefined when not answered. */
export function surveyRating(value: string | number | undefined, comment?: string): Rating | undefined {
  if (value === undefined) return undefined;
  const v = String(value).trim().toLowerCase();
  if (v === '') return undefined;
  const score = SURVEY_SCALE[v] ?? SURVEY_CODES[v];
  if (score === undefined) throw new FieldError('Survey results', `not a Freshdesk survey answer: "${value}" (expected Extremely Happy … Extremely Unhappy, or 103 … -103)`, 'BAD_RATING');
  return { survey: 'csat', score, scaleMin: 1, scaleMax: 7, ...(comment ? { comment } : {}) };
}

function toEvents(row: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (row.kind !== 'csv') return [];
  const conversationId = (row.get('id') ?? '').trim();
  if (conversationId === '') throw new FieldError('Ticket ID', 'empty: every ticket needs its id', 'MISSING_ID');
  const column = (field: keyof typeof FIELDS): string => ctx.columnName(field) ?? field;
  const createdAt = requireTime(row.get('createdAt'), column('createdAt'), ctx);
  const department = row.get('group') || undefined;
  const channel = row.get('source')?.toLowerCase() || undefined;
  const priority = row.get('priority')?.toLowerCase() || undefined;
  const vendorStatus = row.get('status')?.trim().toLowerCase() || undefined;
  const customerId = row.get('email') || row.get('contactId') || row.get('fullName') || undefined;
  const tags = (row.get('tags') ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
  const agent = row.get('agent') || undefined;
  const base = { conversationId, ...(department ? { department } : {}), ...(channel ? { channel } : {}) };

  // An outbound e-mail ticket is the agent writing first: outreach, no customer request.
  const isOutbound = channel === 'outbound email';
  const events: ChatEvent[] = [
    { ...base, at: createdAt, type: 'created', role: isOutbound ? 'agent' : 'customer', ...(priority ? { priority } : {}), ...(customerId ? { customerId } : {}), ...(tags.length ? { tags } : {}), ...(vendorStatus ? { vendorStatus } : {}) },
    isOutbound ? { ...base, at: createdAt, type: 'message', role: 'agent', ...(agent ? { agent } : {}) } : { ...base, at: createdAt, type: 'message', role: 'customer' },
  ];
  const respondedAt = optionalTime(row.get('initialResponseAt'), column('initialResponseAt'), ctx);
  if (respondedAt !== undefined) events.push({ ...base, at: respondedAt, type: 'message', role: 'agent', ...(agent ? { agent } : {}) });
  // Still being worked as of the last update (Open, Pending): say so, or our rules would end it at its first reply.
  if (vendorStatus === 'open' || vendorStatus === 'pending') {
    events.push({ ...base, at: optionalTime(row.get('updatedAt'), column('updatedAt'), ctx) ?? createdAt, type: 'status', role: 'system', status: vendorStatus });
  }
  const resolvedAt = optionalTime(row.get('resolvedAt'), column('resolvedAt'), ctx) ?? optionalTime(row.get('closedAt'), column('closedAt'), ctx);
  if (resolvedAt !== undefined) events.push({ ...base, at: resolvedAt, type: 'resolved', role: 'system' });
  const rating = surveyRating(row.get('survey'));
  if (rating !== undefined) {
    events.push({ ...base, at: resolvedAt ?? optionalTime(row.get('updatedAt'), column('updatedAt'), ctx) ?? createdAt, type: 'rated', role: 'customer', rating });
  }
  const figures: [keyof typeof FIELDS, string][] = [['firstResponseHours', 'first_response_time'], ['resolutionHours', 'resolution_time']];
  for (const [field, metric] of figures) {
    const seconds = hoursToSeconds(row.get(field), column(field));
    if (seconds !== undefined) {
      events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric, seconds, source: `${column(field)} (business hours)` } });
    }
  }
  return events;
}

const adapter: Adapter = {
  id: 'freshdesk-csv',
  vendor: 'Freshdesk (Tickets → Export, CSV)',
  formats: ['csv'],
  docs: 'https://support.freshdesk.com/',
  fields: FIELDS,
  requiredFields: ['id', 'createdAt'],
  detect,
  toEvents,
};

export default adapter;
