// Property test: random sequences of UpdateRecords / ListRecords / DeleteDataset / DescribeDataset / ListDatasets
// from several devices, on a few datasets of two identities, run against the real local server (real SDK over HTTP)
// and against the reference model of sync-model.ts. Every response must match (records, counts, errors by name,
// status and message); timestamps and tokens are ignored. Small key and value alphabets make conflicts and
// tombstones frequent; a prefilled dataset and a nearly full identity make the §4 limits reachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  ListDatasetsCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type CognitoSyncClient,
  type ListRecordsCommandOutput,
} from '@aws-sdk/client-cognito-sync';
import { CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { SyncModel, type ModelListing, type ModelPatch } from './sync-model.js';
import {
  attempt,
  modelDatasetView,
  modelOutcomeView,
  modelRecordView,
  serverDatasetView,
  serverRecordView,
  serviceError,
  type OutcomeView,
} from './sync-views.js';
import {
  DATASETS,
  DIRECTED_EXAMPLE,
  FILLER_DATASETS,
  PREFILLED_RECORDS,
  PREFILLED_VALUE,
  VALUES,
  opArb,
  type GenPatch,
  type Op,
} from './property-ops.js';

// COGSYNC_PROPERTY_RUNS=500 explores longer; a failure prints the seed and the shrunk sequence to replay.
const NUM_RUNS = Number(process.env.COGSYNC_PROPERTY_RUNS ?? 60);

interface Device {
  client: CognitoSyncClient;
  deviceId?: string;
  clientContext?: string;
  /** The LastModifiedBy the server must record for this device (§3.8). */
  by: string;
}

/** What one device believes about one dataset, from its own last listing or write. */
interface Knowledge {
  counts: Map<string, number>;
  cursor: number;
  token?: string;
}

let ts: TestServer;
let devices: Device[];
/** How often each outcome happened, to prove the generators reach conflicts, limits and tombstones. */
const tally = new Map<string, number>();
const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);

before(async () => {
  ts = await startTestServer({ inMemory: true });
  const installation = Buffer.from(JSON.stringify({ client: { installation_id: 'inst-42' } })).toString('base64');
  devices = [
    { client: ts.sync, deviceId: 'phone-1', by: 'phone-1' },
    { client: ts.newSyncClient(), deviceId: 'tablet:2', by: 'tablet:2' },
    { client: ts.newSyncClient(), clientContext: installation, by: 'inst-42' },
    { client: ts.newSyncClient(), by: '123456789012' },
  ];
});

after(async () => {
  await ts?.close();
});

/** One run: a fresh pool and two fresh identities, so runs never see each other's data. */
class Run {
  readonly model = new SyncModel();
  private readonly knowledge = new Map<string, Knowledge>();

  constructor(
    readonly poolId: string,
    readonly identities: string[],
  ) {}

