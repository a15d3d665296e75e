import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationBatch } from '../../src/conversations/batch.js';
import fcr, { Contacts } from '../../src/metrics/fcr.js';
import { conversationWith } from '../helpers/conversation.js';
import { run } from './options.js';

const chat = (id: string, ...lines: string[]) => conversationWith({ id }, ...lines);

describe('fcr', () => {
  const sample = () => [
    chat('a1', '0s customer customer=alice', '5s agent:Ana', '10m resolved'), // alice comes back 2 days later: recontact
    chat('a2', '2d customer customer=alice', '2d5s agent:Ana', '2d10m resolved'), // last of alice's: first contact
    chat('b1', '0s customer customer=bob', '5s agent:Ana', '1m transferred:Bo', '10m resolved'), // transferred
    chat('c1', '0s customer customer=cy', '5s agent:Ana', '10m resolved'), // cy returns after 8 days: outside 7 d
    chat('c2', '8d customer customer=cy', '8d5m ended'), // missed follow-up: not eligible itself
    chat('d1', '0s customer customer=dee', '5s agent:Ana', '1m resolved', '2m reopened', '3m resolved'), // reopened
    chat('e1', '0s customer', '5s agent:Ana', '1m resolved'), // no customer id
  ];

  it('resolved, clean, and no recontact within 7 days', () => {
    // eligible a1 a2 b1 c1 d1 = 5; first contact a2, c1 = 2
    expect(run(fcr, sample())).toEqual({
      value: 0.4, resolved_first_contact: 2, count: 5, reopened_or_passed_on: 2, recontacted: 1, unidentified: 1, window_seconds: 604_800,
    });
  });

  it('a longer window catches the 8-day return', () => {
    expect(run(fcr, sample(), { recontactWindowSeconds: 10 * 86_400 })).toMatchObject({ resolved_first_contact: 1, recontacted: 2 });
  });

  it('order of arrival does not matter', () => {
    expect(run(fcr, sample().reverse())).toMatchObject({ value: 0.4 });
  });

  it('tells customers apart by every byte, however long (40 and 41 bytes, a shared 40-byte prefix, non-ASCII)', () => {
    const p = 'x'.repeat(40);
    const contact = (id: string, customer: string, day: number) =>
      chat(id, `${day}d customer customer=${customer}`, `${day}d5s agent:Ana`, `${day}d10m resolved`);
    const chats = [
      contact('l1', p, 0), contact('l2', p, 1), // 40 bytes, kept as bytes: l1 recontacted
      contact('m1', `${p}y`, 0), contact('m2', `${p}y`, 2), // 41 bytes, kept as a string: m1 recontacted
      contact('n1', `${p}z`, 0), // the same 40 bytes first: no one comes back
      contact('z1', 'Zoë', 0), contact('z2', 'Zoë', 3), // z1 recontacted
      contact('z3', 'Zoé', 1), // differs in its last byte from Zoë
    ];
    expect(run(fcr, chats)).toMatchObject({ count: 8, recontacted: 3, resolved_first_contact: 5 });
  });

  it('finds every customer again after its table has grown (3,000 customers pending at once)', () => {
    const chats = [];
    for (const [round, at] of [['a', 0], ['b', 4000]] as const) {
      for (let k = 0; k < 3000; k++) chats.push(chat(`${round}${k}`, `${at + k}s customer customer=c${k}`, `${at + k + 5}s agent:Ana`, `${at + k + 60}s resolved`));
    }
    expect(run(fcr, chats)).toMatchObject({ count: 6000, recontacted: 3000, resolved_first_contact: 3000 });
  });

  it('keeps two customers whose hashes collide apart (32-bit FNV-1a: found by search), as bytes and as long strings', () => {
    const contact = (id: string, customer: string, day: number) =>
      chat(id, `${day}d customer customer=${customer}`, `${day}d5s agent:Ana`, `${day}d10m resolved`);
    for (const [a, b] of [['visitor-122789', 'visitor-339192'], ['customer-with-a-long-address@example.com/162789', 'customer-with-a-long-address@example.com/379192']]) {
      // a's two contacts: the first recontacted; b's one comes between them and must not count for a
      expect(run(fcr, [contact('a1', a!, 0), contact('b1', b!, 1), contact('a2', a!, 2)])).toMatchObject({ count: 3, recontacted: 1 });
      expect(run(fcr, [contact('a1', a!, 0), contact('b1', b!, 1)])).toMatchObject({ count: 2, recontacted: 0 });
    }
  });
});

