// Server benchmark: how much the local server adds on top of plain HTTP for the two heavy calls, ListRecords of a full
// dataset (1,024 records, ~1 MB) and UpdateRecords of 1,024 patches. The baseline is a bare node:http server on the
// same loopback that answers with the very bytes the real server produced (and, for UpdateRecords, first reads the
// same request body), driven by the same raw keep-alive client, so the ratio isolates the server's own work.
// `npm run bench` calls benchServer(); `npx tsx bench/server.ts` runs it alone and prints a table.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CognitoSyncClient, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { startLocalServer } from '../src/local/server.js';
import type { BenchRow } from './types.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const RECORDS = 1024;
const VALUE_CHARS = 1000; // 1,024 × (8-char key + 1,000-char value) = 1,032,192 bytes, just under the 1 MiB limit
const WARMUP = 5;
const ITERATIONS = Number(process.env.COGSYNC_BENCH_ITERATIONS ?? 100);
const SDK_ITERATIONS = 30;
const GOAL_RATIO = 2;

const POOL = 'us-east-1:00000000-0000-4000-8000-00000000b001';
const IDENTITY = 'us-east-1:00000000-0000-4000-8000-00000000b002';
const DATASET = 'bench';
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

/**
 * A server that answers every request with fixed bytes after reading the request body into one buffer, as the real one
 * does (http-io.ts readBody) and as any server must before it can parse JSON.
 */
