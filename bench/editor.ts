// Editor benchmark, in a real pseudo-terminal (node-pty, 100×30) against `cogsync serve` in its own process, with
// the bundled CLI (what `npm run build` ships) and a dataset at the service's limits (1,024 records, ~1 MB):
//   - process start → the records on screen, through the deep link (--endpoint-url … --dataset-name …), against the
//     AWS CLI's `list-records` on the same server (run in alternation; goal ≤ 0.5x); both without NODE_EXTRA_CA_CERTS
//     (see benchEnv), plus a series with it when the caller has it set;
//   - keypress → frame for cursor moves (j/k), page moves (PgDn/PgUp) and typing in the `/` filter: from writing the
//     key to the pty until the output holding the expected change arrives (goal: median < 16 ms, p99 < 50 ms);
//   - the editor's peak RSS (goal < 150 MB) and the server's.
// Keys are sent one at a time, each after the previous one's frame plus a pause longer than Ink's frame throttle, so
// a sample is one key's latency, not a queue. Run alone: `npx tsx bench/editor.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWindow, applyMove, type TableWindow, type WindowMove } from '../src/ui/state/table-window.js';
import { DATASET, IDENTITY, POOL, RECORDS, recordKey, recordValue, startBenchServer } from './bench-server.js';
import { builtCli } from './built-cli.js';
import { awsCliAvailable, benchEnv, extraCaCerts, timeAwsList } from './list-records-run.js';
import { PtyDriver } from './pty-driver.js';
import { loadAverage, median, peakRssMiB, quantile, round, runIfMain } from './stats.js';
import type { BenchRow } from './types.js';

const STARTS = Number(process.env.COGSYNC_BENCH_STARTS ?? 11);
/** Pause after each frame before the next key: longer than Ink's render throttle (30 fps, 34 ms). */
const KEY_GAP_MS = 40;
const CURSOR_ROUNDS = 2;
const CURSOR_MOVES = 60;
const PAGE_MOVES = 40;
const FILTER_ROUNDS = 6;
const FILTER_QUERY = 'key-012';
const GOAL_START_RATIO = 0.5;
const GOAL_MEDIAN_MS = 16;
const GOAL_P99_MS = 50;
const GOAL_RSS_MIB = 150;

const KEYS: Record<WindowMove, string> = { down: 'j', up: 'k', pageDown: '\u001b[6~', pageUp: '\u001b[5~', home: 'g', end: 'G' };
const ESC = '\u001b';
const BACKSPACE = '\u007f';

/** The editor without AWS keys: a loopback --endpoint-url then counts as a local connection, as for a user. */
function editorEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...benchEnv(home), CI: 'false', TERM: 'xterm-color', COGSYNC_E2E: '1' };
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  return env;
}

const deepLink = (endpoint: string) => [
  '--endpoint-url', endpoint,
  '--identity-pool-id', POOL,
  '--identity-id', IDENTITY,
  '--dataset-name', DATASET,
];

/** The records screen is up: the position line counts every record and the first key shows. */
const recordsShown = (text: string) => text.includes(`of ${RECORDS.toLocaleString('en-US')}`) && text.includes(recordKey(0));

/** The selected row is drawn `›` + marker column + space + key. */
const selectedRowShows = (index: number) => (text: string) => text.includes(`›  ${recordKey(index)}`);

/** Starts the editor, waits for the records; resolves with the ms from spawn, the driver still running. */
async function openEditor(cli: string, endpoint: string, env: NodeJS.ProcessEnv): Promise<{ driver: PtyDriver; ms: number }> {
  const driver = new PtyDriver(process.execPath, [cli, ...deepLink(endpoint)], env);
  try {
    const at = await driver.waitFor(recordsShown, 0, 30_000);
    return { driver, ms: at - driver.startedAt };
  } catch (error) {
    driver.kill();
    throw error;
  }
}

/** One start → records on screen, then q. */
async function timeStart(cli: string, endpoint: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { driver, ms } = await openEditor(cli, endpoint, env);
  await quit(driver);
  return ms;
}

