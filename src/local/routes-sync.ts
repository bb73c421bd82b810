// Cognito Sync operations on usage, datasets and records: input decoding and validation
// (SERVICE.md §1.3, §2), then the store, then the model's output shape.
import type { IncomingHttpHeaders } from 'node:http';
import { optEpochMillis, optInteger, optObjectList, optString, queryInteger } from './body-reader.js';
import { invalidNextToken } from './errors.js';
import { jsonWithList } from './http-io.js';
import { headerText, lastModifiedBy } from './modified-by.js';
import { textOfJsonBody } from './record-wire.js';
import type { Labels, SyncOperation } from './router.js';
import type { PatchFields, UpdateRecordsBody, UpdateRecordsFields } from './update-records-body.js';
import {
  deleteDataset,
  describeIdentityUsage,
  describePoolUsage,
  listDatasets,
  listPoolUsage,
  mergedDatasetNames,
  requireDataset,
} from './store-datasets.js';
import { listRecordsPage, updateRecords, type PatchInput } from './store-records.js';
import type { Store } from './store.js';
import {
  checkSyncSessionToken,
  decodeNextToken,
  encodeNextToken,
  newSyncSession,
  syncSessionToken,
  type DatasetRef,
  type SyncSession,
} from './tokens.js';
import { clampPageSize, PAGE_LIMITS, RULES, Violations } from './validation.js';
import { wireDataset, wireIdentityUsage, wirePoolUsage } from './wire.js';

export interface SyncRequest {
  operation: SyncOperation;
  labels: Labels;
  query: Map<string, string>;
  body: Record<string, unknown>;
  /** The body as received, when there was one: UpdateRecords learns from it whether its strings need JSON escaping. */
  rawBody?: Buffer;
  /** UpdateRecords' body as read by readUpdateRecordsBody, which then stands in for `body`. */
  updateBody?: UpdateRecordsBody;
  headers: IncomingHttpHeaders;
}

export type SyncHandler = (store: Store, request: SyncRequest) => object;

/** Checks the path labels present in this route, in URI order. */
export function checkLabels(v: Violations, labels: Labels): void {
  if (labels.IdentityPoolId !== undefined) v.string('identityPoolId', labels.IdentityPoolId, RULES.identityPoolId, true);
  if (labels.IdentityId !== undefined) v.string('identityId', labels.IdentityId, RULES.identityId, true);
  if (labels.DatasetName !== undefined) v.string('datasetName', labels.DatasetName, RULES.datasetName, true);
  if (labels.DeviceId !== undefined) v.string('deviceId', labels.DeviceId, RULES.deviceId, true);
}

function datasetRef(labels: Labels): DatasetRef {
  return { poolId: labels.IdentityPoolId!, identityId: labels.IdentityId!, datasetName: labels.DatasetName! };
}

/** Labels plus `maxResults` ≥ 1; returns the page size after clamping. */
function pageInput(request: SyncRequest, maximum: number): { v: Violations; limit: number } {
  const v = new Violations();
  checkLabels(v, request.labels);
  const max = queryInteger(request.query, 'maxResults', v);
  v.integer('maxResults', max, { min: 1 });
  return { v, limit: clampPageSize(max, maximum) };
}

/** `nextToken` as given; an empty one means "first page". */
function nextTokenOf(request: SyncRequest): string | undefined {
  const token = request.query.get('nextToken');
  return token === '' ? undefined : token;
}

function labelsOnly(request: SyncRequest): void {
  const v = new Violations();
  checkLabels(v, request.labels);
  v.throwIfAny();
}

const listIdentityPoolUsage: SyncHandler = (store, request) => {
  const { v, limit } = pageInput(request, PAGE_LIMITS.ListIdentityPoolUsage);
  v.throwIfAny();
  const token = nextTokenOf(request);
  const after = token === undefined ? undefined : decodeNextToken(store.signer, token, 'ListIdentityPoolUsage', []);
  if (after !== undefined && typeof after !== 'string') throw invalidNextToken();
  const rows = listPoolUsage(store, limit + 1, after);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  return {
    IdentityPoolUsages: rows.map(wirePoolUsage),
    MaxResults: limit,
    Count: rows.length,
    ...(more ? { NextToken: encodeNextToken(store.signer, 'ListIdentityPoolUsage', [], rows[limit - 1].poolId) } : {}),
  };
};

