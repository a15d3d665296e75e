// End to end on the bundled fixtures: the figures their READMEs work out by hand.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, reportJson } from '../helpers/cli.js';

const GENERIC = 'fixtures/generic-messages/messages.csv';
const LIVECHAT = 'fixtures/livechat-csv/chats.csv';

describe('chatkpi report on the generic sample', () => {
  it('gives the hand-worked figures', async () => {
    const r = await reportJson([GENERIC]);
    const m = r.metrics;
    expect(m.chats).toMatchObject({ value: 10, by_status: { open: 0, missed: 2, resolved: 8 } });
    expect(m.first_response_time).toMatchObject({ unit: 'seconds', count: 7, median: 30, p90: 78, max: 120 });
    expect(m.first_response_time!.mean).toBeCloseTo(41.857, 3);
    expect(m.service_level!.value).toBeCloseTo(3 / 9, 3);
    expect(m.service_level!.threshold_seconds).toBe(20);
    expect(m.csat).toMatchObject({ value: 0.6, responses: 5 });
    expect(r.inputs).toEqual([expect.objectContaining({ path: GENERIC, adapter: 'generic-messages', records: 32, skipped: 0 })]);
    expect(r.schema_version).toBe(1);
  });

  it('a metric the export cannot support is unavailable with a reason, never 0', async () => {
    const r = await reportJson([GENERIC, '--metrics', 'queue_time']);
    expect(r.metrics.queue_time).toMatchObject({ available: false });
    expect(String(r.metrics.queue_time!.reason)).toMatch(/assign/);
  });

  it('groups by agent', async () => {
    const r = await reportJson([GENERIC, '--group-by', 'agent']);
    const groups = (r.groups as Record<string, { key: string; metrics: Record<string, Record<string, unknown>> }[]>).agent!;
    const marta = groups.find((g) => g.key === 'Marta Silva')!;
    // Marta first-responds A2 (15 s), A6 (20 s), A9 (8 s); A4 is Luis's (he answered first)
    expect(marta.metrics.first_response_time).toMatchObject({ count: 3, median: 15, max: 20 });
  });

  it('--from/--to keep conversations requested in the period', async () => {
    const r = await reportJson([GENERIC, '--from', '2026-01-05T10:00:00Z', '--to', '2026-01-05T12:00:00Z']);
    // A7 (outreach at 10:00), A8 (10:10), A9 (10:20)
    expect(r.metrics.chats!.value).toBe(3);
  });
});

describe('chatkpi check', () => {
  it('exits 1 when the service level misses its target, 0 when met', async () => {
    const missed = await cli(['check', GENERIC, '--target', '80% in 20s']);
    expect(missed.code).toBe(1);
    expect(missed.stdout).toMatch(/FAIL/);
    const met = await cli(['check', GENERIC, '--target', '30% in 20s', '--target', 'csat >= 60%']);
    expect(met.code).toBe(0);
  });

  it('a bad target expression is a usage error (exit 2)', async () => {
    const r = await cli(['check', GENERIC, '--target', '80 percent fast']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/80 percent fast/);
  });

  it('a target on an unavailable metric fails with the reason', async () => {
    const r = await cli(['check', GENERIC, '--target', 'queue_time.p90 <= 1m', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { targets: { passed: boolean; reason?: string }[] };
    expect(report.targets[0]!.passed).toBe(false);
    expect(report.targets[0]!.reason).toMatch(/assign/);
  });
});

describe('LiveChat CSV end to end', () => {
  it('gives the fixture README figures and the vendor cross-check', async () => {
    const r = await reportJson([LIVECHAT]);
    expect(r.inputs).toEqual([expect.objectContaining({ adapter: 'livechat-csv', records: 10 })]);
    expect(r.metrics.chats).toMatchObject({ value: 10, by_status: { missed: 2, resolved: 8 } });
    expect(r.metrics.first_response_time).toMatchObject({ count: 7, mean: 38, median: 25, max: 121 });
    expect(r.metrics.first_response_time!.p90).toBeCloseTo(75.4, 6);
    expect(r.metrics.service_level!.value).toBeCloseTo(0.3, 6);
    expect(r.metrics.csat).toMatchObject({ value: 0.8, responses: 5 });
    const checks = r.vendor_checks as Record<string, { compared: number; differ: number }>;
    // ours adds the wait from creation to start; tolerance is 1 s or 1%: RK1Q0Z3LAY 45 vs 15, RK1Q0Z3LD1 20 vs 18 and
    // RK1Q0Z3LF3 25 vs 10 differ; 7V (39/38), BZ (11/10), E2 (121/120), G4 (5/4) agree; 8W has no human reply to compare
    expect(checks.first_response_time!.compared).toBe(7);
    expect(checks.first_response_time!.differ).toBe(3);
  });
});

describe('events', () => {
  it('chatkpi events x | chatkpi report - gives the same report', async () => {
    const events = await cli(['events', GENERIC]);
    expect(events.code).toBe(0);
    const lines = events.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ conversation_id: 'A1', at: '2026-01-05T09:00:00.000Z', type: 'message', role: 'customer' });
    const direct = await reportJson([GENERIC]);
    const piped = await reportJson(['-'], { stdin: events.stdout });
    expect(piped.metrics).toEqual(direct.metrics);
  });
});

