// --format junit: targets as JUnit XML test cases, the format CI systems (GitLab, Jenkins, GitHub actions) read.
import { targetActual, targetLabel, targetThreshold } from './format.js';
import type { Report, Reporter, TargetResult } from './types.js';

/**
 * One testsuite, one testcase per target line (overall and per group). A missed target is a `<failure>`; an
 * optional target's miss is `<skipped>`, so the CI's count of failures equals chatkpi's exit status.
 */
const reporter: Reporter = {
  id: 'junit',
  extensions: ['.xml'],
  render(report: Report): string {
    const failures = report.targets.filter((t) => !t.passed && !t.optional).length;
    const skipped = report.targets.filter((t) => !t.passed && t.optional).length;
    const counts = `tests="${report.targets.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="chatkpi" ${counts}>`,
      `  <testsuite name="chatkpi targets" ${counts}>`,
      `    <properties>`,
      `      <property name="version" value="${attr(report.tool.version)}"/>`,
      `      <property name="period" value="${attr(`${report.period.from ?? ''}..${report.period.to ?? ''} ${report.period.timezone}`)}"/>`,
      ...report.inputs.map((i) => `      <property name="input" value="${attr(`${i.path} (${i.adapter}, ${i.records} records, ${i.skipped} skipped)`)}"/>`),
      `    </properties>`,
      ...report.targets.map(testcase),
      '  </testsuite>',
      '</testsuites>',
    ];
    return `${lines.join('\n')}\n`;
  },
};
export default reporter;

function testcase(t: TargetResult): string {
  const open = `    <testcase classname="${attr(t.group ? `chatkpi.${t.group.by}` : 'chatkpi')}" name="${attr(targetLabel(t))}" time="0"`;
  const summary = `${t.actual === null ? targetActual(t) : `actual ${targetActual(t)}`}, target ${targetThreshold(t)}`;
  if (t.passed) {
    return t.reason !== undefined ? `${open}>\n      <system-out>${text(t.reason)}</system-out>\n    </testcase>` : `${open}/>`;
  }
  const body = `${t.expression}${t.group ? ` [${t.group.by} ${t.group.key}]` : ''}: ${summary}${t.reason !== undefined && t.actual !== null ? ` (${t.reason})` : ''}`;
  if (t.optional) return `${open}>\n      <skipped message="${attr(`optional target missed: ${summary}`)}"/>\n    </testcase>`;
  return `${open}>\n      <failure message="${attr(summary)}" type="TargetMissed">${text(body)}</failure>\n    </testcase>`;
}

/** XML 1.0 forbids most control characters even escaped; drop them, then escape markup. */
function text(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
