#!/usr/bin/env node
// Runs every test file under test/ with node's test runner through tsx.
// Node 20's runner does not expand globs, so the files are listed here; a run
// that finds no test file fails rather than passing with zero tests.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, full));
  }
  return out;
}

let files = collect(join(root, 'test'));
if (filters.length > 0) files = files.filter((f) => filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}

const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // Tests must never reach real AWS or read the user's AWS files.
  AWS_ACCESS_KEY_ID: 'AKIDTESTCOGSYNC',
  AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent/cogsync-test-aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cogsync-test-aws-credentials',
};
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;
delete env.AWS_ENDPOINT_URL;

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
