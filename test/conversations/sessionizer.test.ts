// The sessionizer folds a long conversation as it streams (COMPACT_AT) and must give the record foldConversation
// gives from all the events at once; an event earlier than the folded part is reported, never folded silently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, EventType, Role } from '../../src/events/types.js';
import { foldConversation } from '../../src/conversations/fold.js';
import { COMPACT_AT, Sessionizer } from '../../src/conversations/sessionizer.js';
import type { Conversation } from '../../src/conversations/types.js';

const T0 = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;

function sessionize(events: ChatEvent[], idleWindowMs: number | null = DAY): { out: Conversation[]; reappeared: string[] } {
  const out: Conversation[] = [];
  const s = new Sessionizer({ countBots: false, keepText: false, idleWindowMs, onConversation: (c) => out.push(c) });
  for (const e of events) s.add(e);
  s.finish();
  return { out, reappeared: s.reappeared };
}

const message = (at: number, role: Role, agent?: string): ChatEvent => ({ conversationId: 'L1', at, type: 'message', role, ...(agent ? { agent } : {}) });

describe('a conversation longer than COMPACT_AT', () => {
  it('3,000 turns, each answered after 2 s, 10 s apart: 3,000 waits of 2 s, first response at 2 s', () => {
    const events: ChatEvent[] = [];
    for (let i = 0; i < 3000; i++) events.push(message(T0 + i * 10_000, 'customer'), message(T0 + i * 10_000 + 2000, 'agent', 'Ana'));
    const [c] = sessionize(events).out;
    expect(c!.requestedAt).toBe(T0);
    expect(c!.firstResponseAt).toBe(T0 + 2000);
    expect(c!.customerMessages).toBe(3000);
    expect(c!.agentMessages).toBe(3000);
    expect(c!.replyWaits.length).toBe(6000);
    expect(c!.replyWaits.slice(-2)).toEqual([T0 + 2999 * 10_000, T0 + 2999 * 10_000 + 2000]);
    expect(c!.endedAt).toBe(T0 + 2999 * 10_000 + 2000);
    expect(c).toEqual(foldConversation('L1', events, { countBots: false, keepText: false }));
  });

  it('outreach: 1,500 agent messages before the customer speaks stay agent-initiated (compaction waits for the customer)', () => {
    const events = Array.from({ length: 1500 }, (_, i) => message(T0 + i * 1000, 'agent', 'Ana'));
    events.push(message(T0 + 1500 * 1000, 'customer'), message(T0 + 1501 * 1000, 'agent', 'Ana'));
    const [c] = sessionize(events).out;
    expect(c!.isAgentInitiated).toBe(true);
    expect(c!.requestedAt).toBeUndefined();
    expect(c!.firstResponseAt).toBeUndefined();
    expect(c).toEqual(foldConversation('L1', events, { countBots: false, keepText: false }));
  });

  it('events that already came out of order are kept, not compacted: no second read, the same record', () => {
    const events = Array.from({ length: 2000 }, (_, i) => message(T0 + (2000 - i) * 1000, i % 2 === 0 ? 'agent' : 'customer', 'Ana'));
    const { out, reappeared } = sessionize(events);
    expect(reappeared).toEqual([]);
    // Sorted, the customer writes at T0 + 1 s and Ana answers at T0 + 2 s.
    expect(out[0]!.firstResponseAt).toBe(T0 + 2000);
    expect(out).toEqual([foldConversation('L1', events, { countBots: false, keepText: false })]);
  });

  it('an event earlier than the folded part is reported in `reappeared` (the pipeline re-reads without compaction)', () => {
    const events = Array.from({ length: COMPACT_AT + 10 }, (_, i) => message(T0 + i * 1000, i % 2 === 0 ? 'customer' : 'agent', 'Ana'));
    events.push(message(T0 + 500, 'agent', 'Bo'));
    expect(sessionize(events).reappeared).toEqual(['L1']);
    // With no idle window (what the re-read uses) nothing is compacted, and the fold sorts the late event in.
    const again = sessionize(events, null);
    expect(again.reappeared).toEqual([]);
    expect(again.out[0]!.firstResponseAt).toBe(T0 + 500);
  });
});

const ROLES: Role[] = ['customer', 'agent', 'bot', 'system'];
const TYPES: EventType[] = ['message', 'message', 'message', 'message', 'created', 'assigned', 'transferred', 'status', 'resolved', 'reopened', 'ended', 'missed', 'wrapped_up'];

const step = fc.record({
  gap: fc.constantFrom(0, 0, 1000, 5000, 60_000),
  type: fc.constantFrom(...TYPES),
  role: fc.constantFrom(...ROLES),
  agent: fc.constantFrom(undefined, 'Ana', 'Bo'),
  isInternal: fc.boolean(),
  status: fc.constantFrom('open', 'pending', 'solved', 'closed'),
});

describe('compacted fold = fold of all events', () => {
  it('on random time-ordered conversations of 1,100-2,600 events (ties included)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1100, maxLength: 2600 }), fc.integer({ min: 0, max: 1500 }), (steps, customerFrom) => {
        let at = T0;
        const events: ChatEvent[] = steps.map((s, i) => {
          at += s.gap;
          // Customers only from `customerFrom` on, so some runs defer compaction past COMPACT_AT.
          const role: Role = s.role === 'customer' && i < customerFrom ? 'agent' : s.role;
          const e: ChatEvent = { conversationId: 'R', at, type: s.type, role };
          if (s.agent !== undefined) e.agent = s.agent;
          if (s.type === 'message' && s.isInternal) e.isInternal = true;
          if (s.type === 'status') e.status = s.status;
          return e;
        });
        const { out, reappeared } = sessionize(events);
        expect(reappeared).toEqual([]);
        expect(out).toEqual([foldConversation('R', events, { countBots: false, keepText: false })]);
      }),
      { numRuns: 40 },
    );
  });
});
