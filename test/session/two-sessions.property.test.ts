// Property: two devices editing one dataset in any interleaving of put / remove / commit,
// resolving conflicts any way. Checked against the real local server after every commit:
// - no committed value is lost: every write replaces exactly the version its device saw
//   (staged over, or shown as "theirs" in a conflict), unless that device took theirs;
// - each device's intended values (minus take-theirs picks) are on the server after its commit;
// - the dataset sync count rises by exactly one per commit that wrote something.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { openDataset, type SyncDataset } from '../../src/lib/sync.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { freshAddress, serverView } from './session-helpers.js';

let t: TestServer;
let clients: CognitoSyncClient[];
let observer: CognitoSyncClient;

before(async () => {
  t = await startTestServer({ inMemory: true });
  clients = [t.newSyncClient(), t.newSyncClient()];
  observer = t.newSyncClient();
});
after(() => t.close());

type Pick = 'mine' | 'theirs' | 'custom';
type Cmd =
  | { t: 'put'; s: 0 | 1; key: string; value: string }
  | { t: 'remove'; s: 0 | 1; key: string }
  | { t: 'commit'; s: 0 | 1; picks: Pick[] };

const session = fc.constantFrom<0 | 1>(0, 1);
const key = fc.constantFrom('a', 'b', 'c');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('put' as const), s: session, key, value: fc.constantFrom('', 'x', 'y', 'z') }),
  fc.record({ t: fc.constant('remove' as const), s: session, key }),
  fc.record({ t: fc.constant('commit' as const), s: session, picks: fc.array(fc.constantFrom<Pick>('mine', 'theirs', 'custom'), { minLength: 3, maxLength: 3 }) }),
);

/** What one device believes: the server count it saw for each staged key, and its intent. */
interface Device {
  ds: SyncDataset;
  seen: Map<string, number>;
  /** Intended value per key (null = removed), minus keys it chose "theirs" for. */
  intent: Map<string, string | null>;
}

test('two devices, random interleavings: no lost update, one count per commit', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(cmd, { minLength: 4, maxLength: 24 }), async (cmds) => {
      const a = freshAddress(`prop-${run++}`);
      const devices: Device[] = [];
      for (const client of clients) devices.push({ ds: await openDataset({ client, ...a }), seen: new Map(), intent: new Map() });
      // The truth as written by successful commits: value and count per key.
      const truth = new Map<string, { value: string | null; count: number }>();
      let datasetCount = 0;

      const stage = (d: Device, k: string, act: () => void) => {
        const wasStaged = d.ds.staged.some((s) => s.key === k);
        const viewCount = d.ds.records.find((r) => r.key === k)?.syncCount ?? 0;
        act();
        const nowStaged = d.ds.staged.find((s) => s.key === k);
        if (!nowStaged) {
          d.seen.delete(k);
          d.intent.delete(k);
          return;
        }
        if (!wasStaged) d.seen.set(k, viewCount);
        d.intent.set(k, nowStaged.value ?? null);
      };

      for (const c of cmds) {
        const d = devices[c.s]!;
        if (c.t === 'put') stage(d, c.key, () => d.ds.put(c.key, c.value));
        else if (c.t === 'remove') stage(d, c.key, () => d.ds.remove(c.key));
        else {
          const intended = new Map(d.intent);
          const r = await d.ds.commit();
          if (r.status === 'committed') {
            for (const rec of r.records) {
              const previous = truth.get(rec.key)?.count ?? 0;
              assert.equal(d.seen.get(rec.key), previous, `device ${c.s} overwrote ${rec.key}@${previous} without having seen it`);
              truth.set(rec.key, { value: rec.value ?? null, count: rec.syncCount });
            }
            if (r.records.length > 0) datasetCount++;
            const view = await serverView(observer, a);
            assert.equal(view.syncCount, datasetCount, 'one count per commit that wrote');
            for (const [k, v] of intended) assert.equal(view.values[k] ?? null, v, `device ${c.s}'s ${k} is on the server`);
            for (const [k, v] of truth) assert.equal(view.values[k] ?? null, v.value, `${k} as last committed`);
            d.seen.clear();
            d.intent.clear();
          } else if (r.status === 'conflict') {
            r.conflicts.forEach((conflict, i) => {
              const pick = c.picks[i % c.picks.length]!;
              if (pick === 'theirs') {
                d.ds.resolve(conflict.key, 'theirs');
                d.seen.delete(conflict.key);
                d.intent.delete(conflict.key);
              } else {
                const value = pick === 'custom' ? `custom-${c.s}` : undefined;
                d.ds.resolve(conflict.key, value === undefined ? 'mine' : { value });
                d.seen.set(conflict.key, conflict.theirs?.syncCount ?? 0);
                if (value !== undefined) d.intent.set(conflict.key, value);
              }
            });
          } else if (r.status === 'rebased') {
            // Nothing written; converged keys dropped. Keep only what is still staged.
            for (const k of [...d.intent.keys()]) if (!d.ds.staged.some((s) => s.key === k)) d.intent.delete(k);
          } else {
            assert.fail(`unexpected status ${r.status}`);
          }
          // The converged keys a listing dropped are no longer staged: forget them.
          for (const k of [...d.intent.keys()]) {
            if (!d.ds.staged.some((s) => s.key === k) && !d.ds.conflicts.some((x) => x.key === k)) {
              d.intent.delete(k);
              d.seen.delete(k);
            }
          }
        }
      }
    }),
    { numRuns: 60 },
  );
});
