// Server benchmark: how much the local server adds on top of plain HTTP for the two heavy calls, ListRecords of a full
// dataset (1,024 records, ~1 MB) and UpdateRecords of 1,024 patches. The baseline is a bare node:http server on the
// same loopback that answers with the very bytes the real server produced (and, for UpdateRecords, first reads the
// same request body), driven by the same raw keep-alive client, so the ratio isolates the server's own work.
//
// The goal rows measure each server in a process of its own: `cogsync serve` from the bundled CLI (what users run,
// like DynamoDB Local) against the bare server in another, the client in this one. The informational rows run both
// servers inside this process, as `npm start` embeds the server in the editor; there the client's work and garbage
// land on the servers' thread too.
// `npm run bench` calls benchServer(); `npx tsx bench/server.ts` runs it alone and prints a table.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CognitoSyncClient, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { startLocalServer } from '../src/local/server.js';
import { startBareServer } from './bare-server.js';
import { DATASET, IDENTITY, POOL, RECORDS, startBenchServer, VALUE_CHARS } from './bench-server.js';
import { builtCli } from './built-cli.js';
import { benchEnv } from './list-records-run.js';
import { round } from './stats.js';
import type { BenchRow } from './types.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const WARMUP = 5;
const ITERATIONS = Number(process.env.COGSYNC_BENCH_ITERATIONS ?? 100);
const SDK_ITERATIONS = 30;
const GOAL_RATIO = 2;

