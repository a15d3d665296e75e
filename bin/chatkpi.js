#!/usr/bin/env node
import { run } from '../dist/cli/main.js';
process.exitCode = await run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, isTTY: Boolean(process.stdout.isTTY), isStderrTTY: Boolean(process.stderr.isTTY) });
