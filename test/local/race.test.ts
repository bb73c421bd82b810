// Race tests: real SDK clients (each with its own connections) send UpdateRecords to one dataset at the same
// moment. SERVICE.md §3.1/§3.2: requests on one slot are serialised, so with equal base counts exactly one call wins
// each sync count, every other one gets 409 ResourceConflictException and changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  ListRecordsCommand,
  UpdateRecordsCommand,
  type CognitoSyncClient,
  type _Record,
} from '@aws-sdk/client-cognito-sync';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { attempt } from './sync-views.js';

let ts: TestServer;

before(async () => {
  ts = await startTestServer();
});

after(async () => {
  await ts?.close();
});

interface Place {
  IdentityPoolId: string;
  IdentityId: string;
  DatasetName: string;
}

/** A fresh pool + identity (created implicitly by the first write, §3.1). */
function freshPlace(datasetName: string): Place {
  return { IdentityPoolId: `us-east-1:${randomUUID()}`, IdentityId: `us-east-1:${randomUUID()}`, DatasetName: datasetName };
}

interface Snapshot {
  syncCount: number;
  token: string;
  records: Map<string, _Record>;
}

async function snapshot(client: CognitoSyncClient, place: Place): Promise<Snapshot> {
  const records = new Map<string, _Record>();
  let page;
  let nextToken: string | undefined;
  do {
    page = await client.send(new ListRecordsCommand({ ...place, LastSyncCount: 0, NextToken: nextToken }));
    for (const r of page.Records ?? []) records.set(r.Key!, r);
    nextToken = page.NextToken;
  } while (nextToken);
  return { syncCount: page.DatasetSyncCount ?? 0, token: page.SyncSessionToken!, records };
}

/** The record-by-record view compared after each round. */
function contents(records: Map<string, _Record>): Record<string, { value: string | null; syncCount: number; by: string }> {
  return Object.fromEntries(
    [...records.values()]
      .sort((a, b) => (a.Key! < b.Key! ? -1 : 1))
      .map((r) => [r.Key!, { value: r.Value ?? null, syncCount: r.SyncCount!, by: r.LastModifiedBy! }]),
  );
}

/**
 * `writers` clients race for `rounds` rounds. Each round every writer lists, then all send at once a batch whose first
 * patch is the shared key `turn` at the listed count, plus a key of their own and (every other round) a remove.
 */
async function raceRounds(writers: number, rounds: number): Promise<number[]> {
  const place = freshPlace(`race-${writers}`);
  const clients = Array.from({ length: writers }, () => ts.newSyncClient());
  const wins = new Array<number>(writers).fill(0);
  let expected = new Map<string, _Record>();

  for (let round = 0; round < rounds; round++) {
    const views = await Promise.all(clients.map((c) => snapshot(c, place)));
    const base = views[0].syncCount;
    for (const v of views) assert.equal(v.syncCount, base, `round ${round}: writers listed different counts`);
    const baseCount = (key: string) => views[0].records.get(key)?.SyncCount ?? 0;

    const batches = clients.map((_, w) => [
      { Op: 'replace' as const, Key: 'turn', Value: `writer ${w} round ${round}`, SyncCount: baseCount('turn') },
      { Op: 'replace' as const, Key: `own-${w}`, Value: String(round), SyncCount: baseCount(`own-${w}`) },
      ...(round % 2 === 1 ? [{ Op: 'remove' as const, Key: `gone-${w}-${round}`, SyncCount: 0 }] : []),
    ]);
    // Requests leave in a rotating order, so a different writer gets the head start each round.
    const sendOrder = clients.map((_, i) => (i + round) % writers);
    const send = (w: number) =>
      attempt(() =>
        clients[w].send(
          new UpdateRecordsCommand({ ...place, SyncSessionToken: views[w].token, DeviceId: `writer-${w}`, RecordPatches: batches[w] }),
        ),
      );
    const started = new Map<number, ReturnType<typeof send>>();
    for (const w of sendOrder) started.set(w, send(w));
    const results = await Promise.all(clients.map((_, w) => started.get(w)!));

    const winners = results.flatMap((r, w) => (r.ok ? [w] : []));
    assert.equal(winners.length, 1, `round ${round}: exactly one writer must win, got ${winners.length}`);
    const winner = winners[0];
    wins[winner]++;
    for (const [w, r] of results.entries()) {
      if (r.ok) continue;
      assert.deepEqual(
        r.error,
        {
          name: 'ResourceConflictException',
          status: 409,
          message: `Current SyncCount for: turn is: ${base + 1} not: ${baseCount('turn')}`,
        },
        `round ${round}: writer ${w} lost`,
      );
    }
    const won = results[winner];
    assert.ok(won.ok);
    const written = won.value.Records ?? [];
    assert.deepEqual(
      written.map((r) => [r.Key, r.Value ?? null, r.SyncCount]),
      batches[winner].map((p) => [p.Key, p.Value ?? null, base + 1]),
      `round ${round}: the winner's reply`,
    );

    // Only the winner's batch is visible, at base + 1; the losers' keys were not written.
    expected = new Map(expected);
    for (const r of written) expected.set(r.Key!, { ...r, LastModifiedBy: `writer-${winner}` });
    const after = await snapshot(clients[0], place);
    assert.equal(after.syncCount, base + 1, `round ${round}: dataset count`);
    assert.deepEqual(contents(after.records), contents(expected), `round ${round}: records after the race`);
  }
  return wins;
}