const DATASET_PATH = `/identitypools/${encodeURIComponent(POOL)}/identities/${encodeURIComponent(IDENTITY)}/datasets/${DATASET}`;
const LIST_PATH = `${DATASET_PATH}/records?maxResults=${RECORDS}`;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One raw HTTP exchange over a keep-alive agent; the body is read to the end, as any client must. */
function exchange(agent: http.Agent, base: URL, method: string, path: string, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function expectOk(reply: Reply, what: string): Reply {
  if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status} ${reply.body.toString('utf8', 0, 300)}`);
  return reply;
}

interface Timing {
  median: number;
  p95: number;
  perSecond: number;
  /** Median CPU time of this process per request, in ms (the client's, and the servers' when they run in it). */
  cpuMedian: number;
  /** Mean CPU time of the server's own process per request, in ms, when it runs apart (timePair's meters). */
  serverCpuMean?: number;
}

const medianOf = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length / 2) - 1];

function summarise(samples: number[], cpuSamples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { median: pick(0.5), p95: pick(0.95), perSecond: 1000 / mean, cpuMedian: medianOf(cpuSamples) };
}

/**
 * Runs one request and records its wall time and this process's CPU time. On a shared machine the wall time also counts
 * the neighbours' turns on the CPU; the CPU time does not, so its ratio is the steadier one.
 */
async function measure(run: () => Promise<void>, wall: number[], cpu: number[]): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await run();
  wall.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}

async function time(iterations: number, run: (i: number) => Promise<void>, warmup = WARMUP): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run(i);
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) await measure(() => run(warmup + i), samples, cpu);
  return summarise(samples, cpu);
}

/** CPU time a process (every thread of it) has used so far, in ms, from /proc; undefined off Linux. */
function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces), from the 3rd: utime and stime are the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture node supports

/** A way to read a server process's CPU time, to charge each request its share (ms); see processCpuMs. */
type CpuMeter = () => number | undefined;

/**
 * Times two calls in alternation (a, b, a, b, …) so that both see the same machine: on a shared CPU, timing one
 * block after the other mostly measures how busy the neighbours were in each block. With meters, each side's server
 * CPU is read around its calls (outside the timing) and reported as a mean per request.
 */
async function timePair(
  iterations: number,
  a: (i: number) => Promise<void>,
  b: (i: number) => Promise<void>,
  meters?: [CpuMeter, CpuMeter],
): Promise<[Timing, Timing]> {
  for (let i = 0; i < WARMUP; i++) {
    await a(i);
    await b(i);
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  const cpuA: number[] = [];
  const cpuB: number[] = [];
  const serverCpu = [0, 0];
  const metered = async (side: 0 | 1, run: () => Promise<void>) => {
    const before = meters?.[side]();
    await run();
    const after = meters?.[side]();
    if (before !== undefined && after !== undefined) serverCpu[side] += after - before;
  };
  for (let i = WARMUP; i < WARMUP + iterations; i++) {
    await metered(0, () => measure(() => a(i), samplesA, cpuA));
    await metered(1, () => measure(() => b(i), samplesB, cpuB));
  }
  const timings: [Timing, Timing] = [summarise(samplesA, cpuA), summarise(samplesB, cpuB)];
  if (meters) timings.forEach((t, side) => (t.serverCpuMean = serverCpu[side] / iterations));
  return timings;
}

function patches(syncCount: number, generation: number) {
  return Array.from({ length: RECORDS }, (_, i) => ({
    Op: 'replace' as const,
    Key: `key-${String(i).padStart(4, '0')}`,
    Value: `${generation % 10}`.repeat(10) + 'v'.repeat(VALUE_CHARS - 10),
    SyncCount: syncCount,
  }));
}

const updateBody = (token: string, syncCount: number, generation: number) =>
  Buffer.from(JSON.stringify({ SyncSessionToken: token, RecordPatches: patches(syncCount, generation) }));

/** A server ready for the timed calls: its list reply, and UpdateRecords bodies each carrying the counts the one before left. */
interface Prepared {
  base: URL;
  agent: http.Agent;
  listReply: Buffer;
  /** The reply to the first body (sent once, untimed), which the bare server repeats. */
  updateReply: Buffer;
  /** Bodies for the warm-up and timed calls, in order. */
  bodies: Buffer[];
  token: string;
  /** The SyncCount every record has after the last body. */
  syncCount: number;
}

/** Makes sure the dataset is full (1,024 records, one write) and builds the bodies of every timed call. */
async function prepare(base: URL, calls: number): Promise<Prepared> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const first = JSON.parse(expectOk(await exchange(agent, base, 'GET', LIST_PATH), 'first list').body.toString()) as {
    SyncSessionToken: string;
    DatasetSyncCount: number;
  };
  const token = first.SyncSessionToken;
  let syncCount = first.DatasetSyncCount;
  if (syncCount === 0) {
    expectOk(await exchange(agent, base, 'POST', DATASET_PATH, updateBody(token, 0, 0)), 'fill');
    syncCount = 1;
  }
  // Every record was written by the last call, so all of them carry the dataset's count.
  const bodies = Array.from({ length: 1 + calls }, (_, i) => updateBody(token, syncCount + i, i + 1));
  const updateReply = expectOk(await exchange(agent, base, 'POST', DATASET_PATH, bodies[0]), 'update capture').body;
  const listReply = expectOk(await exchange(agent, base, 'GET', LIST_PATH), 'list').body;
  const listed = JSON.parse(listReply.toString()) as { Count: number };
  if (listed.Count !== RECORDS) throw new Error(`expected ${RECORDS} records, listed ${listed.Count}`);
  return { base, agent, listReply, updateReply, bodies: bodies.slice(1), token, syncCount: syncCount + calls + 1 };
}

/** The bare server in a process of its own, answering with `prepared`'s replies. */
async function spawnBareServer(prepared: Prepared, dir: string): Promise<{ url: URL; pid: number; close(): Promise<void> }> {
  const listFile = join(dir, 'list-reply.json');
  const updateFile = join(dir, 'update-reply.json');
  writeFileSync(listFile, prepared.listReply);
  writeFileSync(updateFile, prepared.updateReply);
  const script = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, listFile, updateFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(new URL(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs both calls against a server and its bare twin, in alternation; `meters` when they are processes of their own. */
async function timeServers(server: Prepared, bare: URL, meters?: [CpuMeter, CpuMeter]) {
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const list = await timePair(
      ITERATIONS,
      async () => void expectOk(await exchange(server.agent, server.base, 'GET', LIST_PATH), 'list'),
      async () => void expectOk(await exchange(bareAgent, bare, 'GET', LIST_PATH), 'bare list'),
      meters,
    );
    const update = await timePair(
      ITERATIONS,
      async (i) => void expectOk(await exchange(server.agent, server.base, 'POST', DATASET_PATH, server.bodies[i]), `update ${i}`),
      async (i) => void expectOk(await exchange(bareAgent, bare, 'POST', DATASET_PATH, server.bodies[i]), 'bare update'),
      meters,
    );
    return { list, update };
  } finally {
    bareAgent.destroy();
  }
}

/** Blocks per server in the "alone" pass, and calls each block starts with untimed. */
const ROUNDS = 4;
const BLOCK_WARMUP = 2;
/** Server calls the "alone" pass makes (each UpdateRecords needs a body of its own). */
const ALONE_CALLS = WARMUP + ROUNDS * (BLOCK_WARMUP + Math.ceil(ITERATIONS / ROUNDS));

/**
 * Times two calls each alone, in blocks: the bare server's block, then the server's, ROUNDS times, each block starting
 * with BLOCK_WARMUP untimed calls. In alternation the server's work that outlasts its reply (a WAL sync in the thread
 * pool, V8's concurrent marking, the kernel writing pages back) runs during the bare server's next call and slows it;
 * here it has a block's first calls to end in, untimed. Several rounds spread the machine's changing state (a shared
 * VM's) over both sides, as alternation does.
 */
async function timeInBlocks(iterations: number, a: () => Promise<void>, b: () => Promise<void>): Promise<[Timing, Timing]> {
  for (let i = 0; i < WARMUP; i++) {
    await b();
    await a();
  }
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  const perBlock = Math.ceil(iterations / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of [1, 0] as const) {
      const run = side === 0 ? a : b;
      for (let i = 0; i < BLOCK_WARMUP; i++) await run();
      for (let i = 0; i < perBlock; i++) await measure(run, wall[side], cpu[side]);
    }
  }
  return [summarise(wall[0], cpu[0]), summarise(wall[1], cpu[1])];
}

/** ListRecords and UpdateRecords of the server and its bare twin, each alone (timeInBlocks); bodies from `offset` on. */
async function timeAlone(server: Prepared, bare: URL, offset: number) {
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let next = offset;
  try {
    const list = await timeInBlocks(
      ITERATIONS,
      async () => void expectOk(await exchange(server.agent, server.base, 'GET', LIST_PATH), 'list'),
      async () => void expectOk(await exchange(bareAgent, bare, 'GET', LIST_PATH), 'bare list'),
    );
    const update = await timeInBlocks(
      ITERATIONS,
      async () => {
        const i = next++;
        expectOk(await exchange(server.agent, server.base, 'POST', DATASET_PATH, server.bodies[i]), `update ${i}`);
      },
      async () => void expectOk(await exchange(bareAgent, bare, 'POST', DATASET_PATH, server.bodies[offset]), 'bare update'),
    );
    return { list, update };
  } finally {
    bareAgent.destroy();
  }
}

const round1 = (n: number) => Math.round(n * 100) / 100;

/** The goal rows of a server / bare pair: the medians, and sequential throughput (1 / the mean time, so the slow calls count). */
function goalRows(prefix: string, real: Timing, baseline: Timing): BenchRow[] {
  const ratio = real.median / baseline.median;
  const throughputRatio = baseline.perSecond / real.perSecond;
  return [
    { name: `${prefix} server / bare (medians)`, value: round1(ratio), unit: 'x', goal: `≤ ${GOAL_RATIO}x`, ok: ratio <= GOAL_RATIO },
    { name: `${prefix} bare / server (sequential req/s)`, value: round1(throughputRatio), unit: 'x', goal: `≤ ${GOAL_RATIO}x`, ok: throughputRatio <= GOAL_RATIO },
  ];
}

export async function benchServer(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-bench-'));
  const calls = WARMUP + ITERATIONS;
  const closers: Array<() => Promise<void> | void> = [];
  try {
    // The goal: `cogsync serve` and the bare server, each in a process of its own.
    const served = await startBenchServer(builtCli(), benchEnv(dir));
    closers.push(() => served.close());
    // Bodies for two passes: in alternation, then each server alone.
    const own = await prepare(new URL(served.url), calls + ALONE_CALLS);
    closers.push(() => own.agent.destroy());
    const ownBare = await spawnBareServer(own, dir);
    closers.push(() => ownBare.close());
    const apart = await timeServers(own, ownBare.url, [() => processCpuMs(served.pid), () => processCpuMs(ownBare.pid)]);
    const alone = await timeAlone(own, ownBare.url, calls);

    // For information: the server and the bare one inside this process, as `npm start` embeds the server.
    const embedded = await startLocalServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'embedded.db') });
    closers.push(() => embedded.close());
    const local = await prepare(new URL(embedded.url), calls);
    closers.push(() => local.agent.destroy());
    const localBare = await startBareServer(local.listReply, local.updateReply);
    closers.push(() => localBare.close());
    const together = await timeServers(local, localBare.url);

    // The SDK as a script would use it (signing, serialising 1,024 patches, parsing dates), against `cogsync serve`.
    const sdk = new CognitoSyncClient({
      endpoint: served.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret-not-real' },
      maxAttempts: 1,
    });
    closers.push(() => sdk.destroy());
    const sdkPlace = { IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: DATASET };
    let sdkToken = '';
    let syncCount = own.syncCount;
    const sdkList = await time(
      SDK_ITERATIONS,
      async () => {
        const page = await sdk.send(new ListRecordsCommand({ ...sdkPlace, MaxResults: RECORDS }));
        if (page.Count !== RECORDS) throw new Error(`SDK listed ${page.Count}`);
        sdkToken = page.SyncSessionToken!;
      },
      2,
    );
    const sdkUpdate = await time(
      SDK_ITERATIONS,
      async (i) => {
        const out = await sdk.send(
          new UpdateRecordsCommand({ ...sdkPlace, SyncSessionToken: sdkToken, RecordPatches: patches(syncCount, 1000 + i) }),
        );
        syncCount++;
        if (out.Records?.length !== RECORDS) throw new Error('SDK update wrote too few records');
      },
      2,
    );

    // The same UpdateRecords on an in-memory database: what the disk (WAL commit) costs.
    const memoryUpdate = await timeInMemoryUpdate();
    const serverRss = served.peakRss();

    const kib = (b: Buffer) => Math.round(b.length / 1024);
    const rows: BenchRow[] = [];
    const add = (op: string, size: string, [real, baseline]: [Timing, Timing]) => {
      rows.push(
        { name: `${op} ${size}: server median`, value: round1(real.median), unit: 'ms' },
        { name: `${op} ${size}: server p95`, value: round1(real.p95), unit: 'ms' },
        { name: `${op} ${size}: server sequential`, value: Math.round(real.perSecond), unit: 'req/s' },
        { name: `${op} ${size}: bare median`, value: round1(baseline.median), unit: 'ms' },
        { name: `${op} ${size}: bare p95`, value: round1(baseline.p95), unit: 'ms' },
        { name: `${op} ${size}: bare sequential`, value: Math.round(baseline.perSecond), unit: 'req/s' },
        ...goalRows(`${op} ${size}:`, real, baseline),
      );
      if (real.serverCpuMean !== undefined && baseline.serverCpuMean !== undefined) {
        rows.push(
          { name: `${op} ${size}: server process CPU per request (mean)`, value: round1(real.serverCpuMean), unit: 'ms' },
          { name: `${op} ${size}: bare process CPU per request (mean)`, value: round1(baseline.serverCpuMean), unit: 'ms' },
        );
      }
    };
    const addAlone = (op: string, [real, baseline]: [Timing, Timing]) => {
      rows.push(
        { name: `${op}, each server alone (${ROUNDS} rounds of blocks): server median`, value: round1(real.median), unit: 'ms' },
        { name: `${op}, each server alone (${ROUNDS} rounds of blocks): bare median`, value: round1(baseline.median), unit: 'ms' },
        ...goalRows(`${op}, each server alone (${ROUNDS} rounds of blocks):`, real, baseline),
      );
    };
    const addEmbedded = (op: string, [real, baseline]: [Timing, Timing]) => {
      rows.push(
        { name: `${op}, both servers in the client's process: server median`, value: round1(real.median), unit: 'ms' },
        { name: `${op}, both servers in the client's process: bare median`, value: round1(baseline.median), unit: 'ms' },
        { name: `${op}, both servers in the client's process: server / bare`, value: round1(real.median / baseline.median), unit: 'x' },
        { name: `${op}, both servers in the client's process: CPU per request, server / bare`, value: round1(real.cpuMedian / baseline.cpuMedian), unit: 'x' },
      );
    };
    add('ListRecords', `1,024 records (${kib(own.listReply)} KiB reply)`, apart.list);
    add('UpdateRecords', `1,024 patches (${kib(own.bodies[0])} KiB body)`, apart.update);
    addAlone('ListRecords', alone.list);
    addAlone('UpdateRecords', alone.update);
    addEmbedded('ListRecords', together.list);
    addEmbedded('UpdateRecords', together.update);
    rows.push(
      { name: 'SDK ListRecords 1,024 records: median', value: round1(sdkList.median), unit: 'ms' },
      { name: 'SDK UpdateRecords 1,024 patches: median', value: round1(sdkUpdate.median), unit: 'ms' },
      { name: 'UpdateRecords 1,024 patches, in-memory database: server median', value: round1(memoryUpdate.median), unit: 'ms' },
    );
    if (serverRss !== undefined) rows.push({ name: 'server peak RSS (server suite)', value: round(serverRss), unit: 'MiB' });
    return rows;
  } finally {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
  }
}
/** UpdateRecords of 1,024 patches against a fresh in-memory server (its own token: tokens are per database). */
async function timeInMemoryUpdate(): Promise<Timing> {
  const server = await startLocalServer({ host: '127.0.0.1', port: 0, inMemory: true });
  const base = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const listed = expectOk(await exchange(agent, base, 'GET', LIST_PATH), 'in-memory list');
    const token = (JSON.parse(listed.body.toString()) as { SyncSessionToken: string }).SyncSessionToken;
    const bodies = Array.from({ length: WARMUP + ITERATIONS }, (_, i) => updateBody(token, i, i));
    return await time(ITERATIONS, async (i) => void expectOk(await exchange(agent, base, 'POST', DATASET_PATH, bodies[i]), 'in-memory update'));
  } finally {
    agent.destroy();
    await server.close();
  }
}

function printTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  OVER GOAL';
    return `${r.name.padEnd(62)} ${String(r.value).padStart(9)} ${r.unit.padEnd(6)} ${r.goal ?? ''}${verdict}`;
  });
  console.log(lines.join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchServer());
}
