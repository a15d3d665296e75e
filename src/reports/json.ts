// --format json: the report as CONTRACT.md shapes it, indented for people and jq alike.
import type { Reporter } from './types.js';

const reporter: Reporter = {
  id: 'json',
  extensions: ['.json'],
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
export default reporter;
