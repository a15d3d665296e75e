// --format table: the terminal report. Inputs, metrics, one table per group dimension, then targets.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import {
  businessOf,
  detailText,
  FIGURE_COLUMNS,
  formatValue,
  groupCell,
  groupColumns,
  isUnavailable,
  mainFigures,
  periodText,
  settingsText,
  targetActual,
  targetMark,
  targetSummary,
  targetThreshold,
  unavailableText,
} from './format.js';
import type { RenderOptions, Report, Reporter } from './types.js';

const reporter: Reporter = {
  id: 'table',
  extensions: ['.txt'],
  render(report: Report, options: RenderOptions): string {
    const chalk = new Chalk({ level: options.color ? 1 : 0 });
    const sections = [
      `${chalk.bold(`chatkpi ${report.tool.version}`)}  ${periodText(report)}${settingsText(report) ? `\n${chalk.dim(`settings: ${settingsText(report)}`)}` : ''}`,
      inputsTable(report, chalk),
      metricsTable(report, chalk),
      ...Object.entries(report.groups).map(([by, groups]) => groupTable(by, groups, chalk)),
      ...(report.vendor_checks ? [vendorTable(report, chalk)] : []),
      ...(report.targets.length > 0 ? [targetsTable(report, chalk)] : []),
    ];
    return `${sections.join('\n\n')}\n`;
  },
};
export default reporter;

/** cli-table3 colours headers and borders by itself; we colour only through chalk, only when allowed. */
function table(head: string[], chalk: ChalkInstance, lastColumnWidth?: number): Table.Table {
  // No rule between body rows: a metrics table stays as tall as its row count.
  const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  // A long last column (details, notes) wraps at word boundaries instead of widening the table past the terminal.
  const widths = lastColumnWidth !== undefined ? { colWidths: [...head.slice(1).map(() => null), lastColumnWidth], wordWrap: true } : {};
  return new Table({ head: head.map((h) => chalk.bold(h)), chars, style: { head: [], border: [] }, ...widths });
}

function inputsTable(report: Report, chalk: ChalkInstance): string {
  const t = table(['input', 'adapter', 'records', 'skipped', 'warnings'], chalk);
  for (const i of report.inputs) t.push([i.path, i.adapter, String(i.records), i.skipped > 0 ? chalk.yellow(String(i.skipped)) : '0', String(i.warnings.length)]);
  return `${chalk.bold('inputs')}\n${t.toString()}`;
}

function metricsTable(report: Report, chalk: ChalkInstance): string {
  const t = table(['metric', ...FIGURE_COLUMNS, 'details'], chalk, DETAILS_WIDTH);
  for (const [id, result] of Object.entries(report.metrics)) {
    if (isUnavailable(result)) {
      // The reason goes in the wide details column: a spanning cell would break the borderless row layout.
      t.push([id, chalk.dim('n/a'), ...FIGURE_COLUMNS.slice(1).map(() => ''), chalk.dim(unavailableText(result))]);
      continue;
    }
    const f = mainFigures(id, result);
    t.push([id, ...FIGURE_COLUMNS.map((c) => f[c]), detailText(id, result)]);
    const business = businessOf(result);
    if (business !== undefined) {
      const b = mainFigures(id, { unit: 'seconds', ...business });
      t.push([chalk.dim('  business hours'), ...FIGURE_COLUMNS.map((c) => b[c]), '']);
    }
  }
  return `${chalk.bold('metrics')}\n${t.toString()}`;
}

/** Width of the details column of the metrics table (with padding); longer text wraps. */
const DETAILS_WIDTH = 50;

/** A terminal's width: group tables wider than this are split into several, each repeating the key column. */
const MAX_WIDTH = 120;

/** Keys down, metrics across: each metric's headline figure (value, or median for durations). */
function groupTable(by: string, groups: Report['groups'][string], chalk: ChalkInstance): string {
  const columns = groupColumns(groups);
  const cells = groups.map((g) => columns.map((c) => groupCell(c, g.metrics[c.id])));
  const titles = columns.map((c) => (c.field === 'median' ? `${c.id}\n(median)` : c.id));
  // Each column is as wide as its longest line plus borders and padding.
  const widthOf = (texts: string[]): number => Math.max(...texts.flatMap((t) => t.split('\n').map((l) => l.length))) + 3;
  const keyWidth = widthOf([by, ...groups.map((g) => g.key)]);
  const chunks: number[][] = [];
  let used = keyWidth;
  columns.forEach((_, i) => {
    const w = widthOf([titles[i]!, ...cells.map((row) => row[i]!)]);
    const last = chunks[chunks.length - 1];
    if (last === undefined || used + w > MAX_WIDTH) {
      chunks.push([i]);
      used = keyWidth + w;
    } else {
      last.push(i);
      used += w;
    }
  });
  if (chunks.length === 0) chunks.push([]);
  const tables = chunks.map((chunk) => {
    const t = table([by, ...chunk.map((i) => titles[i]!)], chalk);
    groups.forEach((g, row) => t.push([g.key, ...chunk.map((i) => (cells[row]![i] === 'n/a' ? chalk.dim('n/a') : cells[row]![i]!))]));
    return t.toString();
  });
  return `${chalk.bold(`by ${by}`)}\n${tables.join('\n')}`;
}

function vendorTable(report: Report, chalk: ChalkInstance): string {
  const t = table(['vendor check', 'source', 'compared', 'differ', 'vendor mean', 'chatkpi mean'], chalk);
  for (const [metric, v] of Object.entries(report.vendor_checks ?? {})) {
    t.push([metric, v.source, `${v.compared} of ${v.conversations}`, v.differ > 0 ? chalk.yellow(String(v.differ)) : '0', formatValue(v.vendor_mean, 'seconds'), formatValue(v.chatkpi_mean, 'seconds')]);
  }
  return `${chalk.bold('vendor checks')}\n${t.toString()}`;
}

function targetsTable(report: Report, chalk: ChalkInstance): string {
  const t = table(['', 'target', 'group', 'actual', 'threshold', 'note'], chalk);
  for (const r of report.targets) {
    const mark = targetMark(r);
    const painted = mark === 'PASS' ? chalk.green(mark) : mark === 'FAIL' ? chalk.red.bold(mark) : chalk.yellow(mark);
    const note = [r.optional ? 'optional' : '', r.actual !== null ? (r.reason ?? '') : ''].filter(Boolean).join('; ');
    t.push([painted, r.expression, r.group ? `${r.group.by} ${r.group.key}` : 'all', targetActual(r), targetThreshold(r), note]);
  }
  return `${chalk.bold('targets')}\n${t.toString()}\n${targetSummary(report)}`;
}
