// DuckDB is the benchmark's reference, not a dependency of chatkpi: installed on first `npm run bench`.
// It is not in devDependencies because the registry mirror used here serves only this platform's native
// binding, and a lock file without the other platforms' entries makes `npm ci` fail.
import { execFileSync } from 'node:child_process';

const VERSION = '1.5.6-r.1';
try {
  await import('@duckdb/node-api');
} catch {
  process.stderr.write(`bench: installing @duckdb/node-api@${VERSION} (not saved to package.json)\n`);
  try {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `@duckdb/node-api@${VERSION}`], { stdio: 'inherit' });
  } catch {
    process.stderr.write('bench: DuckDB could not be installed; its row will be missing\n');
  }
}
