// Every reporter on the shared fixture: the key cells, colour only when allowed, escaping, counts.
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/reports/csv.js';
import { esc } from '../../src/reports/html.js';
import { findReporter, reporterForPath, REPORTERS } from '../../src/reports/index.js';
import type { Reporter } from '../../src/reports/types.js';
import { HOSTILE_AGENT, reportFixture } from './report-fixture.js';

const reporter = (id: string): Reporter => {
  const r = findReporter(id);
  if (r === undefined) throw new Error(`no reporter ${id}`);
  return r;
};
const render = (id: string, color = false): string => reporter(id).render(reportFixture(), { color });
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('registry', () => {
  it('has one reporter per --format, each selectable by extension', () => {
    expect(REPORTERS.map((r) => r.id).sort()).toEqual(['csv', 'html', 'json', 'junit', 'markdown', 'table']);
    expect(reporterForPath('out/report.MD')?.id).toBe('markdown');
    expect(reporterForPath('kpi.xml')?.id).toBe('junit');
    expect(reporterForPath('r.htm')?.id).toBe('html');
    expect(reporterForPath('r.csv')?.id).toBe('csv');
    expect(reporterForPath('r.json')?.id).toBe('json');
    expect(reporterForPath('r.txt')?.id).toBe('table');
    expect(reporterForPath('r.pdf')).toBeUndefined();
  });

  it.each(['csv', 'html', 'json', 'junit', 'markdown', 'table'])('%s never colours when color is false, and ends with a newline', (id) => {
    const out = render(id);
    expect(out).not.toMatch(/\x1b\[/);
    expect(out.endsWith('\n')).toBe(true);
  });
});

describe('table', () => {
  const out = render('table');

  it('summarizes the inputs', () => {
    expect(out).toMatch(/│ exports\/chats\.csv │ generic-messages │ 120\s+│ 2\s+│ 2\s+│/);
  });

  it('lays out a distribution as durations, with its business-hours line', () => {
    expect(out).toMatch(/│ first_response_time │\s+│ 37\s+│ 1m 05s │ 30s\s+│ 2h 10m\s+│ 1d 1h\s+│/);
    expect(out).toMatch(/│\s+business hours\s+│\s+│ 37\s+│ 20s\s+│ 12\.5s\s+│ 10m 00s │ 1h 00m │/);
  });

  it('shows ratios as percentages, scores and counts as numbers, unavailable metrics with the reason', () => {
    expect(out).toMatch(/│ service_level\s+│ 82\.5% │ 40\s+│.*in 20s 82\.5%, in 1m 00s\s+│\n│\s+│.*│ 90\.0%\s+│/); // details wrap at 50 columns
    expect(out).toMatch(/│ missed_rate\s+│ 7\.5%\s+│/);
    expect(out).toMatch(/│ nps\s+│ 31\s+│.*promoters 12, passives 5, detractors 4/);
    expect(out).toMatch(/│ chats\s+│ 40\s+│.*open 1, missed 3, resolved 36/);
    expect(out).toMatch(/│ csat\s+│ n\/a\s+│.*n\/a: export has no rating field/);
  });

  it('has one table per group dimension with the headline figure per key', () => {
    expect(out).toContain('by agent');
    expect(out).toMatch(/│ agent\s+│ chats │ first_response_time │\n│\s+│\s+│ \(median\)\s+│/);
    expect(out).toMatch(/│ Ana\s+│ 25\s+│ 20s\s+│/);
    expect(out).toContain(`│ ${HOSTILE_AGENT} │ 15    │ 1m 35s`);
  });

  it('splits a group table wider than 120 columns, repeating the key column', () => {
    const r = reportFixture();
    const metrics = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a_rather_long_metric_${i}`, { value: i }]));
    r.groups = { channel: [{ key: 'web', metrics }, { key: 'email', metrics }] };
    const text = reporter('table').render(r, { color: false });
    const section = text.slice(text.indexOf('by channel'), text.indexOf('vendor checks'));
    for (const line of section.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    // columns of 25-26 characters (name + 3 for padding and border): 4 fit beside the 10-character key column in 120
    expect(count(section, '│ channel │')).toBe(3);
    expect(count(section, '│ email   │')).toBe(3);
    expect(section).toContain('a_rather_long_metric_11');
  });

  it('marks every target line and sums them up', () => {
    expect(count(out, '│ PASS │')).toBe(3);
    expect(count(out, '│ FAIL │')).toBe(3);
    expect(count(out, '│ MISS │')).toBe(1);
    expect(out).toMatch(/│ FAIL │ first_response_time\.p90 <= 2m │ all\s+│ 2h 10m\s+│ <= 2m 00s │/);
    expect(out).toMatch(/│ FAIL │ csat >= 80%\s+│ all\s+│ n\/a: export has no rating field │ >= 80\.0%/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('3 passed, 3 failed, 1 optional missed');
  });

  it('colours only with color:true, and the text under the colour is the same', () => {
    const coloured = render('table', true);
    expect(coloured).toContain('\x1b[32mPASS\x1b[39m');
    expect(coloured).toMatch(/\x1b\[31m(\x1b\[1m)?FAIL/);
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(out);
  });

  it('names the settings and the vendor cross-check', () => {
    expect(out).toContain('settings: service level threshold seconds 20, business hours mon-fri 09:00-18:00');
    expect(out).toMatch(/│ first_response_time │ first response time │ 7 of 10\s+│ 3\s+│ 38s\s+│ 41\.5s\s+│/);
  });

  it('leaves out the targets table when there are none', () => {
    const r = reportFixture();
    r.targets = [];
    const text = reporter('table').render(r, { color: false });
    expect(text).not.toContain('PASS');
    expect(text).not.toContain('passed');
  });
});

describe('json', () => {
  it('is the report itself, indented, one trailing newline', () => {
    const out = render('json');
    expect(JSON.parse(out)).toEqual(reportFixture());
    expect(out).toMatch(/^\{\n {2}"schema_version": 1,\n/);
    expect(out.endsWith('}\n')).toBe(true);
  });
});

describe('markdown', () => {
  const out = render('markdown');

  it('has the metrics, business and group tables with formatted cells', () => {
    expect(out).toContain('| first_response_time |  | 37 | 1m 05s | 30s | 2h 10m | 1d 1h |  |');
    expect(out).toContain('| first_response_time (business hours) |  | 37 | 20s | 12.5s | 10m 00s | 1h 00m |  |');
    expect(out).toContain('| csat | n/a: export has no rating field |');
    expect(out).toContain('## By agent');
    expect(out).toContain('| Ana | 25 | 20s |');
  });

  it('names the settings and the vendor cross-check', () => {
    expect(out).toContain('Settings: service level threshold seconds 20, business hours mon-fri 09:00-18:00.');
    expect(out).toContain('| first_response_time | first response time | 7 of 10 | 3 | 38s | 41.5s |');
  });

  it('escapes pipes and tags so a name cannot break a table', () => {
    expect(out).toContain('| \\<b>Luis\\</b> \\| "Bob", & co | 15 | 1m 35s |');
    expect(out).not.toContain('<b>Luis</b>');
  });

  it('lists the targets with marks and the summary', () => {
    expect(count(out, '❌ FAIL')).toBe(3);
    expect(count(out, '✅ PASS')).toBe(3);
    expect(count(out, '⚠️ MISS')).toBe(1);
    expect(out).toContain('**3 passed, 3 failed, 1 optional missed**');
  });

  it('every table row has as many cells as its header', () => {
    const tables = out.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables).toHaveLength(5); // inputs, metrics, by agent, vendor checks, targets
    for (const t of tables) {
      const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
      const rows = t.split('\n');
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    }
  });
});

describe('csv', () => {
  const out = render('csv');
  const rows = out.split('\r\n').slice(0, -1);

  it('is long format with one row per figure: 1 header + 27 overall + 18 group + 23 target rows', () => {
    // overall: chats 4, first_response_time 6 + business 5, service_level 5, csat 2, nps 4, missed_rate 1
    // agent: (chats 1 + first_response_time 6 + csat 2) x 2; targets: 3 each, plus 2 reasons
    expect(rows[0]).toBe('scope,group,metric,field,value');
    expect(rows).toHaveLength(69);
  });

  it('keeps JSON units and dotted paths', () => {
    expect(rows).toContain('overall,,first_response_time,p90,7800');
    expect(rows).toContain('overall,,first_response_time,business.median,12.5');
    expect(rows).toContain('overall,,service_level,by_threshold.60,0.9');
    expect(rows).toContain('overall,,csat,available,false');
    expect(rows).toContain('overall,,csat,reason,export has no rating field');
    expect(rows).toContain('agent,Ana,first_response_time,median,20');
    expect(rows).toContain('target,,csat >= 80%,actual,');
    expect(rows).toContain('target,,missed_rate <= 5%,passed,false');
  });

  it('quotes commas and quotes (RFC 4180)', () => {
    expect(rows).toContain('agent,"<b>Luis</b> | ""Bob"", & co",chats,value,15');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-5', '-5'],
    ['-2.5e3', '-2.5e3'],
    ['-rm', "'-rm"],
  ])('csvCell(%j) → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('html', () => {
  const out = render('html');

  it('is one self-contained page: no scripts, no external assets', () => {
    expect(out.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(out).toContain('<meta charset="utf-8">');
    expect(out).not.toMatch(/<script|<link|<img|https?:\/\//i);
    expect(out.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('escapes every text', () => {
    expect(out).toContain('<td>&lt;b&gt;Luis&lt;/b&gt; | &quot;Bob&quot;, &amp; co</td>');
    expect(out).not.toContain('<b>Luis');
    expect(out).toContain('<td>first_response_time.p90 &lt;= 2m</td>');
    expect(esc(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });

  it('has the figures, the unavailable reason and the target marks', () => {
    expect(out).toContain('<td class="num">1m 05s</td><td class="num">30s</td><td class="num">2h 10m</td><td class="num">1d 1h</td>');
    expect(out).toContain('<tr class="business"><td>first_response_time (business hours)</td>');
    expect(out).toContain('<td class="na" colspan="7">n/a: export has no rating field</td>');
    expect(count(out, '<td class="fail">FAIL</td>')).toBe(3);
    expect(count(out, '<td class="pass">PASS</td>')).toBe(3);
    expect(count(out, '<td class="miss">MISS</td>')).toBe(1);
    expect(out).toContain('<h2>By agent</h2>');
    expect(out).toContain('<td>first_response_time</td><td>first response time</td><td class="num">7 of 10</td><td class="num">3</td><td class="num">38s</td><td class="num">41.5s</td>');
  });
});

describe('junit', () => {
  const out = render('junit');

  it('has one testsuite and one testcase per target line', () => {
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(count(out, '<testsuite ')).toBe(1);
    expect(count(out, '<testcase ')).toBe(7);
    expect(out).toContain('<testsuite name="chatkpi targets" tests="7" failures="3" errors="0" skipped="1">');
  });

  it('a missed target is a failure with a message; an optional miss is skipped', () => {
    expect(count(out, '<failure ')).toBe(3);
    expect(out).toContain('<failure message="actual 2h 10m, target &lt;= 2m 00s" type="TargetMissed">');
    expect(out).toContain('<failure message="n/a: export has no rating field, target &gt;= 80.0%"');
    expect(count(out, '<skipped ')).toBe(1);
    expect(out).toContain('<skipped message="optional target missed: actual 7.5%, target &lt;= 5.0%"/>');
  });

  it('escapes names in attributes and text, and drops characters XML cannot hold', () => {
    expect(out).toContain('name="80% in 20s [agent &lt;b&gt;Luis&lt;/b&gt; | &quot;Bob&quot;, &amp; co]"');
    expect(out).not.toContain('<b>');
    const r = reportFixture();
    r.targets = [{ ...r.targets[2]!, group: { by: 'agent', key: 'bell\u0007"' } }];
    const one = reporter('junit').render(r, { color: false });
    expect(one).toContain('name="80% in 20s [agent bell&quot;]"');
    expect(one).not.toContain('\u0007');
  });

  it('with no targets is an empty, passing suite', () => {
    const r = reportFixture();
    r.targets = [];
    const empty = reporter('junit').render(r, { color: false });
    expect(empty).toContain('tests="0" failures="0"');
    expect(empty).not.toContain('<testcase');
  });
});