  static async start(): Promise<Run> {
    const pool = await ts.identity.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'property', AllowUnauthenticatedIdentities: true }),
    );
    const poolId = pool.IdentityPoolId!;
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await ts.identity.send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId!);
    const run = new Run(poolId, ids);
    await run.prefill();
    return run;
  }

  private async prefill(): Promise<void> {
    const full: ModelPatch[] = [];
    for (let i = 0; i < PREFILLED_RECORDS; i++) {
      full.push({ op: 'replace', key: `p${String(i).padStart(4, '0')}`, value: PREFILLED_VALUE, syncCount: 0 });
    }
    await this.update(0, 0, 'full', full, 'prefill');
    for (let i = 0; i < FILLER_DATASETS; i++) {
      await this.update(0, 1, `filler-${String(i).padStart(2, '0')}`, [{ op: 'replace', key: 'f', value: 'f', syncCount: 0 }], 'prefill');
    }
  }

  private know(device: number, identity: number, dataset: string): Knowledge {
    const id = `${device}/${identity}/${dataset}`;
    let k = this.knowledge.get(id);
    if (!k) this.knowledge.set(id, (k = { counts: new Map(), cursor: 0 }));
    return k;
  }

  private patchesFor(device: number, identity: number, dataset: string, gen: GenPatch[]): ModelPatch[] {
    const known = this.know(device, identity, dataset);
    return gen.map((p) => ({
      op: p.op,
      key: p.key,
      ...(p.op === 'replace' || p.removeWithValue ? { value: VALUES[p.value] } : {}),
      syncCount:
        p.count === 'known'
          ? (known.counts.get(p.key) ?? 0)
          : p.count === 'fresh'
            ? this.model.currentCount(this.identities[identity], dataset, p.key)
            : p.count,
      ...(p.deviceDate !== undefined ? { deviceLastModified: p.deviceDate } : {}),
    }));
  }

  async step(op: Op, where: string): Promise<void> {
    switch (op.kind) {
      case 'update':
        return this.update(op.device, op.identity, op.dataset, this.patchesFor(op.device, op.identity, op.dataset, op.patches), where);
      case 'badToken':
        return this.badToken(op, where);
      case 'list': {
        const from = op.from === 'zero' ? 0 : op.from === 'cursor' ? this.know(op.device, op.identity, op.dataset).cursor : op.from;
        await this.list(op.device, op.identity, op.dataset, from, op.maxResults, where);
        return;
      }
      case 'delete':
        return this.delete(op.identity, op.dataset, where);
      case 'describe':
        return this.describe(op.identity, op.dataset, where);
      case 'listDatasets':
        return this.listDatasets(op.identity, op.maxResults, where);
    }
  }

  /** A token from the device's earlier listing, else a new one from a listing that returns no records. */
  private async tokenFor(device: number, identity: number, dataset: string, where: string): Promise<string> {
    const token = this.know(device, identity, dataset).token;
    if (token) return token;
    const counter = this.model.datasetCounter(this.identities[identity], dataset);
    return this.list(device, identity, dataset, counter, undefined, `${where} (minting a token)`);
  }

  async update(device: number, identity: number, dataset: string, patches: ModelPatch[], where: string, token?: string): Promise<void> {
    const d = devices[device];
    const identityId = this.identities[identity];
    const syncSessionToken = token ?? (await this.tokenFor(device, identity, dataset, where));
    const expected = token
      ? { error: { name: 'InvalidParameterException', status: 400, message: 'SyncSessionToken not valid for these inputs' } }
      : modelOutcomeView(this.model.update(identityId, dataset, patches, d.by), (rs) => rs.map(modelRecordView));
    const result = await attempt(() =>
      d.client.send(
        new UpdateRecordsCommand({
          IdentityPoolId: this.poolId,
          IdentityId: identityId,
          DatasetName: dataset,
          SyncSessionToken: syncSessionToken,
          DeviceId: d.deviceId,
          ClientContext: d.clientContext,
          RecordPatches: patches.map((p) => ({
            Op: p.op,
            Key: p.key,
            Value: p.value,
            SyncCount: p.syncCount,
            DeviceLastModifiedDate: p.deviceLastModified === undefined ? undefined : new Date(p.deviceLastModified),
          })),
        }),
      ),
    );
    const actual: OutcomeView<unknown> = result.ok ? { ok: (result.value.Records ?? []).map(serverRecordView) } : { error: result.error };
    assert.deepEqual(actual, expected, `${where}: UpdateRecords ${dataset} of identity ${identity} by device ${device}`);
    if (where === 'prefill') assert.ok(result.ok, 'prefill must succeed');
    count(result.ok ? 'update ok' : result.error.name);
    if (!result.ok && result.error.name === 'LimitExceededException') count(limitKind(result.error.message));
    if (result.ok) {
      const known = this.know(device, identity, dataset);
      for (const r of result.value.Records ?? []) known.counts.set(r.Key!, r.SyncCount!);
    }
  }

  private async badToken(op: Extract<Op, { kind: 'badToken' }>, where: string): Promise<void> {
    let token = 'bm90LWEtdG9rZW4.bm90LWEtbWFj';
    if (op.token !== 'malformed') {
      const identity = op.token === 'otherIdentity' ? 1 - op.identity : op.identity;
      const dataset = op.token === 'otherDataset' ? DATASETS.find((d) => d !== op.dataset)! : op.dataset;
      token = await this.list(op.device, identity, dataset, 0, undefined, `${where} (minting a foreign token)`);
    }
    const patches = this.patchesFor(op.device, op.identity, op.dataset, op.patches);
    await this.update(op.device, op.identity, op.dataset, patches, where, token);
  }

  /** ListRecords through every page; compares the joined pages with the model; returns the session token. */
  async list(device: number, identity: number, dataset: string, from: number, maxResults: number | undefined, where: string): Promise<string> {
    const d = devices[device];
    const identityId = this.identities[identity];
    // Paging a thousand records three at a time is slow without testing anything new.
    const pageSize = dataset === 'full' && identity === 0 && maxResults === 3 ? 500 : maxResults;
    const expected = modelOutcomeView(this.model.list(identityId, dataset, from), listingView);
    const pages: ListRecordsCommandOutput[] = [];
    let failure: OutcomeView<unknown> | undefined;
    for (let nextToken: string | undefined; pages.length === 0 || nextToken; ) {
      assert.ok(pages.length < 400, `${where}: ListRecords never stops paging`);
      try {
        const page = await d.client.send(
          new ListRecordsCommand({
            IdentityPoolId: this.poolId,
            IdentityId: identityId,
            DatasetName: dataset,
            LastSyncCount: from,
            MaxResults: pageSize,
            NextToken: nextToken,
          }),
        );
        pages.push(page);
        nextToken = page.NextToken;
      } catch (error) {
        assert.equal(pages.length, 0, `${where}: a later ListRecords page failed: ${(error as Error).message}`);
        failure = { error: serviceError(error) };
        break;
      }
    }
    const first = pages[0];
    const actual: OutcomeView<unknown> = failure ?? {
      ok: {
        datasetExists: first.DatasetExists,
        deletedAfterRequestedSyncCount: first.DatasetDeletedAfterRequestedSyncCount,
        datasetSyncCount: first.DatasetSyncCount,
        lastModifiedBy: first.DatasetExists ? first.LastModifiedBy : null,
        records: pages.flatMap((p) => (p.Records ?? []).map(serverRecordView)),
      },
    };
    const context = `${where}: ListRecords ${dataset} of identity ${identity} from ${from}, maxResults ${pageSize}`;
    assert.deepEqual(actual, expected, context);
    if (failure) return '';
    if (first.DatasetDeletedAfterRequestedSyncCount) count('deleted after requested count');
    if (pages.some((p) => p.Records?.some((r) => r.Value === undefined))) count('tombstone listed');
    if (pages.length > 1) count('several pages');

    for (const [i, page] of pages.entries()) {
      assert.equal(page.Count, page.Records?.length ?? 0, `${context}: page ${i} Count`);
      assert.ok((page.Records?.length ?? 0) <= (pageSize ?? 1024), `${context}: page ${i} is larger than maxResults`);
      assert.equal(page.SyncSessionToken, first.SyncSessionToken, `${context}: page ${i} carries another token`);
      assert.equal(page.DatasetSyncCount, first.DatasetSyncCount, `${context}: page ${i} DatasetSyncCount`);
    }
    assert.ok(first.SyncSessionToken, `${context}: no SyncSessionToken`);
    const known = this.know(device, identity, dataset);
    if (!first.DatasetExists) known.counts.clear();
    for (const p of pages) for (const r of p.Records ?? []) known.counts.set(r.Key!, r.SyncCount!);
    known.cursor = first.DatasetSyncCount ?? 0;
    known.token = first.SyncSessionToken;
    return first.SyncSessionToken!;
  }

  async delete(identity: number, dataset: string, where: string): Promise<void> {
    const identityId = this.identities[identity];
    const expected = modelOutcomeView(this.model.delete(identityId, dataset), modelDatasetView);
    const result = await attempt(() =>
      ts.sync.send(new DeleteDatasetCommand({ IdentityPoolId: this.poolId, IdentityId: identityId, DatasetName: dataset })),
    );
    const actual = result.ok ? { ok: serverDatasetView(result.value.Dataset) } : { error: result.error };
    count(result.ok ? 'delete ok' : result.error.name);
    assert.deepEqual(actual, expected, `${where}: DeleteDataset ${dataset} of identity ${identity}`);
  }

  async describe(identity: number, dataset: string, where: string): Promise<void> {
    const identityId = this.identities[identity];
    const expected = modelOutcomeView(this.model.describe(identityId, dataset), modelDatasetView);
    const result = await attempt(() =>
      ts.sync.send(new DescribeDatasetCommand({ IdentityPoolId: this.poolId, IdentityId: identityId, DatasetName: dataset })),
    );
    const actual = result.ok ? { ok: serverDatasetView(result.value.Dataset) } : { error: result.error };
    count(result.ok ? 'describe ok' : result.error.name);
    assert.deepEqual(actual, expected, `${where}: DescribeDataset ${dataset} of identity ${identity}`);
  }

  async listDatasets(identity: number, maxResults: number | undefined, where: string): Promise<void> {
    const identityId = this.identities[identity];
    const seen = [];
    for (let nextToken: string | undefined, pages = 0; pages === 0 || nextToken; pages++) {
      assert.ok(pages < 100, `${where}: ListDatasets never stops paging`);
      const page = await ts.sync.send(
        new ListDatasetsCommand({ IdentityPoolId: this.poolId, IdentityId: identityId, MaxResults: maxResults, NextToken: nextToken }),
      );
      assert.equal(page.Count, page.Datasets?.length ?? 0, `${where}: ListDatasets page Count`);
      assert.ok((page.Datasets?.length ?? 0) <= (maxResults ?? 64), `${where}: ListDatasets page larger than maxResults`);
      seen.push(...(page.Datasets ?? []).map(serverDatasetView));
      nextToken = page.NextToken;
    }
    assert.deepEqual(seen, this.model.listDatasets(identityId).map(modelDatasetView), `${where}: ListDatasets of identity ${identity}`);
  }

  /** After the sequence: every dataset, listed and described, still matches (failed calls changed nothing). */
  async checkEverything(): Promise<void> {
    for (const identity of [0, 1]) {
      await this.listDatasets(identity, undefined, 'final check');
      for (const dataset of DATASETS) {
        await this.list(3, identity, dataset, 0, undefined, 'final check');
        await this.describe(identity, dataset, 'final check');
      }
    }
  }
}

