// What `chatkpi check` prints: one line per target, the groups that miss it, then `2 passed, 1 failed`.
import { Chalk } from 'chalk';
import { targetActual, targetLabel, targetMark, targetSummary } from './format.js';
import type { RenderOptions, Report, TargetResult } from './types.js';

/**
 * `PASS  service_level(20s) >= 80%   actual 83.2%`. Under --group-by, each target's groups that miss it follow,
 * indented, and those that meet it are counted in one line, so a CI log with 40 agents stays short.
 */
export function renderCheckLines(report: Pick<Report, 'targets'>, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  if (report.targets.length === 0) return 'no targets to check: give --target "80% in 20s" or "targets" in the config\n';
  const paint = (mark: string): string => (mark === 'PASS' ? chalk.green(mark) : mark === 'FAIL' ? chalk.red.bold(mark) : chalk.yellow(mark));
  const heads = blocks(report.targets);
  const width = Math.max(...heads.map(([t]) => targetLabel(t).length));
  const lines: string[] = [];
  // evaluateTargets lists each target's overall line followed by its group lines.
  for (const [t, groups] of heads) {
    lines.push(`${paint(targetMark(t))}  ${targetLabel(t).padEnd(width)}   ${actualText(t)}${t.optional ? chalk.dim('  (optional)') : ''}`);
    const missed = groups.filter((g) => !g.passed);
    // A metric unavailable overall is unavailable in every group for the same reason: say it once.
    const shown = missed.filter((g) => !(t.actual === null && g.actual === null && g.reason === t.reason));
    const groupWidth = Math.max(0, ...shown.map((g) => groupText(g).length));
    for (const g of shown) lines.push(`      ${paint(targetMark(g))}  ${groupText(g).padEnd(groupWidth)}   ${actualText(g)}`);
    if (groups.length > 0) lines.push(chalk.dim(`      ${groups.length - missed.length} of ${groups.length} groups meet it`));
  }
  lines.push(targetSummary(report));
  return `${lines.join('\n')}\n`;
}

function actualText(t: TargetResult): string {
  return t.actual === null ? targetActual(t) : `actual ${targetActual(t)}`;
}

function groupText(t: TargetResult): string {
  return t.group ? `${t.group.by} ${t.group.key}` : '';
}

/** Overall lines with the group lines after them; a group line with no overall line before it stands alone. */
function blocks(targets: readonly TargetResult[]): [TargetResult, TargetResult[]][] {
  const out: [TargetResult, TargetResult[]][] = [];
  for (const t of targets) {
    const last = out[out.length - 1];
    if (t.group !== undefined && last !== undefined && last[0].expression === t.expression) last[1].push(t);
    else out.push([t, []]);
  }
  return out;
}
