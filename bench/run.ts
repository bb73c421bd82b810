// `npm run bench`: runs every benchmark, prints one table and writes bench/results.json.
// Speed goals live here, never in tests.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './types.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface Suite {
  title: string;
  run: () => Promise<BenchRow[]>;
}

const suites: Suite[] = [
  { title: 'server', run: async () => (await import('./server.js')).benchServer() },
  { title: 'commit', run: async () => (await import('./commit.js')).benchCommit() },
  { title: 'cli', run: async () => (await import('./cli.js')).benchCli() },
  { title: 'editor', run: async () => (await import('./editor.js')).benchEditor() },
];

const only = process.argv.slice(2);
const results: Array<BenchRow & { suite: string }> = [];
let failures = 0;

for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.title)) continue;
  process.stderr.write(`running ${suite.title}…\n`);
  try {
    for (const row of await suite.run()) results.push({ suite: suite.title, ...row });
  } catch (error) {
    failures++;
    process.stderr.write(`${suite.title} failed: ${(error as Error).stack ?? error}\n`);
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));
const lines = [
  `| suite | measure | value | goal | ok |`,
  `|---|---|---|---|---|`,
  ...results.map((r) => `| ${r.suite} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.goal ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'} |`),
];
console.log(`machine: ${machine}\n`);
console.log(lines.join('\n'));
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ machine, at: new Date().toISOString(), results }, null, 2) + '\n');
if (failures > 0) process.exitCode = 1;
