// `npm run soak` (tsx scripts/soak.ts): a bounded soak test of the local server and the
// commit protocol. One `cogsync serve` child, several editor-like client processes
// (stage random edits on shared and own keys, commit through cogsync/sync, settle
// conflicts mine/theirs at random) and watchers (poll ListRecords like a live device),
// for SOAK_SECONDS (default 120). Every few seconds it samples the RSS of the server and
// of each client. At the end it checks that no acknowledged write was lost: each one is
// visible on the server or overwritten by a later acknowledged write of the same key, no
// two acknowledged writes share a key and SyncCount, and the watchers never saw a value
// that no client wrote. Exit 0 when clean, 1 otherwise.
//
//   SOAK_SECONDS=60 SOAK_EDITORS=4 SOAK_WATCHERS=2 npm run soak
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const POOL = 'us-east-1:00000000-0000-4000-8000-00000000501a';
const IDENTITY = 'us-east-1:00000000-0000-4000-8000-00000000501b';
const DATASET = 'soak';
const SHARED_KEYS = 10;
const OWN_KEYS = 15;
const CREDENTIALS = { accessKeyId: 'AKIDSOAKLOCAL', secretAccessKey: 'soak-not-a-secret' };

/** One acknowledged write of a key (from a committed batch's returned records). */
interface Ack {
  key: string;
  /** Undefined for a remove (a tombstone). */
  value?: string;
  syncCount: number;
  client: string;
}

/** What a worker prints on stdout, one JSON object a line. */
type WorkerLine =
  | { type: 'ack'; acks: Ack[] }
  | { type: 'seen'; key: string; value?: string; syncCount: number }
  | { type: 'stats'; commits: number; conflicts: number; rebased: number; errors: number; polls: number; lastError?: string }
  | { type: 'count-went-back'; from: number; to: number };

if (process.argv[2] === 'worker') {
  await runWorker(process.argv[3] as 'editor' | 'watcher', process.argv[4], process.argv[5]);
} else {
  process.exitCode = await coordinate();
}

// ---------------------------------------------------------------- coordinator

async function coordinate(): Promise<number> {
  const seconds = positive('SOAK_SECONDS', 120);
  const editors = positive('SOAK_EDITORS', 3);
  const watchers = positive('SOAK_WATCHERS', 2);
  const sampleEvery = positive('SOAK_SAMPLE_SECONDS', 5) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-soak-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--db', join(dir, 'soak.db')], {
    cwd: ROOT,
    env: { ...process.env, COGSYNC_HOME: join(dir, 'home') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const children: ChildProcess[] = [server];
  // Whatever happens here (an error, Ctrl+C), no server or worker is left running.
  const killAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  process.once('exit', killAll);
  process.once('SIGINT', () => (killAll(), process.exit(130)));
  process.once('SIGTERM', () => (killAll(), process.exit(143)));
  const url = await firstMatch(server, /listening on (http:\/\/\S+)/);
  console.log(`soak: ${seconds} s, ${editors} editors, ${watchers} watchers against ${url} (server pid ${server.pid})`);

  const acks: Ack[] = [];
  const seen: Array<{ key: string; value?: string; syncCount: number }> = [];
  const stats = new Map<string, Extract<WorkerLine, { type: 'stats' }>>();
  const anomalies: string[] = [];
  const workers: Array<{ name: string; child: ChildProcess; done: Promise<void> }> = [];
  const startWorker = (kind: 'editor' | 'watcher', name: string) => {
    // stdin is a pipe the worker watches: if this process dies, the worker stops too.
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, 'worker', kind, name, url], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as WorkerLine;
      if (msg.type === 'ack') acks.push(...msg.acks);
      else if (msg.type === 'seen') seen.push(msg);
      else if (msg.type === 'stats') stats.set(name, msg);
      else anomalies.push(`${name}: DatasetSyncCount went back from ${msg.from} to ${msg.to}`);
    });
    const done = new Promise<void>((resolve) => child.once('close', () => resolve()));
    workers.push({ name, child, done });
  };
  for (let i = 0; i < editors; i++) startWorker('editor', `editor-${i}`);
  for (let i = 0; i < watchers; i++) startWorker('watcher', `watcher-${i}`);

  // RSS over time: the server and every worker.
  const pids = [{ name: 'server', pid: server.pid! }, ...workers.map((w) => ({ name: w.name, pid: w.child.pid! }))];
  const samples: Array<{ at: number; rss: Map<string, number> }> = [];
  const started = Date.now();
  console.log(`\n${['t (s)', ...pids.map((p) => p.name)].map((h) => h.padStart(11)).join('')}   (RSS in MiB)`);
  while (Date.now() - started < seconds * 1000) {
    await sleep(Math.min(sampleEvery, seconds * 1000 - (Date.now() - started)));
    const rss = rssOf(pids);
    samples.push({ at: Date.now() - started, rss });
    console.log([(samples.at(-1)!.at / 1000).toFixed(0), ...pids.map((p) => mib(rss.get(p.name)))].map((c) => c.padStart(11)).join(''));
  }

  // Stop the workers; each finishes its current commit and reports its numbers.
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.done));
  const final = await listAll(url);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('close', resolve));
  rmSync(dir, { recursive: true, force: true });

  const problems = [...anomalies, ...checkNoLostUpdate(acks, final), ...checkWatchers(seen, acks)];
  console.log('\nworker        commits  conflicts  rebased  errors   polls');
  for (const [name, s] of stats) {
    console.log(`${name.padEnd(12)}${String(s.commits).padStart(9)}${String(s.conflicts).padStart(11)}${String(s.rebased).padStart(9)}${String(s.errors).padStart(8)}${String(s.polls).padStart(8)}${s.lastError ? `  last error: ${s.lastError}` : ''}`);
  }
  const first = samples[0]?.rss;
  const last = samples.at(-1)?.rss;
  console.log('\nRSS first → last sample (MiB):');
  for (const p of pids) console.log(`  ${p.name.padEnd(12)} ${mib(first?.get(p.name))} → ${mib(last?.get(p.name))}`);
  console.log(`\n${acks.length} acknowledged writes, ${seen.length} watcher observations, final DatasetSyncCount ${final.syncCount}, ${final.records.size} keys`);
  const totalErrors = [...stats.values()].reduce((n, s) => n + s.errors, 0);
  if (totalErrors > 0) problems.push(`${totalErrors} commits or polls failed with an error (see "last error")`);
  if (acks.length === 0) problems.push('no write was acknowledged: the soak did not exercise anything');
  if (problems.length === 0) {
    console.log('soak: OK: no lost update, no phantom value, counts never went back');
    return 0;
  }
  console.log(`soak: ${problems.length} problem(s):`);
  for (const p of problems.slice(0, 50)) console.log(`  - ${p}`);
  return 1;
}

