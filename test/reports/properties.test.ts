// Properties over generated input: any text survives CSV quoting and HTML/XML escaping intact.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/reports/csv.js';
import { esc } from '../../src/reports/html.js';
import { findReporter } from '../../src/reports/index.js';
import { reportFixture } from './report-fixture.js';

describe('csv', () => {
  it('a spreadsheet reads back every cell as written (formula-like texts with one leading apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const line = cells.map(csvCell).join(',');
        const [back] = parse(`${line}\r\n`, { relax_quotes: false, bom: false }) as string[][];
        const expected = cells.map((c) => (/^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c) ? `'${c}` : c));
        // csv-parse reads an all-empty single-cell line as no record
        if (cells.length === 1 && cells[0] === '') return back === undefined || back[0] === '';
        expect(back).toEqual(expected);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('html and junit', () => {
  it('no markup character survives esc()', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(esc(s)).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
      }),
    );
  });

  it('a group key of any text never opens a tag in the HTML or JUnit output', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (key) => {
        const r = reportFixture();
        r.groups = { agent: [{ key, metrics: { chats: { value: 1 } } }] };
        r.targets = [{ ...r.targets[2]!, group: { by: 'agent', key } }];
        const html = findReporter('html')!.render(r, { color: false });
        const xml = findReporter('junit')!.render(r, { color: false });
        const tags = (text: string) => (text.match(/<[a-zA-Z/!?]/g) ?? []).length;
        const baseline = reportFixture();
        baseline.groups = { agent: [{ key: 'k', metrics: { chats: { value: 1 } } }] };
        baseline.targets = [{ ...baseline.targets[2]!, group: { by: 'agent', key: 'k' } }];
        expect(tags(html)).toBe(tags(findReporter('html')!.render(baseline, { color: false })));
        expect(tags(xml)).toBe(tags(findReporter('junit')!.render(baseline, { color: false })));
      }),
      { numRuns: 100 },
    );
  });
});