const listDatasetsHandler: SyncHandler = (store, request) => {
  const { v, limit } = pageInput(request, PAGE_LIMITS.ListDatasets);
  v.throwIfAny();
  const { IdentityPoolId: poolId, IdentityId: identityId } = request.labels as Required<Labels>;
  const bind = [poolId, identityId];
  const token = nextTokenOf(request);
  const after = token === undefined ? undefined : decodeNextToken(store.signer, token, 'ListDatasets', bind);
  if (after !== undefined && typeof after !== 'string') throw invalidNextToken();
  const rows = listDatasets(store, poolId, identityId, limit + 1, after);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  return {
    Datasets: rows.map(wireDataset),
    Count: rows.length,
    ...(more ? { NextToken: encodeNextToken(store.signer, 'ListDatasets', bind, rows[limit - 1].name) } : {}),
  };
};

interface RecordsCursor {
  /** session id and expiry, so every page returns the same SyncSessionToken */
  s: string;
  e: number;
  /** SyncCount and Key of the last record returned */
  c: number;
  k: string;
}

function isRecordsCursor(value: unknown): value is RecordsCursor {
  const c = value as RecordsCursor | null;
  return typeof c === 'object' && c !== null && typeof c.s === 'string' && typeof c.e === 'number' && typeof c.c === 'number' && typeof c.k === 'string';
}

const listRecords: SyncHandler = (store, request) => {
  const { v, limit } = pageInput(request, PAGE_LIMITS.ListRecords);
  const lastSyncCount = queryInteger(request.query, 'lastSyncCount', v);
  v.integer('lastSyncCount', lastSyncCount, { min: 0 });
  v.throwIfAny();
  const ref = datasetRef(request.labels);
  const from = lastSyncCount ?? 0;
  const bind = [ref.poolId, ref.identityId, ref.datasetName, from];
  const givenToken = request.query.get('syncSessionToken');
  const nextToken = nextTokenOf(request);
  return store.transaction(() => {
    const now = store.now();
    let session: SyncSession | undefined = givenToken === undefined ? undefined : checkSyncSessionToken(store.signer, givenToken, ref, now);
    let after: [number, string] | undefined;
    if (nextToken !== undefined) {
      const cursor = decodeNextToken(store.signer, nextToken, 'ListRecords', bind);
      if (!isRecordsCursor(cursor) || (session && session.sessionId !== cursor.s)) throw invalidNextToken();
      session = { sessionId: cursor.s, expiresAt: cursor.e };
      after = [cursor.c, cursor.k];
    }
    const page = listRecordsPage(store, ref, from, limit, after);
    const merged = mergedDatasetNames(store, ref);
    if (!session) {
      session = newSyncSession(now, store.tokenTtlSeconds);
      store.sql('UPDATE pools SET sync_sessions = sync_sessions + 1 WHERE id = ?').run(ref.poolId);
    }
    const output: Record<string, unknown> = {};
    if (page.next) {
      const cursor: RecordsCursor = { s: session.sessionId, e: session.expiresAt, c: page.next[0], k: page.next[1] };
      output.NextToken = encodeNextToken(store.signer, 'ListRecords', bind, cursor);
    }
    output.Count = page.count;
    output.DatasetSyncCount = page.datasetSyncCount;
    if (page.exists && page.slot?.modified_by) output.LastModifiedBy = page.slot.modified_by;
    if (merged.length > 0) output.MergedDatasetNames = merged;
    output.DatasetExists = page.exists;
    output.DatasetDeletedAfterRequestedSyncCount = page.deletedAfterRequestedSyncCount;
    output.SyncSessionToken = syncSessionToken(store.signer, ref, session);
    return jsonWithList('Records', page.records, output);
  });
};

/** UpdateRecords' members from a parsed JSON body; a member of the wrong type is a SerializationException. */
function updateRecordsFields(body: Record<string, unknown>): UpdateRecordsFields {
  const deviceId = optString(body, 'DeviceId');
  const token = optString(body, 'SyncSessionToken');
  const raw = optObjectList(body, 'RecordPatches') ?? [];
  const patches = raw.map((item, i) => ({
    op: optString(item, 'Op', `RecordPatches[${i}].Op`),
    key: optString(item, 'Key', `RecordPatches[${i}].Key`),
    value: optString(item, 'Value', `RecordPatches[${i}].Value`),
    valueJson: undefined, // the members of the fast reader's patches (update-records-body.ts), in its order
    syncCount: optInteger(item, 'SyncCount', `RecordPatches[${i}].SyncCount`),
    deviceModifiedMs: optEpochMillis(item, 'DeviceLastModifiedDate', `RecordPatches[${i}].DeviceLastModifiedDate`),
  }));
  return { deviceId, token, patches };
}

/**
 * True only when none of updateRecordsInput's checks of a patch can fail, so the usual
 * patch skips them: building their five message paths for 1,024 patches costs ~0.1 ms.
 */
