/**
 * What the browse screens read, as rows, through `src/aws/` (paging, error mapping, the
 * request log). No React here; the container calls these and dispatches the results.
 */
import { DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import type { AwsClients } from '../../aws/clients.js';
import {
  identityPages, listAllDatasets, listAllIdentityPools, listAllIdentityPoolUsage, listAllRecords,
} from '../../aws/paging.js';
import { toEpochMs } from '../../util/format.js';
import type { DatasetRow, IdentityRow, PoolRow, RecordRow } from './rows.js';

export interface Paged<T> {
  rows: T[];
  /** Set when the server has another page. */
  nextToken?: string;
}

export interface BrowseService {
  /** Identity pools (ListIdentityPools) with their Sync usage (ListIdentityPoolUsage) when available. */
  listPools(signal?: AbortSignal): Promise<{ rows: PoolRow[]; usageError?: unknown }>;
  /** One page of identities; pass the previous page's token for the next. */
  listIdentities(poolId: string, nextToken?: string, signal?: AbortSignal): Promise<Paged<IdentityRow>>;
  listDatasets(poolId: string, identityId: string, signal?: AbortSignal): Promise<DatasetRow[]>;
  /** Every record of a dataset, tombstones included (value undefined). */
  listRecords(poolId: string, identityId: string, dataset: string, signal?: AbortSignal): Promise<RecordRow[]>;
  /** The pool's name (DescribeIdentityPool), for a place known only by the pool's id; undefined when it has none. */
  poolName(poolId: string, signal?: AbortSignal): Promise<string | undefined>;
}

/** Identities per page: the API maximum, so "more…" comes rarely. */
export const IDENTITY_PAGE_SIZE = 60;

/** The first page an async page generator yields; the generator is closed after it. */
async function firstPage<P>(pages: AsyncGenerator<P, void, undefined>): Promise<P> {
  try {
    const { value, done } = await pages.next();
    if (done || value === undefined) throw new Error('the listing returned no page');
    return value;
  } finally {
    await pages.return(undefined);
  }
}

export function createBrowseService(clients: AwsClients): BrowseService {
  const { sync, identity } = clients;
  return {
    async listPools(signal) {
      const pools = await listAllIdentityPools(identity, { signal });
      let usageError: unknown;
      const usage = await listAllIdentityPoolUsage(sync, { signal }).catch((error: unknown) => {
        // Pools are still worth showing when Sync usage is unavailable (region, permissions).
        usageError = error;
        return [];
      });
      const byId = new Map(usage.map((u) => [u.IdentityPoolId ?? '', u]));
      const rows: PoolRow[] = pools.map((p) => {
        const u = byId.get(p.IdentityPoolId ?? '');
        return {
          kind: 'pool',
          id: p.IdentityPoolId ?? '',
          name: p.IdentityPoolName ?? '',
          dataStorage: u?.DataStorage,
          syncSessions: u?.SyncSessionsCount,
          lastModified: toEpochMs(u?.LastModifiedDate),
        };
      });
      return { rows, usageError };
    },

    async listIdentities(poolId, nextToken, signal) {
      const page = await firstPage(
        identityPages(identity, { IdentityPoolId: poolId }, { pageSize: IDENTITY_PAGE_SIZE, startToken: nextToken, signal }),
      );
      return {
        rows: page.items.map((i) => ({
          kind: 'identity',
          id: i.IdentityId ?? '',
          created: toEpochMs(i.CreationDate),
          lastModified: toEpochMs(i.LastModifiedDate),
          logins: i.Logins ?? [],
        })),
        nextToken: page.nextToken,
      };
    },

    async listDatasets(poolId, identityId, signal) {
      const datasets = await listAllDatasets(sync, { IdentityPoolId: poolId, IdentityId: identityId }, { signal });
      return datasets.map((d) => ({
        kind: 'dataset',
        id: d.DatasetName ?? '',
        numRecords: d.NumRecords,
        dataStorage: d.DataStorage,
        created: toEpochMs(d.CreationDate),
        lastModified: toEpochMs(d.LastModifiedDate),
        lastModifiedBy: d.LastModifiedBy,
      }));
    },

    async poolName(poolId, signal) {
      const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }), { abortSignal: signal });
      return pool.IdentityPoolName || undefined;
    },

    async listRecords(poolId, identityId, dataset, signal) {
      const listing = await listAllRecords(sync, { IdentityPoolId: poolId, IdentityId: identityId, DatasetName: dataset }, { signal });
      return listing.records.map((r) => ({
        kind: 'record',
        id: r.Key ?? '',
        value: r.Value,
        syncCount: r.SyncCount ?? 0,
        lastModified: toEpochMs(r.LastModifiedDate),
        lastModifiedBy: r.LastModifiedBy,
      }));
    },
  };
}

