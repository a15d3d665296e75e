// The heap guard stops a run only when the heap stays past its share after a full collection, and collects
// again only once the heap has grown halfway back to the limit.
import { describe, expect, it } from 'vitest';
import { collectGarbage, HeapGuard, readHeap, type HeapReading } from '../../src/conversations/heap-guard.js';

const MB = 1024 * 1024;

/** A guard over scripted readings (MB used, of a 100 MB limit): each collect() moves to the next "after" value. */
function scripted(readings: number[]): { guard: HeapGuard; collects: () => number } {
  let i = 0;
  let collects = 0;
  const probe = (): HeapReading => ({ usedBytes: readings[Math.min(i++, readings.length - 1)]! * MB, limitBytes: 100 * MB });
  return { guard: new HeapGuard(probe, () => collects++, 0.85), collects: () => collects };
}

describe('HeapGuard', () => {
  it('under 85% of the limit: not full, no collection', () => {
    const { guard, collects } = scripted([50, 84]);
    expect([guard.isFull(), guard.isFull()]).toEqual([false, false]);
    expect(collects()).toBe(0);
  });

  it('past 85% but garbage: one collection finds 60 MB live, not full; the next collection waits for 80 MB (halfway to 100)', () => {
    // 90 -> collect -> 60 live, floor 60 + 40 / 2 = 80; 88 is past both -> collect -> 70, floor 85; 84 is under it.
    const { guard, collects } = scripted([90, 60, 88, 70, 84]);
    expect(guard.isFull()).toBe(false);
    expect(collects()).toBe(1);
    expect(guard.isFull()).toBe(false);
    expect(collects()).toBe(2);
    expect(guard.isFull()).toBe(false);
    expect(collects()).toBe(2);
  });

  it('a reading past 85% under the floor set by the last collection does not collect again', () => {
    // 95 -> collect -> 84 live: floor 84 + (100 - 84) / 2 = 92 MB; 90 is past 85 but under 92: no collection.
    const { guard, collects } = scripted([95, 84, 90]);
    expect([guard.isFull(), guard.isFull()]).toEqual([false, false]);
    expect(collects()).toBe(1);
  });

  it('still past 85% after a collection: full, and the reading names what is live', () => {
    const { guard, collects } = scripted([97, 91]);
    expect(guard.isFull()).toBe(true);
    expect(collects()).toBe(1);
    expect(guard.last.usedBytes).toBe(91 * MB);
  });

  it('the real probe and collection work in this runtime', () => {
    collectGarbage();
    const r = readHeap();
    expect(r.usedBytes).toBeGreaterThan(0);
    expect(r.limitBytes).toBeGreaterThan(r.usedBytes);
  });
});