test('two devices with the same base: exactly one wins each sync count, the other gets 409 and changes nothing', async (t) => {
  const wins = await raceRounds(2, 40);
  t.diagnostic(`wins per writer: ${wins.join(', ')}`);
  assert.equal(wins[0] + wins[1], 40);
});

test('five devices with the same base: one winner per round, four 409s, nothing of theirs written', async (t) => {
  const wins = await raceRounds(5, 20);
  t.diagnostic(`wins per writer: ${wins.join(', ')}`);
  assert.equal(wins.reduce((a, b) => a + b, 0), 20);
});

test('writers incrementing one counter with list → update → retry on 409 lose no increment', { timeout: 120_000 }, async (t) => {
  const writers = 6;
  const incrementsEach = 8;
  const place = freshPlace('counter');
  const setup = await snapshot(ts.sync, place);
  await ts.sync.send(
    new UpdateRecordsCommand({
      ...place,
      SyncSessionToken: setup.token,
      RecordPatches: [{ Op: 'replace', Key: 'counter', Value: '0', SyncCount: 0 }],
    }),
  );
  const start = await snapshot(ts.sync, place);
  assert.equal(start.syncCount, 1);

  const committedCounts: number[] = [];
  let conflicts = 0;
  async function writer(w: number): Promise<void> {
    const client = ts.newSyncClient();
    for (let done = 0, attempts = 0; done < incrementsEach; attempts++) {
      assert.ok(attempts < 2_000, `writer ${w} kept conflicting`);
      const seen = await snapshot(client, place);
      const current = seen.records.get('counter')!;
      const result = await attempt(() =>
        client.send(
          new UpdateRecordsCommand({
            ...place,
            SyncSessionToken: seen.token,
            DeviceId: `counter-${w}`,
            RecordPatches: [{ Op: 'replace', Key: 'counter', Value: String(Number(current.Value) + 1), SyncCount: current.SyncCount! }],
          }),
        ),
      );
      if (result.ok) {
        done++;
        committedCounts.push(result.value.Records![0].SyncCount!);
      } else {
        assert.equal(result.error.name, 'ResourceConflictException', `writer ${w}: ${result.error.message}`);
        assert.equal(result.error.status, 409);
        conflicts++;
      }
    }
  }
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

  const total = writers * incrementsEach;
  const end = await snapshot(ts.sync, place);
  assert.equal(end.records.get('counter')!.Value, String(total), 'final value = number of successful commits');
  assert.equal(end.syncCount, start.syncCount + total, 'the dataset counter rose by exactly the number of commits');
  assert.deepEqual(
    [...committedCounts].sort((a, b) => a - b),
    Array.from({ length: total }, (_, i) => start.syncCount + 1 + i),
    'each sync count was won by exactly one commit',
  );
  t.diagnostic(`${total} commits, ${conflicts} conflicts retried`);
});

test('writers on different datasets of one identity never conflict with each other', async () => {
  const base = freshPlace('unused');
  const names = Array.from({ length: 8 }, (_, i) => `parallel-${i}`);
  const results = await Promise.all(
    names.map(async (name) => {
      const client = ts.newSyncClient();
      const place = { ...base, DatasetName: name };
      const seen = await snapshot(client, place);
      return attempt(() =>
        client.send(
          new UpdateRecordsCommand({
            ...place,
            SyncSessionToken: seen.token,
            RecordPatches: [{ Op: 'replace', Key: 'k', Value: name, SyncCount: 0 }],
          }),
        ),
      );
    }),
  );
  for (const [i, r] of results.entries()) assert.ok(r.ok, `${names[i]}: ${r.ok ? '' : r.error.message}`);
  for (const name of names) {
    const after = await snapshot(ts.sync, { ...base, DatasetName: name });
    assert.equal(after.syncCount, 1, `${name} count`);
    assert.equal(after.records.get('k')?.Value, name);
  }
});
