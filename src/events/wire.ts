// ChatEvent ⇄ the NDJSON line of `chatkpi events` (CONTRACT.md: snake_case, `at` in ISO 8601 UTC).
import { FieldError } from '../errors.js';
import { EVENT_TYPES, ROLES, type ChatEvent, type EventType, type Rating, type Role, type Survey } from './types.js';

export type WireEvent = Record<string, unknown>;

/** The contract's shape: keys present only where known, so `jq` filters stay simple. */
export function toWire(e: ChatEvent): WireEvent {
  const w: WireEvent = {
    conversation_id: e.conversationId,
    at: new Date(e.at).toISOString(),
    type: e.type,
    role: e.role,
  };
  if (e.agent !== undefined) w.agent = e.agent;
  if (e.department !== undefined) w.department = e.department;
  if (e.channel !== undefined) w.channel = e.channel;
  if (e.text !== undefined) w.text = e.text;
  if (e.isInternal !== undefined) w.internal = e.isInternal;
  if (e.customerId !== undefined) w.customer_id = e.customerId;
  if (e.tags !== undefined) w.tags = e.tags;
  if (e.priority !== undefined) w.priority = e.priority;
  if (e.status !== undefined) w.status = e.status;
  if (e.transferTo !== undefined) w.transfer_to = e.transferTo;
  if (e.escalatedTo !== undefined) w.escalated_to = e.escalatedTo;
  if (e.isCanned !== undefined) w.canned = e.isCanned;
  if (e.rating !== undefined) {
    const r = e.rating;
    w.rating = { survey: r.survey, score: r.score, scale_min: r.scaleMin, scale_max: r.scaleMax, ...(r.comment !== undefined ? { comment: r.comment } : {}) };
  }
  if (e.vendorMetric !== undefined) w.vendor_metric = { ...e.vendorMetric };
  if (e.vendorStatus !== undefined) w.vendor_status = e.vendorStatus;
  return w;
}

const TYPES = new Set<string>(EVENT_TYPES);
const ROLE_SET = new Set<string>(ROLES);
const SURVEYS = new Set<string>(['csat', 'nps', 'ces']);

function optString(w: WireEvent, key: string): string | undefined {
  const v = w[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new FieldError(key, `must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function optNumber(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new FieldError(key, `must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/** Validates one NDJSON object; a wrong field throws FieldError (the line is skipped and counted). */
export function fromWire(w: unknown): ChatEvent {
  if (w === null || typeof w !== 'object' || Array.isArray(w)) throw new FieldError('(line)', 'not a JSON object');
  const o = w as WireEvent;
  const conversationId = o.conversation_id;
  if (typeof conversationId !== 'string' && typeof conversationId !== 'number') {
    throw new FieldError('conversation_id', 'missing: every event needs its conversation id', 'MISSING_ID');
  }
  const atText = o.at;
  const at = typeof atText === 'number' ? atText : typeof atText === 'string' ? Date.parse(atText) : Number.NaN;
  if (Number.isNaN(at)) throw new FieldError('at', `not a date: ${JSON.stringify(atText)} (expected ISO 8601 like 2026-01-05T09:00:00Z)`, 'BAD_TIMESTAMP');
  const type = o.type;
  if (typeof type !== 'string' || !TYPES.has(type)) throw new FieldError('type', `unknown event type ${JSON.stringify(type)} (one of ${EVENT_TYPES.join(', ')})`, 'BAD_TYPE');
  const role = o.role;
  if (typeof role !== 'string' || !ROLE_SET.has(role)) throw new FieldError('role', `unknown role ${JSON.stringify(role)} (customer, agent, bot or system)`, 'BAD_ROLE');
  const e: ChatEvent = { conversationId: String(conversationId), at, type: type as EventType, role: role as Role };
  const agent = optString(o, 'agent');
  if (agent !== undefined) e.agent = agent;
  const department = optString(o, 'department');
  if (department !== undefined) e.department = department;
  const channel = optString(o, 'channel');
  if (channel !== undefined) e.channel = channel;
  const text = optString(o, 'text');
  if (text !== undefined) e.text = text;
  if (o.internal !== undefined && o.internal !== null) e.isInternal = o.internal === true;
  const customerId = optString(o, 'customer_id');
  if (customerId !== undefined) e.customerId = customerId;
  if (Array.isArray(o.tags)) e.tags = o.tags.filter((t): t is string => typeof t === 'string');
  const priority = optString(o, 'priority');
  if (priority !== undefined) e.priority = priority;
  const status = optString(o, 'status');
  if (status !== undefined) e.status = status;
  const transferTo = optString(o, 'transfer_to');
  if (transferTo !== undefined) e.transferTo = transferTo;
  const escalatedTo = optString(o, 'escalated_to');
  if (escalatedTo !== undefined) e.escalatedTo = escalatedTo;
  if (o.canned !== undefined && o.canned !== null) e.isCanned = o.canned === true;
  const vendorStatus = optString(o, 'vendor_status');
  if (vendorStatus !== undefined) e.vendorStatus = vendorStatus;
  if (o.rating !== undefined && o.rating !== null) {
    const r = o.rating as Record<string, unknown>;
    const survey = typeof r.survey === 'string' && SURVEYS.has(r.survey) ? (r.survey as Survey) : 'csat';
    const rating: Rating = { survey, score: optNumber(r, 'score'), scaleMin: optNumber(r, 'scale_min'), scaleMax: optNumber(r, 'scale_max') };
    if (typeof r.comment === 'string') rating.comment = r.comment;
    e.rating = rating;
  }
  if (o.vendor_metric !== undefined && o.vendor_metric !== null) {
    const v = o.vendor_metric as Record<string, unknown>;
    e.vendorMetric = { metric: String(v.metric), seconds: optNumber(v, 'seconds'), source: String(v.source ?? '') };
  }
  return e;
}

/** One NDJSON line. */
export function formatEventLine(e: ChatEvent): string {
  return `${JSON.stringify(toWire(e))}\n`;
}
