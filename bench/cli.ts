// CLI benchmark: a whole `cogsync list-records` process (bundled CLI) reading a 1,024-record ~1 MB dataset from a
// `cogsync serve`, against the AWS CLI's `aws cognito-sync list-records` on the same server when `aws` is installed.
// The two run in alternation so both see the same (shared) machine; the goal is ≤ 0.5x the AWS CLI's median.
// Run alone: `npx tsx bench/cli.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './bench-server.js';
import { builtCli } from './built-cli.js';
import { awsCliAvailable, benchEnv, timeAwsList, timeCogsyncList } from './list-records-run.js';
import { loadAverage, median, quantile, round, runIfMain } from './stats.js';
import type { BenchRow } from './types.js';

const RUNS = Number(process.env.COGSYNC_BENCH_CLI_RUNS ?? 9);
const WARMUP = 1;
const GOAL_RATIO = 0.5;

export async function benchCli(): Promise<BenchRow[]> {
  const cli = builtCli();
  const home = mkdtempSync(join(tmpdir(), 'cogsync-bench-home-'));
  const env = benchEnv(home);
  const server = await startBenchServer(cli, env);
  try {
    const withAws = awsCliAvailable(env);
    const ours: number[] = [];
    const theirs: number[] = [];
    const loadBefore = loadAverage();
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const a = await timeCogsyncList(cli, server.url, env);
      const b = withAws ? await timeAwsList(server.url, env) : undefined;
      if (i < WARMUP) continue;
      ours.push(a);
      if (b !== undefined) theirs.push(b);
    }
    const rows: BenchRow[] = [
      { name: `cogsync list-records, 1,024 records ~1 MB, whole process: median of ${RUNS}`, value: round(median(ours)), unit: 'ms' },
      { name: 'cogsync list-records: p90', value: round(quantile(ours, 0.9)), unit: 'ms' },
    ];
    if (withAws) {
      const ratio = median(ours) / median(theirs);
      rows.push(
        { name: `aws cognito-sync list-records (AWS CLI), same server: median of ${RUNS}`, value: round(median(theirs)), unit: 'ms' },
        { name: 'cogsync / AWS CLI list-records (medians)', value: round(ratio), unit: 'x', goal: `≤ ${GOAL_RATIO}x`, ok: ratio <= GOAL_RATIO },
      );
    } else {
      rows.push({ name: 'cogsync / AWS CLI list-records: skipped, `aws` is not on PATH', value: 0, unit: '' });
    }
    const serverRss = server.peakRss();
    if (serverRss !== undefined) rows.push({ name: `server peak RSS after ${rows.length > 2 ? 2 * (WARMUP + RUNS) : WARMUP + RUNS} full listings`, value: round(serverRss), unit: 'MiB' });
    rows.push({ name: 'load average (1 min) when the suite started', value: loadBefore, unit: '' });
    return rows;
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, benchCli);
