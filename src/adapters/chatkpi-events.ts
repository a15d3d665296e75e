// chatkpi's own event stream (`chatkpi events` output, NDJSON): so `chatkpi events x.csv | chatkpi report -`
// gives the same report as `chatkpi report x.csv`.
import { fromWire } from '../events/wire.js';
import type { Sample } from '../inputs/types.js';
import type { Adapter, Detection } from './types.js';

function detect(sample: Sample): Detection {
  if (sample.format !== 'ndjson' && sample.format !== 'json') return { score: 0, reason: 'not JSON' };
  const first = sample.records[0];
  if (first === null || typeof first !== 'object') return { score: 0, reason: 'no JSON objects' };
  const keys = Object.keys(first);
  const need = ['conversation_id', 'at', 'type', 'role'];
  return need.every((k) => keys.includes(k))
    ? { score: 0.95, reason: 'keys conversation_id, at, type, role (chatkpi events)' }
    : { score: 0, reason: 'needs keys conversation_id, at, type, role' };
}

const adapter: Adapter = {
  id: 'chatkpi-events',
  vendor: 'chatkpi normalized events (NDJSON)',
  formats: ['ndjson', 'json'],
  docs: 'CONTRACT.md, "chatkpi events"',
  detect,
  toEvents: (record) => (record.kind === 'json' ? [fromWire(record.value)] : []),
};

export default adapter;
