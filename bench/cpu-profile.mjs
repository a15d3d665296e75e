#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time and the most
// inclusive time, as milliseconds and shares of the profile. Used to find chatkpi's hot spots:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/chatkpi.js report FILE --format json > /dev/null
//   node bench/cpu-profile.mjs /tmp/prof/*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function where(frame) {
  if (!frame.url) return '';
  const path = frame.url.startsWith('file://') ? relative(ROOT, fileURLToPath(frame.url)) : frame.url;
  return `${path}:${frame.lineNumber + 1}`;
}

function summarize(profile, top) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfMs = new Map(); // node id -> ms
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const key = (node) => `${node.callFrame.functionName || '(anonymous)'}  ${where(node.callFrame)}`;

  const self = new Map();
  const inclusive = new Map();
  for (const [id, ms] of selfMs) {
    const node = nodes.get(id);
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    // Credit each distinct function on the stack once, so recursion does not count twice.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = key(nodes.get(at));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  }
  const rows = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `profile: ${totalMs.toFixed(0)} ms sampled`,
    '', `self time (top ${top}):`, ...rows(self),
    '', `inclusive time (top ${top}):`, ...rows(inclusive),
  ].join('\n');
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
if (args.length === 0 || !(top > 0)) {
  process.stderr.write('usage: node bench/cpu-profile.mjs FILE.cpuprofile... [--top N]\n');
  process.exit(2);
}
for (const file of args) process.stdout.write(`${file}\n${summarize(JSON.parse(readFileSync(file, 'utf8')), top)}\n\n`);