function passesPatchChecks(p: PatchFields): boolean {
  const { recordKey, recordValue } = RULES;
  const valueOk = p.op === 'remove' || p.valueJson !== undefined || (p.value !== undefined && p.value.length <= recordValue.max);
  return (
    (p.op === 'replace' || p.op === 'remove') &&
    p.key !== undefined &&
    p.key.length >= recordKey.min &&
    p.key.length <= recordKey.max &&
    valueOk &&
    p.syncCount !== undefined &&
    p.syncCount >= 0
  );
}

/**
 * Decodes and validates UpdateRecords' body; all violations at once. The members come
 * from the fast reader when it took the body (server.ts), else from the parsed JSON.
 */
export function updateRecordsInput(request: SyncRequest): { token: string; deviceId?: string; patches: PatchInput[] } {
  const { deviceId, token, patches } = request.updateBody ?? updateRecordsFields(request.body);
  const v = new Violations();
  checkLabels(v, request.labels);
  v.string('deviceId', deviceId, RULES.deviceId);
  const duplicate = firstDuplicateKey(patches);
  patches.forEach((p, i) => {
    if (passesPatchChecks(p)) return;
    const path = `recordPatches.${i + 1}.member`;
    v.string(`${path}.op`, p.op, RULES.operation, true);
    v.string(`${path}.key`, p.key, RULES.recordKey, true);
    // A value read as bytes is present and within the limit (the reader declines otherwise).
    if (p.op === 'replace' && p.valueJson === undefined) v.string(`${path}.value`, p.value, RULES.recordValue, true);
    v.integer(`${path}.syncCount`, p.syncCount, { min: 0 }, true);
  });
  if (duplicate !== undefined) v.addOther(`Duplicate key in RecordPatches: ${duplicate}`);
  v.required('syncSessionToken', token);
  v.throwIfAny();
  return {
    token: token!,
    deviceId,
    patches: patches.map((p) => {
      // The checks passed, so a patch already in PatchInput's terms goes as it is (no copy of 1,024 objects).
      if (p.op === 'replace' ? p.value === undefined || p.valueJson === undefined : p.value === undefined && p.valueJson === undefined) {
        return p as PatchInput;
      }
      const patch: PatchInput = {
        op: p.op as PatchInput['op'],
        key: p.key!,
        value: p.op === 'replace' ? p.value : undefined,
        syncCount: p.syncCount!,
        deviceModifiedMs: p.deviceModifiedMs,
      };
      if (p.op === 'replace' && p.valueJson !== undefined) patch.valueJson = p.valueJson;
      return patch;
    }),
  };
}

/**
 * The first key a later patch repeats, if any. Patches usually come in key order, and then
 * the keys are distinct when each is above the one before: no set of 1,024 keys to build.
 */
function firstDuplicateKey(patches: readonly PatchFields[]): string | undefined {
  let ascending = true;
  for (let i = 1; i < patches.length && ascending; i++) {
    const before = patches[i - 1].key;
    const key = patches[i].key;
    ascending = before !== undefined && key !== undefined && before < key;
  }
  if (ascending) return undefined;
  const seen = new Set<string>();
  for (const { key } of patches) {
    if (key === undefined) continue;
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

const updateRecordsHandler: SyncHandler = (store, request) => {
  const input = updateRecordsInput(request);
  const ref = datasetRef(request.labels);
  checkSyncSessionToken(store.signer, input.token, ref, store.now());
  const header = request.headers['x-amz-client-context'];
  const clientContext = Array.isArray(header) ? header[0] : header;
  const by = lastModifiedBy(input.deviceId, clientContext === undefined ? undefined : headerText(clientContext), store.accountId);
  const text = request.updateBody?.text ?? (request.rawBody ? textOfJsonBody(request.rawBody) : 'any');
  return jsonWithList('Records', updateRecords(store, ref, input.patches, by, text).joined, {});
};

export const SYNC_DATA_HANDLERS = {
  ListIdentityPoolUsage: listIdentityPoolUsage,
  DescribeIdentityPoolUsage: (store, request) => {
    labelsOnly(request);
    return { IdentityPoolUsage: wirePoolUsage(describePoolUsage(store, request.labels.IdentityPoolId!)) };
  },
  DescribeIdentityUsage: (store, request) => {
    labelsOnly(request);
    return { IdentityUsage: wireIdentityUsage(describeIdentityUsage(store, request.labels.IdentityPoolId!, request.labels.IdentityId!)) };
  },
  ListDatasets: listDatasetsHandler,
  DescribeDataset: (store, request) => {
    labelsOnly(request);
    return { Dataset: wireDataset(requireDataset(store, datasetRef(request.labels))) };
  },
  UpdateRecords: updateRecordsHandler,
  DeleteDataset: (store, request) => {
    labelsOnly(request);
    return { Dataset: wireDataset(deleteDataset(store, datasetRef(request.labels))) };
  },
  ListRecords: listRecords,
} satisfies Partial<Record<SyncOperation, SyncHandler>>;
