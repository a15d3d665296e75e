// Every adapter and metric is complete: fixture, test, detection that picks it and nothing else.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters/index.js';
import { openInput } from '../src/inputs/index.js';
import { chooseAdapter } from '../src/pipeline.js';

/** Fixture files by folder; a folder is named after the adapter that reads its files. */
function fixtureFiles(): { dir: string; file: string }[] {
  const out: { dir: string; file: string }[] = [];
  for (const dir of readdirSync('fixtures')) {
    const path = join('fixtures', dir);
    if (!statSync(path).isDirectory()) continue;
    for (const file of readdirSync(path)) {
      if (/\.(csv|json|ndjson|jsonl|tsv|txt)(\.gz)?$/i.test(file) && !/^readme/i.test(file)) out.push({ dir, file: join(path, file) });
    }
  }
  return out;
}

/**
 * The adapter a fixture file belongs to: its folder's name, or for a vendor that exports several files (a folder
 * holding tickets and comments), the adapter named by the file's prefix: `fixtures/zendesk-support/...`.
 */
function expectedAdapter(dir: string, file: string): string[] {
  const ids = ADAPTERS.map((a) => a.id);
  if (ids.includes(dir)) return [dir];
  const family = ids.filter((id) => id.startsWith(`${dir}-`) || id === dir);
  return family.length > 0 ? family : [dir];
  void file;
}

describe('adapter registry', () => {
  it.each(ADAPTERS.filter((a) => a.id !== 'mapping').map((a) => [a.id]))('%s has a fixture folder and a test', (id) => {
    const folders = readdirSync('fixtures').filter((d) => d === id || id.startsWith(`${d}-`));
    expect(folders.length, `fixtures/${id}/ (or a vendor folder it belongs to)`).toBeGreaterThan(0);
    expect(existsSync(`test/adapters/${id}.test.ts`), `test/adapters/${id}.test.ts`).toBe(true);
  });

  it('are listed by id, in the locale order though compared by code unit (no collator at start-up, ~10 ms)', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    for (const a of ids) for (const b of ids) expect(Math.sign(a.localeCompare(b)), `${a} ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
  });

  it('ids are unique', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(fixtureFiles().map((f) => [f.file, f.dir]))('%s is detected as its own adapter only', async (file, dir) => {
    const input = await openInput({ path: file, isStdin: false }, new PassThrough());
    const chosen = chooseAdapter(input.sample);
    expect(expectedAdapter(dir, file)).toContain(chosen.adapter.id);
    const others = chosen.scores.filter((s) => s.id !== chosen.adapter.id && s.score > 0.5);
    expect(others, `other adapters above 0.5 on ${file}`).toEqual([]);
  });
});