async function startBareServer(listBody: Buffer, updateBody: Buffer): Promise<{ url: URL; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
    });
    req.on('end', () => {
      const received = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      if (received.length !== Number(req.headers['content-length'] ?? 0)) throw new Error('bare server: short body');
      const body = req.method === 'GET' ? listBody : updateBody;
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        'x-amzn-RequestId': randomUUID(),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare server has no port');
  return {
    url: new URL(`http://127.0.0.1:${address.port}`),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Timing {
  median: number;
  p95: number;
  perSecond: number;
  /** Median CPU time of this process (client and both servers share it) per request, in ms. */
  cpuMedian: number;
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

/**
 * Times two calls in alternation (a, b, a, b, …) so that both see the same machine: on a shared CPU, timing one
 * block after the other mostly measures how busy the neighbours were in each block.
 */
async function timePair(iterations: number, a: (i: number) => Promise<void>, b: (i: number) => Promise<void>): Promise<[Timing, Timing]> {
  for (let i = 0; i < WARMUP; i++) {
    await a(i);
    await b(i);
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  const cpuA: number[] = [];
  const cpuB: number[] = [];
  for (let i = WARMUP; i < WARMUP + iterations; i++) {
    await measure(() => a(i), samplesA, cpuA);
    await measure(() => b(i), samplesB, cpuB);
  }
  return [summarise(samplesA, cpuA), summarise(samplesB, cpuB)];
}

function patches(syncCount: number, round: number) {
  return Array.from({ length: RECORDS }, (_, i) => ({
    Op: 'replace' as const,
    Key: `key-${String(i).padStart(4, '0')}`,
    Value: `${round % 10}`.repeat(10) + 'v'.repeat(VALUE_CHARS - 10),
    SyncCount: syncCount,
  }));
}

const updateBody = (token: string, syncCount: number, round: number) =>
  Buffer.from(JSON.stringify({ SyncSessionToken: token, RecordPatches: patches(syncCount, round) }));

const round1 = (n: number) => Math.round(n * 100) / 100;

export async function benchServer(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-bench-'));
  const server = await startLocalServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'bench.db') });
  const base = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sdk = new CognitoSyncClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret-not-real' },
    maxAttempts: 1,
  });
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    // A full dataset: 1,024 records, ~1 MB.
    const token = (JSON.parse(expectOk(await exchange(agent, base, 'GET', LIST_PATH), 'first list').body.toString()) as { SyncSessionToken: string })
      .SyncSessionToken;
    let syncCount = 0;
    expectOk(await exchange(agent, base, 'POST', DATASET_PATH, updateBody(token, syncCount, 0)), 'fill');
    syncCount++;

    // Request bodies are built before timing; each UpdateRecords carries the counts the previous one produced.
    // Body 0 is sent once first to capture the reply the bare server will repeat.
    const updateIterations = 1 + WARMUP + ITERATIONS;
    const bodies = Array.from({ length: updateIterations }, (_, i) => updateBody(token, syncCount + i, i + 1));
    const updateCapture = expectOk(await exchange(agent, base, 'POST', DATASET_PATH, bodies[0]), 'update capture');
    syncCount += updateIterations;

    const listCapture = expectOk(await exchange(agent, base, 'GET', LIST_PATH), 'list');
    const listed = JSON.parse(listCapture.body.toString()) as { Count: number; DatasetSyncCount: number };
    if (listed.Count !== RECORDS) throw new Error(`expected ${RECORDS} records, listed ${listed.Count}`);

    bare = await startBareServer(listCapture.body, updateCapture.body);
    const bareUrl = bare.url;
    const [serverList, bareList] = await timePair(
      ITERATIONS,
      async () => void expectOk(await exchange(agent, base, 'GET', LIST_PATH), 'list'),
      async () => void expectOk(await exchange(bareAgent, bareUrl, 'GET', LIST_PATH), 'bare list'),
    );
    const [serverUpdate, bareUpdate] = await timePair(
      ITERATIONS,
      async (i) => void expectOk(await exchange(agent, base, 'POST', DATASET_PATH, bodies[1 + i]), `update ${i}`),
      async (i) => void expectOk(await exchange(bareAgent, bareUrl, 'POST', DATASET_PATH, bodies[1 + i]), 'bare update'),
    );

    // The SDK as a script would use it: signing, serialising 1,024 patches, parsing dates.
    const sdkPlace = { IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: DATASET };
    let sdkToken = '';
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

    const kib = (b: Buffer) => Math.round(b.length / 1024);
    const rows: BenchRow[] = [];
    const add = (op: string, size: string, real: Timing, baseline: Timing) => {
      const ratio = real.median / baseline.median;
      rows.push(
        { name: `${op} ${size}: server median`, value: round1(real.median), unit: 'ms' },
        { name: `${op} ${size}: server p95`, value: round1(real.p95), unit: 'ms' },
        { name: `${op} ${size}: server sequential`, value: Math.round(real.perSecond), unit: 'req/s' },
        { name: `${op} ${size}: bare median`, value: round1(baseline.median), unit: 'ms' },
        { name: `${op} ${size}: bare p95`, value: round1(baseline.p95), unit: 'ms' },
        { name: `${op} ${size}: bare sequential`, value: Math.round(baseline.perSecond), unit: 'req/s' },
        { name: `${op} ${size}: server / bare (medians)`, value: round1(ratio), unit: 'x', goal: `≤ ${GOAL_RATIO}x`, ok: ratio <= GOAL_RATIO },
        { name: `${op} ${size}: CPU per request, server`, value: round1(real.cpuMedian), unit: 'ms' },
        { name: `${op} ${size}: CPU per request, bare`, value: round1(baseline.cpuMedian), unit: 'ms' },
        { name: `${op} ${size}: server / bare (CPU medians)`, value: round1(real.cpuMedian / baseline.cpuMedian), unit: 'x' },
      );
    };
    add('ListRecords', `1,024 records (${kib(listCapture.body)} KiB reply)`, serverList, bareList);
    add('UpdateRecords', `1,024 patches (${kib(bodies[0])} KiB body)`, serverUpdate, bareUpdate);
    rows.push(
      { name: 'SDK ListRecords 1,024 records: median', value: round1(sdkList.median), unit: 'ms' },
      { name: 'SDK UpdateRecords 1,024 patches: median', value: round1(sdkUpdate.median), unit: 'ms' },
      { name: 'UpdateRecords 1,024 patches, in-memory database: server median', value: round1(memoryUpdate.median), unit: 'ms' },
    );
    return rows;
  } finally {
    agent.destroy();
    bareAgent.destroy();
    sdk.destroy();
    await bare?.close();
    await server.close();
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
