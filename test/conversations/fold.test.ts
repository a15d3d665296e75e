import { describe, expect, it } from 'vitest';
import { Sessionizer } from '../../src/conversations/sessionizer.js';
import type { Conversation } from '../../src/conversations/types.js';
import { conversation, conversationWith, events, T0 } from '../helpers/conversation.js';

const s = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : (ms - T0) / 1000);

describe('foldConversation: METRICS.md conversation model', () => {
  it.each([
    ['bot reply does not count as the first response', ['0s customer', '2s bot', '50s agent:Ana'], 50],
    ['internal note does not count', ['0s customer', '5s agent:Ana internal', '40s agent:Ana'], 40],
    ['system message does not count', ['0s customer', '3s system', '9s agent:Ana'], 9],
    ['rows out of order are sorted', ['50s agent:Ana', '0s customer', '70s customer'], 50],
    ['request from the chat creation when it precedes the first message', ['0s created by=customer', '10s customer', '30s agent:Ana'], 30],
    ['missed: no human reply', ['0s customer', '2s bot', '10m ended'], undefined],
  ])('%s', (_name, lines, frt) => {
    const c = conversation(...lines);
    expect(c.firstResponseAt === undefined ? undefined : (c.firstResponseAt - c.requestedAt!) / 1000).toBe(frt);
  });

  it('counts a bot reply with --count-bots', () => {
    const c = conversationWith({ countBots: true }, '0s customer', '2s bot', '50s agent:Ana');
    expect(s(c.firstResponseAt)).toBe(2);
    expect(c.replyWaits.map((x) => (x - T0) / 1000)).toEqual([0, 2]);
  });

  it('agent-initiated conversations have no request and are not missed', () => {
    const c = conversation('0s agent:Ana', '5m customer', '6m agent:Ana');
    expect(c.isAgentInitiated).toBe(true);
    expect(c.requestedAt).toBeUndefined();
    expect(c.status).toBe('resolved');
  });

  it('a bot greeting before the customer does not make the conversation outreach', () => {
    const c = conversation('0s bot', '10s customer', '40s agent:Ana');
    expect(c.isAgentInitiated).toBe(false);
    expect(s(c.requestedAt)).toBe(10);
    expect(s(c.firstResponseAt)).toBe(40);
  });

  it('reply waits: each run of customer messages up to the next human reply', () => {
    // waits: 0→30 (30 s), 60→120 (60 s; the second customer message at 90 s joins the run), 150 unanswered
    const c = conversation('0s customer', '30s agent:Ana', '60s customer', '90s customer', '100s bot', '120s agent:Bo', '150s customer');
    expect(c.replyWaits.map((x) => (x - T0) / 1000)).toEqual([0, 30, 60, 120]);
    expect(c.replyAgents).toEqual(['Ana', 'Bo']);
    expect(c.agent).toBe('Ana');
    expect([...c.agents].sort()).toEqual(['Ana', 'Bo']);
  });

  it('status: an export with no status events ends at the last message (never open)', () => {
    expect(conversation('0s customer', '30s agent:Ana').status).toBe('resolved');
    expect(conversation('0s customer').status).toBe('missed');
  });

  it('status: open when the export tracks state and nothing closed it', () => {
    expect(conversation('0s customer', '1m status:open').status).toBe('open');
    expect(conversation('0s customer', '30s agent:Ana', '1h resolved').status).toBe('resolved');
  });

  it('reopen clears resolved_at until it is resolved again; first resolution is kept', () => {
    const c = conversation('0s customer', '1m agent:Ana', '1h resolved', '2h customer', '2h reopened', '3h agent:Ana', '5h resolved');
    expect(c.reopens).toBe(1);
    expect(s(c.firstResolvedAt)).toBe(3600);
    expect(s(c.resolvedAt)).toBe(5 * 3600);
    expect(c.status).toBe('resolved');
    const stillOpen = conversation('0s customer', '1m agent:Ana', '1h resolved', '2h reopened');
    expect(stillOpen.resolvedAt).toBeUndefined();
    expect(stillOpen.status).toBe('open');
  });

  it("the vendor's status wins and the disagreement is flagged", () => {
    const c = conversation('0s customer vendor=missed', '30s agent:Ana');
    expect(c.status).toBe('missed');
    expect(c.statusDisagrees).toBe(true);
  });

  it('transfers, escalations, ratings, department and channel', () => {
    const c = conversation('0s customer dept=Sales channel=web customer=c9', '20s agent:Ana', '1m transferred:Bo', '2m agent:Bo', '3m escalated:call', '4m rated:csat=4');
    expect(c.transfers).toBe(1);
    expect(c.escalations).toBe(1);
    expect(c.ratings.csat?.score).toBe(4);
    expect(c.department).toBe('Sales');
    expect(c.channel).toBe('web');
    expect(c.customerId).toBe('c9');
    expect(s(c.endedAt)).toBe(120);
  });
});