/** Each acknowledged write is the key's final record, or an older one of a later acknowledged write. */
function checkNoLostUpdate(acks: Ack[], final: { records: Map<string, { value?: string; syncCount: number }> }): string[] {
  const problems: string[] = [];
  const byKeyCount = new Map<string, Ack>();
  for (const ack of acks) {
    const id = `${ack.key}@${ack.syncCount}`;
    const other = byKeyCount.get(id);
    if (other && (other.value !== ack.value || other.client !== ack.client)) {
      problems.push(`two acknowledged writes of ${ack.key} at SyncCount ${ack.syncCount}: ${other.client}=${other.value} and ${ack.client}=${ack.value}`);
    }
    byKeyCount.set(id, ack);
    const now = final.records.get(ack.key);
    if (!now) problems.push(`lost: ${ack.client} wrote ${ack.key} (SyncCount ${ack.syncCount}) and the key is gone`);
    else if (now.syncCount < ack.syncCount) problems.push(`lost: ${ack.key} is at SyncCount ${now.syncCount}, below the acknowledged ${ack.syncCount}`);
    else if (now.syncCount === ack.syncCount && now.value !== ack.value) problems.push(`lost: ${ack.key}@${ack.syncCount} is ${now.value}, acknowledged ${ack.value}`);
  }
  // And nothing on the server that no client was told it wrote.
  for (const [key, record] of final.records) {
    if (!byKeyCount.has(`${key}@${record.syncCount}`)) problems.push(`phantom: ${key}@${record.syncCount}=${record.value} was never acknowledged`);
  }
  return problems;
}

/** What the watchers saw was written by someone, with that value. */
function checkWatchers(seen: Array<{ key: string; value?: string; syncCount: number }>, acks: Ack[]): string[] {
  const acked = new Map(acks.map((a) => [`${a.key}@${a.syncCount}`, a.value]));
  const problems: string[] = [];
  for (const s of seen) {
    const id = `${s.key}@${s.syncCount}`;
    if (!acked.has(id)) problems.push(`a watcher saw ${id}=${s.value}, which no client acknowledged`);
    else if (acked.get(id) !== s.value) problems.push(`a watcher saw ${id}=${s.value}, acknowledged as ${acked.get(id)}`);
  }
  return problems;
}

function rssOf(pids: Array<{ name: string; pid: number }>): Map<string, number> {
  const out = new Map<string, number>();
  // `ps` works on Linux and macOS; RSS in KiB.
  const ps = spawnSync('ps', ['-o', 'pid=,rss=', '-p', pids.map((p) => p.pid).join(',')], { encoding: 'utf8' });
  for (const line of ps.stdout.split('\n')) {
    const [pid, rss] = line.trim().split(/\s+/).map(Number);
    const entry = pids.find((p) => p.pid === pid);
    if (entry && Number.isFinite(rss)) out.set(entry.name, rss * 1024);
  }
  return out;
}

