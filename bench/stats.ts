// Small statistics and process-memory helpers shared by the benchmarks.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './types.js';

/** The q-quantile (0…1) of the samples, nearest rank: p99 of 100 samples is the largest but one. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('quantile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Two decimals for small numbers, one for larger: enough for milliseconds and megabytes. */
export const round = (n: number): number => (n < 10 ? Math.round(n * 100) / 100 : Math.round(n * 10) / 10);

/**
 * Peak resident set size of a live process in MiB (Linux `VmHWM`), or undefined where /proc is missing or the
 * process is gone: the benchmarks then leave the row out instead of guessing.
 */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}

/** The 1-minute load average, to say how busy the (shared) machine was while measuring. */
export const loadAverage = (): number => Math.round(loadavg()[0] * 100) / 100;

/** One result line, as the suites print it when run alone (`npx tsx bench/<suite>.ts`). */
export function formatRow(row: BenchRow): string {
  const verdict = row.ok === undefined ? '' : row.ok ? 'ok' : 'NOT MET';
  return `${row.name}: ${round(row.value)} ${row.unit}${row.goal ? ` (goal ${row.goal}: ${verdict})` : ''}`;
}

/** Runs `suite` and prints its rows when `moduleUrl` is the script node was started with. */
export async function runIfMain(moduleUrl: string, suite: () => Promise<BenchRow[]>): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  for (const row of await suite()) console.log(formatRow(row));
}
