// Tiny conversations for metric tests: conversation('0s customer', '2s bot', '50s agent:Ana internal').
import type { ChatEvent, EventType, Role, Survey } from '../../src/events/types.js';
import { foldConversation, type FoldOptions } from '../../src/conversations/fold.js';
import type { Conversation } from '../../src/conversations/types.js';

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // Monday 5 January 2026, 09:00:00 UTC

/** `90s`, `2m`, `1h30m`, `1d2h`, `-5s` → ms. */
export function offsetMs(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  let ms = 0;
  for (const m of text.replace(/^-/, '').matchAll(/(\d+(?:\.\d+)?)(ms|d|h|m|s)/g)) {
    const n = Number(m[1]);
    ms += n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  }
  return sign * ms;
}

/**
 * One line = one event: `<offset> <who>[:<agent>] [words...]`.
 *  who: customer | agent | bot | system, or an event type (created, assigned, transferred, escalated,
 *       resolved, reopened, ended, missed, wrapped_up, status:<name>, rated:<survey>=<score>[/<min>-<max>]).
 *  words: `internal`, `canned`, `dept=Sales`, `channel=web`, `customer=c1`, `tag=x`, `by=agent|customer|system`,
 *         `@2026-03-29T00:00:00Z` (absolute time instead of T0).
 * A message by `agent:Ana` sets agent Ana; `assigned:Ana` assigns Ana.
 */
export function events(id: string, ...lines: string[]): ChatEvent[] {
  return lines.map((line) => parseLine(id, line));
}

export function conversation(...lines: string[]): Conversation {
  return conversationWith({}, ...lines);
}

export function conversationWith(options: Partial<FoldOptions> & { id?: string }, ...lines: string[]): Conversation {
  const id = options.id ?? 'c1';
  return foldConversation(id, events(id, ...lines), { countBots: false, keepText: true, ...options });
}

const ROLE_WORDS = new Set<string>(['customer', 'agent', 'bot', 'system']);

function parseLine(id: string, line: string): ChatEvent {
  const [offset, head, ...words] = line.trim().split(/\s+/);
  if (offset === undefined || head === undefined) throw new Error(`bad test line: ${line}`);
  let base = T0;
  const abs = words.find((w) => w.startsWith('@'));
  if (abs) base = Date.parse(abs.slice(1));
  const at = base + offsetMs(offset);
  const [kind, arg] = splitOnce(head, ':');
  const e: ChatEvent = { conversationId: id, at, type: 'message', role: 'system' };
  if (ROLE_WORDS.has(kind)) {
    e.type = 'message';
    e.role = kind as Role;
    if (arg) e.agent = arg;
    e.text = words.filter((w) => !w.includes('=') && !w.startsWith('@') && w !== 'internal' && w !== 'canned').join(' ') || `${kind} says`;
  } else {
    e.type = kind.startsWith('status') ? 'status' : kind.startsWith('rated') ? 'rated' : (kind as EventType);
    e.role = 'system';
    if (kind === 'status') e.status = arg;
    else if (kind === 'rated') {
      const [survey, value] = splitOnce(arg ?? '', '=');
      const [score, scale] = splitOnce(value ?? '', '/');
      const [min, max] = scale ? scale.split('-').map(Number) : defaultScale(survey as Survey);
      e.rating = { survey: survey as Survey, score: Number(score), scaleMin: min!, scaleMax: max! };
      e.role = 'customer';
    } else if (kind === 'transferred') e.transferTo = arg;
    else if (kind === 'escalated') e.escalatedTo = arg;
    else if (arg) e.agent = arg;
  }
  for (const w of words) {
    if (w === 'internal') e.isInternal = true;
    else if (w === 'canned') e.isCanned = true;
    else if (w.startsWith('dept=')) e.department = w.slice(5);
    else if (w.startsWith('channel=')) e.channel = w.slice(8);
    else if (w.startsWith('customer=')) e.customerId = w.slice(9);
    else if (w.startsWith('tag=')) e.tags = [...(e.tags ?? []), w.slice(4)];
    else if (w.startsWith('by=')) e.role = w.slice(3) as Role;
    else if (w.startsWith('vendor=')) e.vendorStatus = w.slice(7);
  }
  return e;
}

function defaultScale(survey: Survey): [number, number] {
  return survey === 'nps' ? [0, 10] : survey === 'ces' ? [1, 7] : [1, 5];
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