function limitKind(message: string): string {
  if (message.startsWith('Too many datasets')) return 'limit: datasets per identity';
  if (message.startsWith('Too many records')) return 'limit: records per dataset';
  if (message.includes('is too large')) return 'limit: dataset size';
  return `limit: unexpected message ${message}`;
}

function listingView(l: ModelListing) {
  return {
    datasetExists: l.datasetExists,
    deletedAfterRequestedSyncCount: l.deletedAfterRequestedSyncCount,
    datasetSyncCount: l.datasetSyncCount,
    lastModifiedBy: l.datasetExists ? l.lastModifiedBy : null,
    records: l.records.map(modelRecordView),
  };
}

test('the server matches the reference model on random multi-device sequences', { timeout: 240_000 }, async (t) => {
  const stats = { runs: 0, steps: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25, size: 'max' }), async (ops) => {
      const run = await Run.start();
      for (const [i, op] of ops.entries()) await run.step(op, `step ${i} (${op.kind})`);
      await run.checkEverything();
      stats.runs++;
      stats.steps += ops.length;
    }),
    { numRuns: NUM_RUNS, examples: [[DIRECTED_EXAMPLE]], includeErrorInReport: true },
  );
  assert.ok(stats.steps > NUM_RUNS, 'sequences were generated and run');
  const seen = Object.fromEntries(tally);
  for (const what of ['update ok', 'ResourceConflictException', 'InvalidParameterException', 'ResourceNotFoundException',
    'limit: datasets per identity', 'limit: records per dataset', 'limit: dataset size',
    'tombstone listed', 'deleted after requested count', 'several pages']) {
    assert.ok((tally.get(what) ?? 0) > 0, `the generated sequences never produced: ${what} (saw ${JSON.stringify(seen)})`);
  }
  t.diagnostic(`${stats.runs} sequences, ${stats.steps} steps; outcomes ${JSON.stringify(seen)}`);
});