async function quit(driver: PtyDriver): Promise<void> {
  driver.write('q');
  const code = await Promise.race([driver.exited, sleep(5_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    driver.kill();
    throw new Error('the editor did not quit on q within 5 s');
  }
}

/** The viewport (rows of the table) from the position line `1–23 of 1,024`. */
function viewportOf(text: string): number {
  const found = /1–(\d+) of 1,024/.exec(text);
  if (!found) throw new Error(`no position line in the first frame:\n${text.slice(-2000)}`);
  return Number(found[1]);
}

async function moveSamples(driver: PtyDriver, window: TableWindow, moves: WindowMove[]): Promise<{ samples: number[]; window: TableWindow }> {
  const samples: number[] = [];
  let w = window;
  for (const move of moves) {
    const next = applyMove(w, move);
    if (next.selected === w.selected) throw new Error(`bench bug: ${move} from ${w.selected} changes nothing`);
    samples.push(await driver.press(KEYS[move], selectedRowShows(next.selected), 5_000));
    w = next;
    await sleep(KEY_GAP_MS);
  }
  return { samples, window: w };
}

/** `/key-012   10/1,024`: the query, the cursor cell, two spaces, and the count it must match. */
function filterShows(query: string): (text: string) => boolean {
  const needle = query.toLowerCase();
  let matched = 0;
  for (let i = 0; i < RECORDS; i++) if (`${recordKey(i)} ${recordValue(i)}`.toLowerCase().includes(needle)) matched++;
  const expected = `/${query}   ${matched.toLocaleString('en-US')}/${RECORDS.toLocaleString('en-US')}`;
  return (text) => text.includes(expected);
}

async function filterSamples(driver: PtyDriver): Promise<number[]> {
  const samples: number[] = [];
  await driver.press('/', filterShows(''), 5_000);
  await sleep(KEY_GAP_MS);
  for (let round = 0; round < FILTER_ROUNDS; round++) {
    for (let n = 1; n <= FILTER_QUERY.length; n++) {
      samples.push(await driver.press(FILTER_QUERY[n - 1], filterShows(FILTER_QUERY.slice(0, n)), 5_000));
      await sleep(KEY_GAP_MS);
    }
    for (let n = FILTER_QUERY.length - 1; n >= 0; n--) {
      samples.push(await driver.press(BACKSPACE, filterShows(FILTER_QUERY.slice(0, n)), 5_000));
      await sleep(KEY_GAP_MS);
    }
  }
  driver.write(ESC);
  await sleep(100);
  return samples;
}

function latencyRows(what: string, samples: number[]): BenchRow[] {
  const mid = median(samples);
  const p99 = quantile(samples, 0.99);
  return [
    { name: `${what}: keypress → frame median (${samples.length} keys)`, value: round(mid), unit: 'ms', goal: `< ${GOAL_MEDIAN_MS} ms`, ok: mid < GOAL_MEDIAN_MS },
    { name: `${what}: keypress → frame p99`, value: round(p99), unit: 'ms', goal: `< ${GOAL_P99_MS} ms`, ok: p99 < GOAL_P99_MS },
  ];
}

export async function benchEditor(): Promise<BenchRow[]> {
  const cli = builtCli();
  const home = mkdtempSync(join(tmpdir(), 'cogsync-bench-home-'));
  const env = editorEnv(home);
  const server = await startBenchServer(cli, benchEnv(home));
  const rows: BenchRow[] = [];
  try {
    const loadBefore = loadAverage();
    // Start-up, in alternation with the AWS CLI's list-records when it is installed. The first of each is a warm-up.
    const withAws = awsCliAvailable(benchEnv(home));
    // When the caller has NODE_EXTRA_CA_CERTS, a third series keeps it (see benchEnv): what a user with it set waits.
    const caCerts = extraCaCerts();
    const caEnv = caCerts ? { ...env, NODE_EXTRA_CA_CERTS: caCerts } : undefined;
    const starts: number[] = [];
    const aws: number[] = [];
    const caStarts: number[] = [];
    for (let i = 0; i <= STARTS; i++) {
      const ms = await timeStart(cli, server.url, env);
      const awsMs = withAws ? await timeAwsList(server.url, benchEnv(home)) : undefined;
      const caMs = caEnv ? await timeStart(cli, server.url, caEnv) : undefined;
      if (i === 0) continue;
      starts.push(ms);
      if (awsMs !== undefined) aws.push(awsMs);
      if (caMs !== undefined) caStarts.push(caMs);
    }
    rows.push({ name: `start → 1,024 records (~1 MB) on screen, deep link: median of ${STARTS}`, value: round(median(starts)), unit: 'ms' });
    if (caEnv) {
      rows.push({ name: `the same with this machine's NODE_EXTRA_CA_CERTS: median of ${STARTS}`, value: round(median(caStarts)), unit: 'ms' });
    }
    if (withAws) {
      const ratio = median(starts) / median(aws);
      rows.push(
        { name: `aws cognito-sync list-records (AWS CLI), same server: median of ${STARTS}`, value: round(median(aws)), unit: 'ms' },
        { name: 'editor start to records / AWS CLI list-records (medians)', value: round(ratio), unit: 'x', goal: `≤ ${GOAL_START_RATIO}x`, ok: ratio <= GOAL_START_RATIO },
      );
      if (caEnv) {
        rows.push({ name: 'the same ratio with NODE_EXTRA_CA_CERTS (see benchEnv)', value: round(median(caStarts) / median(aws)), unit: 'x' });
      }
    } else {
      rows.push({ name: 'editor start / AWS CLI list-records: skipped, `aws` is not on PATH', value: 0, unit: '' });
    }

    // Key latencies, in one editor session.
    const { driver } = await openEditor(cli, server.url, env);
    try {
      await driver.waitFor((t) => t.includes('‹ready›'), 0, 10_000);
      let window = createWindow(RECORDS, viewportOf(driver.textSince(0)));
      const cursor: number[] = [];
      for (let round = 0; round < CURSOR_ROUNDS; round++) {
        const moves: WindowMove[] = [...Array(CURSOR_MOVES).fill('down'), ...Array(CURSOR_MOVES).fill('up')];
        const result = await moveSamples(driver, window, moves);
        cursor.push(...result.samples);
        window = result.window;
      }
      const pages = await moveSamples(driver, window, [...Array(PAGE_MOVES).fill('pageDown'), ...Array(PAGE_MOVES).fill('pageUp')]);
      const filter = await filterSamples(driver);
      rows.push(
        ...latencyRows('cursor j/k', cursor),
        ...latencyRows('page PgDn/PgUp', pages.samples),
        ...latencyRows('filter typing (type and erase `key-012`)', filter),
      );
      const editorRss = peakRssMiB(driver.pid);
      if (editorRss !== undefined) {
        rows.push({ name: 'editor peak RSS (after the key runs)', value: round(editorRss), unit: 'MiB', goal: `< ${GOAL_RSS_MIB} MiB`, ok: editorRss < GOAL_RSS_MIB });
      }
      await quit(driver);
    } finally {
      driver.kill();
    }
    const serverRss = server.peakRss();
    if (serverRss !== undefined) rows.push({ name: 'server peak RSS (editor suite: every start and the key runs)', value: round(serverRss), unit: 'MiB' });
    rows.push({ name: 'load average (1 min) when the suite started', value: loadBefore, unit: '' });
    return rows;
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, benchEditor);