describe('fcr against the definition, in any order of arrival', () => {
  it('counts the same recontacts as a pairwise check (in start order, shuffled, or nearly sorted)', () => {
    const W = 7 * 86_400;
    const contact = fc.record({
      customer: fc.constantFrom('alice', 'bob', 'cy'),
      start: fc.integer({ min: 0, max: 20 * 86_400 }),
      length: fc.integer({ min: 60, max: 3 * 86_400 }),
      passed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(contact, { maxLength: 40, size: 'max' }), fc.constantFrom('sorted', 'shuffled', 'swapped'), fc.nat(), (contacts, order, seed) => {
        let list = contacts.map((c, k) => ({ ...c, k }));
        if (order !== 'shuffled') list.sort((a, b) => a.start - b.start || a.k - b.k);
        if (order === 'swapped' && list.length > 1) {
          const i = seed % (list.length - 1);
          [list[i], list[i + 1]] = [list[i + 1]!, list[i]!];
        }
        if (order === 'shuffled') list = fc.sample(fc.shuffledSubarray(list, { minLength: list.length }), { seed, numRuns: 1 })[0]!;
        // arrival index = position in `list`; j recontacts i when it starts within W after i ends, later than i
        // (a same-instant one counts when it arrives later)
        let first = 0;
        let recontacted = 0;
        let passed = 0;
        list.forEach((c, i) => {
          if (c.passed) { passed++; return; }
          const back = list.some((d, j) => j !== i && d.customer === c.customer && d.start <= c.start + c.length + W
            && (d.start > c.start || (d.start === c.start && j > i)));
          if (back) recontacted++;
          else first++;
        });
        const chats = list.map((c, i) => chat(`x${i}`, `${c.start}s customer customer=${c.customer}`, `${c.start + 5}s agent:Ana`,
          ...(c.passed ? [`${c.start + 10}s transferred:Bo`] : []), `${c.start + c.length}s resolved`));
        expect(run(fcr, chats)).toMatchObject({ resolved_first_contact: first, recontacted, reopened_or_passed_on: passed, count: list.length });
      }),
      { numRuns: 300 },
    );
  });
});

describe('fcr over many weeks (contacts decided early by the sweep)', () => {
  // 30 customers: each always has contacts pending; 3,000: most go quiet for weeks, are let go by a sweep and come
  // back later (a customer's slot freed and handed to another)
  it.each([30, 3000])('agrees with the pairwise check on 12,000 contacts of %i customers arriving nearly in start order', (customers) => {
    const W = 7 * 86_400;
    let x = 12345;
    const rand = (n: number): number => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x % n; };
    const list = Array.from({ length: 12_000 }, (_, k) => ({ customer: `c${rand(customers)}`, start: k * 600 + rand(300), length: 60 + rand(3 * 86_400), passed: rand(10) === 0 }));
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i + 1 < list.length; i += 97) [list[i], list[i + 1]] = [list[i + 1]!, list[i]!]; // a little lateness
    const byCustomer = new Map<string, number[]>();
    list.forEach((c, i) => byCustomer.set(c.customer, [...(byCustomer.get(c.customer) ?? []), i]));
    let first = 0;
    let recontacted = 0;
    list.forEach((c, i) => {
      if (c.passed) return;
      const back = byCustomer.get(c.customer)!.some((j) => j !== i && list[j]!.start <= c.start + c.length + W
        && (list[j]!.start > c.start || (list[j]!.start === c.start && j > i)));
      if (back) recontacted++;
      else first++;
    });
    const chats = list.map((c, i) => chat(`x${i}`, `${c.start}s customer customer=${c.customer}`, `${c.start + 5}s agent:Ana`,
      ...(c.passed ? [`${c.start + 10}s transferred:Bo`] : []), `${c.start + c.length}s resolved`));
    expect(first).toBeGreaterThan(0);
    expect(recontacted).toBeGreaterThan(0);
    expect(run(fcr, chats)).toMatchObject({ resolved_first_contact: first, recontacted });
  });
});

describe('fcr contacts decided early (Contacts, deciding after every contact)', () => {
  // Arrivals at most L behind the newest start, and the first two show it (the second starts L before the first):
  // every later arrival starts after the horizon the decisions assume, so deciding early changes nothing.
  it('agrees with the pairwise check, and holds only about a window of contacts', () => {
    const W = 2 * 86_400_000;
    const L = 3 * 3_600_000;
    const arrival = fc.record({
      customer: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 4, max: 60 })),
      step: fc.integer({ min: 0, max: 4 * 3_600_000 }),
      behind: fc.integer({ min: 0, max: L }),
      length: fc.integer({ min: 0, max: 86_400_000 }),
      passed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 2, maxLength: 300, size: 'max' }), (arrivals) => {
        let newest = L;
        const list = arrivals.map((a, i) => {
          newest += a.step;
          const start = i === 0 ? L : i === 1 ? 0 : newest - a.behind;
          return { customer: `c${a.customer}`, start, end: start + a.length, passed: a.passed };
        });
        const tally = { eligible: 0, firstContact: 0, reopenedOrPassed: 0, recontacted: 0 };
        const contacts = new Contacts(W, tally, 1);
        const row = new ConversationBatch(1);
        let held = 0;
        for (const c of list) {
          row.setCustomer(0, c.customer);
          contacts.add(row, 0, c.start, c.end, c.passed ? 2 : 1);
          contacts.settle();
          held = Math.max(held, contacts.held);
        }
        contacts.decide(true);
        let first = 0;
        let recontacted = 0;
        list.forEach((c, i) => {
          if (c.passed) return;
          const back = list.some((d, j) => j !== i && d.customer === c.customer && d.start <= c.end + W
            && (d.start > c.start || (d.start === c.start && j > i)));
          if (back) recontacted++;
          else first++;
        });
        expect(tally).toEqual({ eligible: list.length, firstContact: first, reopenedOrPassed: list.length - first - recontacted, recontacted });
        // pending: at most the contacts of a window, a day's length, the lateness and its margin (starts come
        // every 2 hours on average: 2 d + 1 d + 2 * 3 h + 1 h is 79 hours, ~40 of them)
        if (list.length >= 200) expect(held).toBeLessThan(100);
      }),
      { numRuns: 300 },
    );
  });
});