// ---------------------------------------------------------------- workers

async function runWorker(kind: 'editor' | 'watcher', name: string, url: string): Promise<void> {
  const { CognitoSyncClient } = await import('@aws-sdk/client-cognito-sync');
  const client = new CognitoSyncClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    requestHandler: { requestTimeout: 30_000, throwOnRequestTimeout: true },
  });
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));
  // The coordinator holds our stdin open; when it goes away, stop.
  process.stdin.on('end', () => (stopping = true)).on('error', () => (stopping = true)).resume();
  const emit = (line: WorkerLine) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const stats = { type: 'stats' as const, commits: 0, conflicts: 0, rebased: 0, errors: 0, polls: 0, lastError: undefined as string | undefined };
  const random = seeded(name);
  if (kind === 'editor') {
    const { openDataset, CommitError } = await import('../src/lib/sync.js');
    const ds = await openDataset({ client, identityPoolId: POOL, identityId: IDENTITY, datasetName: DATASET, deviceId: name });
    let n = 0;
    while (!stopping) {
      // A few edits, as a person would make before committing.
      for (let i = 0, edits = 1 + Math.floor(random() * 4); i < edits; i++) {
        const shared = random() < 0.6;
        const key = shared ? `shared-${Math.floor(random() * SHARED_KEYS)}` : `${name}-${Math.floor(random() * OWN_KEYS)}`;
        if (random() < 0.15) ds.remove(key);
        else ds.put(key, `${name}:${n++}:${randomUUID().slice(0, 8)}`);
      }
      try {
        for (let round = 0; round < 5 && ds.staged.length > 0; round++) {
          const outcome = await ds.commit();
          if (outcome.status === 'committed') {
            stats.commits++;
            emit({ type: 'ack', acks: outcome.records.map((r) => ({ key: r.key, ...(r.value === undefined ? {} : { value: r.value }), syncCount: r.syncCount, client: name })) });
            break;
          }
          if (outcome.status === 'conflict') {
            stats.conflicts++;
            ds.resolveAll(random() < 0.5 ? 'mine' : 'theirs');
          } else if (outcome.status === 'rebased') {
            stats.rebased++;
          } else {
            throw new Error(`unexpected commit outcome ${outcome.status}`);
          }
        }
        if (ds.staged.length > 0 || ds.conflicts.length > 0) await ds.reload();
      } catch (error) {
        stats.errors++;
        stats.lastError = error instanceof CommitError ? `${error.code}: ${error.message}` : String(error);
        await ds.reload().catch(() => undefined);
      }
      if (random() < 0.05) await ds.reload();
      await sleep(random() * 20);
    }
  } else {
    const { ListRecordsCommand } = await import('@aws-sdk/client-cognito-sync');
    let since = 0;
    while (!stopping) {
      try {
        let nextToken: string | undefined;
        let count = since;
        do {
          const page = await client.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: DATASET, LastSyncCount: since, NextToken: nextToken }));
          for (const r of page.Records ?? []) emit({ type: 'seen', key: r.Key!, ...(r.Value === undefined ? {} : { value: r.Value }), syncCount: r.SyncCount! });
          nextToken = page.NextToken;
          count = page.DatasetSyncCount ?? count;
        } while (nextToken);
        if (count < since) emit({ type: 'count-went-back', from: since, to: count });
        since = Math.max(since, count);
        stats.polls++;
      } catch (error) {
        stats.errors++;
        stats.lastError = String(error);
      }
      await sleep(100 + random() * 200);
    }
  }
  emit(stats);
  client.destroy();
  process.stdin.destroy();
}

// ---------------------------------------------------------------- helpers

async function listAll(url: string): Promise<{ syncCount: number; records: Map<string, { value?: string; syncCount: number }> }> {
  const { CognitoSyncClient, ListRecordsCommand } = await import('@aws-sdk/client-cognito-sync');
  const client = new CognitoSyncClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS });
  const records = new Map<string, { value?: string; syncCount: number }>();
  let nextToken: string | undefined;
  let syncCount = 0;
  do {
    const page = await client.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: DATASET, NextToken: nextToken }));
    for (const r of page.Records ?? []) records.set(r.Key!, { ...(r.Value === undefined ? {} : { value: r.Value }), syncCount: r.SyncCount! });
    nextToken = page.NextToken;
    syncCount = page.DatasetSyncCount ?? 0;
  } while (nextToken);
  client.destroy();
  return { syncCount, records };
}

function firstMatch(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within 30 s: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${out}`)));
  });
}

/** A small deterministic generator per worker, so a run can be compared with another. */
function seeded(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

// Function declarations (hoisted): the top-level await above runs before later `const`s exist.
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? '-' : (bytes / 1024 / 1024).toFixed(1);
}
