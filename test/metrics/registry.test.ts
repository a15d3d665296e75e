// Every registered metric is complete: a unique snake_case id, a test file, and an entry in METRICS.md.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/metrics/index.js';
import { conversation } from '../helpers/conversation.js';
import { options } from './options.js';

const catalogue = existsSync('../shared/METRICS.md') ? readFileSync('../shared/METRICS.md', 'utf8') : undefined;

describe('metric registry', () => {
  it('ids are unique snake_case', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it.each(METRICS.map((m) => [m.id, m] as const))('%s has a test, a catalogue entry, a description and a fold', (id, m) => {
    expect(existsSync(`test/metrics/${id}.test.ts`), `test/metrics/${id}.test.ts`).toBe(true);
    expect(existsSync(`src/metrics/${id}.ts`), `src/metrics/${id}.ts`).toBe(true);
    if (catalogue !== undefined) expect(catalogue, `../shared/METRICS.md lists \`${id}\``).toContain(`\`${id}\``);
    expect(m.description.length).toBeGreaterThan(10);
    const fold = m.create(options());
    fold.add(conversation('0s customer', '5s agent:Ana', '1m ended'));
    const result = fold.result();
    expect(JSON.parse(JSON.stringify(result)), 'a result is plain JSON').toEqual(result);
  });

  it('every source file opens with DECISIONS (or is a helper)', () => {
    for (const m of METRICS) {
      const text = readFileSync(`src/metrics/${m.id}.ts`, 'utf8');
      expect(text, m.id).toContain('DECISIONS');
    }
  });
});
