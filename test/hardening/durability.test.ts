// Durability of `cogsync serve`: several clients stream UpdateRecords batches at it; the
// process is killed with SIGKILL the moment the N-th batch is acknowledged, while other
// batches are in flight; the server restarts on the same --db. Every acknowledged batch
// must be there whole, and a batch that was never acknowledged may be there only whole.
// Each batch writes several new keys carrying its batch id plus the client's `seq` key,
// so a partial batch would show. Several rounds on the same database.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListRecordsCommand, UpdateRecordsCommand, type CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { syncClientFor } from '../helpers/local-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const P = 'us-east-1:00000000-0000-4000-8000-00000000d001';
const I = 'us-east-1:00000000-0000-4000-8000-00000000d002';
const CLIENTS = 4;
const KEYS_PER_BATCH = 5;
const ROUNDS = 4;

const dir = mkdtempSync(join(tmpdir(), 'cogsync-durability-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Served {
  url: string;
  stderr: () => string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** `cogsync serve` from the sources (bin/ may run a stale build), on the shared database. */
async function serve(dbPath: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--db', dbPath], {
    cwd: ROOT,
    env: { ...process.env, COGSYNC_HOME: join(dir, 'home'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const url = /listening on (http:\/\/\S+)\n/.exec(out)?.[1];
    if (url) return { url, child, exited, stderr: () => err };
    if (Date.now() > deadline || child.exitCode !== null) assert.fail(`serve did not start: ${out} ${err}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Batch {
  id: string;
  dataset: string;
  /** Its index in its client's stream (1-based): the `seq` value it writes. */
  seq: number;
}

const keysOf = (b: Batch) => Array.from({ length: KEYS_PER_BATCH }, (_, j) => [`${b.id}.${j}`, `${b.id}:${j}:payload`] as const);

/** One client writing batch after batch to its own dataset until a call fails (the server died). */
async function stream(client: CognitoSyncClient, dataset: string, round: number, c: number, onAck: (b: Batch) => void, inFlight: Map<string, Batch>): Promise<unknown> {
  const where = { IdentityPoolId: P, IdentityId: I, DatasetName: dataset };
  try {
    const token = (await client.send(new ListRecordsCommand(where))).SyncSessionToken;
    let seqCount = 0;
    for (let seq = 1; ; seq++) {
      const batch: Batch = { id: `r${round}c${c}b${seq}`, dataset, seq };
      inFlight.set(dataset, batch);
      const out = await client.send(
        new UpdateRecordsCommand({
          ...where,
          SyncSessionToken: token,
          RecordPatches: [
            ...keysOf(batch).map(([Key, Value]) => ({ Op: 'replace' as const, Key, Value, SyncCount: 0 })),
            { Op: 'replace', Key: 'seq', Value: String(seq), SyncCount: seqCount },
          ],
        }),
      );
      seqCount = out.Records!.find((r) => r.Key === 'seq')!.SyncCount!;
      inFlight.delete(dataset);
      onAck(batch);
    }
  } catch (error) {
    // The server was killed: this client stops; its in-flight batch stays in `inFlight`.
    return error;
  }
}

/** Batch ids present in `dataset`, each checked whole; and the `seq` value. */
async function batchesOn(client: CognitoSyncClient, dataset: string): Promise<{ batches: Map<string, number>; seq?: string; count: number }> {
  const page = await client.send(new ListRecordsCommand({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset }));
  assert.equal(page.NextToken, undefined, 'one page holds the dataset');
  const batches = new Map<string, number>();
  for (const r of page.Records ?? []) {
    if (r.Key === 'seq') continue;
    const [id, j] = r.Key!.split('.');
    assert.equal(r.Value, `${id}:${j}:payload`, `value of ${r.Key} intact`);
    batches.set(id, (batches.get(id) ?? 0) + 1);
  }
  return { batches, seq: page.Records?.find((r) => r.Key === 'seq')?.Value, count: page.DatasetSyncCount ?? 0 };
}

test('SIGKILL in the middle of concurrent UpdateRecords streams: acknowledged batches whole, others whole or absent', { timeout: 240_000 }, async (t) => {
  const dbPath = join(dir, 'durable.db');
  const acknowledged: Batch[] = [];
  const datasets: string[] = [];
  let maybe: Batch[] = [];
  let killedWhileInFlight = 0;

  for (let round = 1; round <= ROUNDS; round++) {
    const served = await serve(dbPath);
    // Kill at a different point each round, somewhere in the stream.
    const killAfter = 20 + round * 13;
    let acks = 0;
    const inFlight = new Map<string, Batch>();
    const clients = Array.from({ length: CLIENTS }, () => syncClientFor(served.url));
    const streams = clients.map((client, c) => {
      const dataset = `r${round}-c${c}`;
      datasets.push(dataset);
      return stream(client, dataset, round, c, (b) => {
        acknowledged.push(b);
        if (++acks !== killAfter) return;
        const kill = () => {
          if (served.child.killed) return;
          killedWhileInFlight += inFlight.size;
          served.child.kill('SIGKILL');
        };
        // Odd rounds: synchronously inside the acknowledgement (the other clients are mid-request);
        // even rounds: a few milliseconds later, at no particular point of the server's work.
        if (round % 2 === 1) kill();
        else setTimeout(kill, 1 + ((round * 7) % 9));
      }, inFlight);
    });
    const endings = await Promise.all(streams);
    if (!served.child.killed) {
      // Every stream stopped before the kill: a failure of its own, not the crash under test.
      served.child.kill('SIGKILL');
      await served.exited;
      assert.fail(`round ${round}: the streams stopped before the kill (${acks} acks; server stderr: ${served.stderr()}): ${endings.map((e) => String((e as Error)?.message ?? e)).join(' | ')}`);
    }
    await served.exited;
    assert.equal(served.child.signalCode, 'SIGKILL', 'the server was killed, not stopped');
    maybe = [...maybe, ...inFlight.values()];
    for (const c of clients) c.destroy();

    // Restart on the same database and check every dataset written so far.
    const restarted = await serve(dbPath);
    const reader = syncClientFor(restarted.url);
    try {
      const acked = new Set(acknowledged.map((b) => b.id));
      const unacked = new Set(maybe.map((b) => b.id));
      let present = 0;
      for (const dataset of datasets) {
        const { batches, seq, count } = await batchesOn(reader, dataset);
        for (const [id, keys] of batches) {
          assert.equal(keys, KEYS_PER_BATCH, `batch ${id} is whole (${keys} of ${KEYS_PER_BATCH} keys)`);
          assert.ok(acked.has(id) || unacked.has(id), `batch ${id} was sent`);
        }
        for (const b of acknowledged.filter((a) => a.dataset === dataset)) assert.ok(batches.has(b.id), `acknowledged batch ${b.id} survived`);
        // One UpdateRecords per batch: the count and `seq` agree with the batches present.
        assert.equal(count, batches.size, `${dataset}: one sync count per batch`);
        assert.equal(seq ?? '0', String(batches.size), `${dataset}: seq names the last whole batch`);
        present += batches.size;
      }
      assert.ok(present >= acknowledged.length);
      t.diagnostic(`round ${round}: ${acknowledged.length} acknowledged so far, ${maybe.length} in flight at kills, ${present - acknowledged.length} of those written`);
    } finally {
      reader.destroy();
      restarted.child.kill('SIGKILL');
      await restarted.exited;
    }
  }
  assert.ok(acknowledged.length >= ROUNDS * 20, `a real stream was written (${acknowledged.length} batches)`);
  assert.ok(killedWhileInFlight > 0, 'at least one batch was in flight at a kill');
});
