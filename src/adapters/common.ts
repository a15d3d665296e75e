// Helpers every adapter uses: timestamps, role words, ratings, JSON access. Vendor words stay in adapters.
import { FieldError } from '../errors.js';
import type { Rating, Role } from '../events/types.js';
import { parseTimestamp } from '../time/parse.js';
import type { AdapterContext } from './types.js';

/** A required timestamp: epoch ms, or FieldError (the row is skipped and counted). */
export function requireTime(value: string | undefined, field: string, ctx: AdapterContext, zone?: string): number {
  if (value === undefined || value.trim() === '') throw new FieldError(field, 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  const at = parseTimestamp(value, { zone: zone ?? ctx.options.inputTz });
  if (Number.isNaN(at)) {
    throw new FieldError(field, `not a date: "${value}" (expected ISO 8601 like 2026-01-05T09:00:00Z, or epoch seconds)`, 'BAD_TIMESTAMP');
  }
  return at;
}

/** An optional timestamp: undefined when empty; FieldError when present but unreadable. */
export function optionalTime(value: string | undefined, field: string, ctx: AdapterContext, zone?: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return requireTime(value, field, ctx, zone);
}

/** Epoch seconds, epoch ms or an ISO string from JSON. */
export function jsonTime(value: unknown, field: string, ctx: AdapterContext): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
  if (typeof value === 'string') return requireTime(value, field, ctx);
  throw new FieldError(field, `not a date: ${JSON.stringify(value)}`, 'BAD_TIMESTAMP');
}

const ROLE_WORDS: Record<string, Role> = {
  customer: 'customer', visitor: 'customer', user: 'customer', client: 'customer', end_user: 'customer',
  'end-user': 'customer', enduser: 'customer', requester: 'customer', contact: 'customer', lead: 'customer',
  guest: 'customer', cliente: 'customer', 'end user': 'customer',
  agent: 'agent', operator: 'agent', staff: 'agent', admin: 'agent', human: 'agent', teammate: 'agent',
  support: 'agent', rep: 'agent', employee: 'agent', agente: 'agent',
  bot: 'bot', chatbot: 'bot', automation: 'bot', 'auto-reply': 'bot', autoreply: 'bot', trigger: 'bot',
  ai: 'bot', assistant: 'bot', workflow: 'bot',
  system: 'system', event: 'system', note_system: 'system',
};

/** `visitor` → customer, `operator` → agent, `chatbot` → bot...; undefined for an unknown word. */
export function roleFromWord(word: string | undefined): Role | undefined {
  if (word === undefined) return undefined;
  return ROLE_WORDS[word.trim().toLowerCase()];
}

/** Reads a path like `statistics.time_to_admin_reply` from a JSON object; undefined if any step is missing. */
export function at(value: unknown, path: string): unknown {
  let keys = SPLIT_PATHS.get(path);
  if (keys === undefined) {
    // paths are the adapters' constants (and a mapping's few): split once, not on every record
    keys = path.split('.');
    SPLIT_PATHS.set(path, keys);
  }
  let cur: unknown = value;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const SPLIT_PATHS = new Map<string, readonly string[]>();

export function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A 1-5 CSAT score, or `good`/`bad`, thumbs, `rated good`... → Rating; undefined when not rated. */
export function csatRating(value: string | number | undefined, comment?: string): Rating | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value === 'number') return { survey: 'csat', score: value, scaleMin: 1, scaleMax: 5, ...(comment ? { comment } : {}) };
  const v = value.trim().toLowerCase().replace(/_/g, ' ');
  const withComment = (r: Rating): Rating => (comment ? { ...r, comment } : r);
  if (/^(rated )?(good|great|positive|satisfied|thumbs ?up|👍|yes|happy)$/.test(v)) return withComment({ survey: 'csat', score: 1, scaleMin: 0, scaleMax: 1 });
  if (/^(rated )?(bad|poor|negative|unsatisfied|dissatisfied|thumbs ?down|👎|no|sad)$/.test(v)) return withComment({ survey: 'csat', score: 0, scaleMin: 0, scaleMax: 1 });
  if (/^(not rated|unrated|unoffered|offered|none|n\/a|-)$/.test(v)) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return withComment({ survey: 'csat', score: n, scaleMin: n === 0 ? 0 : 1, scaleMax: 5 });
  throw new FieldError('rating', `not a rating: "${value}" (expected 1-5, good/bad or thumbs)`, 'BAD_RATING');
}

/** True if this display name or id is a bot by the user's `--bot-names` or by common bot naming. */
export function isBotName(name: string | undefined, ctx: AdapterContext): boolean {
  return isBotNameIn(name, ctx.options.botNames);
}

/** isBotName with the `--bot-names` set given directly (the fast path has no adapter context). */
export function isBotNameIn(name: string | undefined, botNames: ReadonlySet<string>): boolean {
  if (name === undefined) return false;
  if (botNames.has(name) || botNames.has(name.toLowerCase())) return true;
  return /(^|[\s_-])(bot|chatbot|assistant|automation|auto[- ]?reply)($|[\s_-])/i.test(name) || /bot$/i.test(name);
}

/** HTML → plain text: tags dropped and the common entities decoded (line breaks are the caller's choice). */
export function stripHtml(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