describe('conventions', () => {
  it('--version and --help with examples on every command', async () => {
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const cmd of ['report', 'check', 'events', 'inspect', 'adapters', 'metrics']) {
      const r = await cli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:/);
    }
  });

  it('an unknown option is a usage error', async () => {
    expect((await cli(['report', GENERIC, '--frobnicate'])).code).toBe(2);
  });

  it('colour only on a terminal and never with NO_COLOR', async () => {
    const tty = await cli(['report', GENERIC, '--format', 'table'], { isTTY: true, env: { FORCE_COLOR: '1' } });
    expect(tty.stdout).toMatch(/\x1b\[/);
    const noColor = await cli(['report', GENERIC, '--format', 'table'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
    const pipe = await cli(['report', GENERIC, '--format', 'table']);
    expect(pipe.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('real data: Customer Support on Twitter sample (../shared/real)', () => {
  const TWCS = '../shared/real/twcs-sample.csv';
  it.skipIf(!existsSync(TWCS))('threads as the sample README counts them, through report and through events', async () => {
    const r = await reportJson([TWCS, '--metrics', 'chats,first_response_time,missed_rate', '-q']);
    // README: 1,312 threads, 1,288 started by a customer and 24 by a company tweet; every customer thread has a reply
    expect(r.inputs).toEqual([expect.objectContaining({ adapter: 'twcs', records: 5000, skipped: 0 })]);
    expect(r.metrics.chats).toMatchObject({ value: 1312, agent_initiated: 24, by_status: { missed: 0 } });
    expect(r.metrics.first_response_time!.count).toBe(1288);
    const events = await cli(['events', TWCS, '-q']);
    const piped = await reportJson(['-', '--metrics', 'chats,first_response_time,missed_rate', '-q'], { stdin: events.stdout });
    expect(piped.metrics).toEqual(r.metrics);
  });
});

describe('config file', () => {
  it('targets from the config; an optional one on an unavailable metric does not fail the run', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'chatkpi-config-'));
    const config = join(dir, 'chatkpi.config.json');
    writeFileSync(config, JSON.stringify({ targets: ['30% in 20s', { expression: 'nps > 30', optional: true }] }));
    const ok = await cli(['check', GENERIC, '--config', config, '--format', 'json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { targets: { expression: string; passed: boolean; reason?: string }[] };
    expect(report.targets.map((t) => [t.expression, t.passed])).toEqual([['30% in 20s', true], ['nps > 30', true]]);
    expect(report.targets[1]!.reason).toMatch(/NPS/);
    writeFileSync(config, JSON.stringify({ target: ['80% in 20s'] }));
    const bad = await cli(['check', GENERIC, '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown key "target"/);
  });
});