describe('Sessionizer', () => {
  it('folds conversations idle past the window early, and still folds each once', () => {
    const out: Conversation[] = [];
    const sz = new Sessionizer({ countBots: false, keepText: false, idleWindowMs: 60_000, onConversation: (c) => out.push(c) });
    const a = events('a', '0s customer', '10s agent:Ana');
    const b = Array.from({ length: 9000 }, (_, i) => events('b', `${20 + i}s customer`)[0]!);
    for (const e of [...a, ...b]) sz.add(e);
    expect(out.map((c) => c.id)).toEqual(['a']); // a was idle > 60 s when the scan ran
    sz.finish();
    expect(out.map((c) => c.id)).toEqual(['a', 'b']);
    expect(sz.reappeared).toEqual([]);
  });

  it('reports an id that comes back after it was folded early', () => {
    const out: Conversation[] = [];
    const sz = new Sessionizer({ countBots: false, keepText: false, idleWindowMs: 60_000, onConversation: (c) => out.push(c) });
    for (const e of events('a', '0s customer')) sz.add(e);
    for (let i = 0; i < 9000; i++) sz.add(events('b', `${100 + i}s customer`)[0]!);
    for (const e of events('a', '9200s agent:Ana')) sz.add(e);
    expect(sz.reappeared).toEqual(['a']);
  });
});

describe('FingerprintSet', () => {
  it('finds every id added, across growth, and not others', async () => {
    const { FingerprintSet, fingerprint } = await import('../../src/conversations/fingerprints.js');
    const set = new FingerprintSet();
    for (let i = 0; i < 20_000; i++) set.add(...fingerprint(`C${i}`));
    for (let i = 0; i < 20_000; i++) expect(set.has(...fingerprint(`C${i}`))).toBe(true);
    let falseHits = 0;
    for (let i = 20_000; i < 40_000; i++) if (set.has(...fingerprint(`C${i}`))) falseHits++;
    expect(falseHits).toBe(0);
  });

  it('addNew adds once: true the first time, false after, across growth; has agrees', async () => {
    const { FingerprintSet, fingerprint } = await import('../../src/conversations/fingerprints.js');
    const set = new FingerprintSet();
    const firsts = Array.from({ length: 20_000 }, (_, i) => set.addNew(...fingerprint(`C${i}`)));
    expect(firsts.every(Boolean)).toBe(true);
    const again = Array.from({ length: 20_000 }, (_, i) => set.addNew(...fingerprint(`C${i}`)));
    expect(again.some(Boolean)).toBe(false);
    expect(set.has(...fingerprint('C19999'))).toBe(true);
    expect(set.has(...fingerprint('C20000'))).toBe(false);
  });

  it("fingerprint's first hash is fnv1a of the id (FCR keys its customers by it)", async () => {
    const { fingerprint, fnv1a } = await import('../../src/conversations/fingerprints.js');
    for (const id of ['', 'C7GDUDUDC', 'Visitor 12345', 'Zoë Ångström']) expect(fingerprint(id)[0]).toBe(fnv1a(id));
    // FNV-1a's published 32-bit test value for "a"
    expect(fnv1a('a') >>> 0).toBe(0xe40c292c);
  });
});
