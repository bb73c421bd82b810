// Every list call, paged: a lazy async generator of pages for the UI (load more on
// demand, `hasMore` tells whether to offer it) and a `listAll…` that follows NextToken to
// the end for commands and the sync engine. The SDK ships no paginators for these.
import {
  ListIdentitiesCommand,
  ListIdentityPoolsCommand,
  type CognitoIdentityClient,
  type IdentityDescription,
  type IdentityPoolShortDescription,
} from '@aws-sdk/client-cognito-identity';
import {
  ListDatasetsCommand,
  ListIdentityPoolUsageCommand,
  ListRecordsCommand,
  type CognitoSyncClient,
  type Dataset,
  type IdentityPoolUsage,
  type ListRecordsResponse,
  type _Record,
} from '@aws-sdk/client-cognito-sync';
import { CogsyncError, toCogsyncError } from './errors.js';

export interface Page<T> {
  items: T[];
  /** Token for the page after this one; undefined on the last page. */
  nextToken?: string;
  hasMore: boolean;
  /** 1 for the first page this iterator fetched. */
  pageNumber: number;
}

export interface PagingOptions {
  /** MaxResults per call; the server clamps it (SERVICE.md §2). */
  pageSize?: number;
  /** Resume after a page the caller already has. */
  startToken?: string;
  /** Stops the call in flight (the UI left the screen). */
  signal?: AbortSignal;
}

/** Identity APIs require MaxResults (1–60). */
const IDENTITY_PAGE_MAX = 60;

/**
 * Follows NextToken lazily. A token the server already sent means it is going round in
 * circles: stop with an error rather than loop forever.
 */
async function* pageThrough<T, Raw>(
  operation: string,
  options: PagingOptions,
  fetch: (nextToken: string | undefined, signal: AbortSignal | undefined) => Promise<{ items: T[]; nextToken?: string; raw: Raw }>,
): AsyncGenerator<Page<T> & { raw: Raw }, void, undefined> {
  checkPageSize(options.pageSize);
  const seen = new Set<string>();
  let token = options.startToken || undefined;
  let pageNumber = 0;
  do {
    let page: { items: T[]; nextToken?: string; raw: Raw };
    try {
      page = await fetch(token, options.signal);
    } catch (error) {
      throw toCogsyncError(error, { operation });
    }
    pageNumber++;
    const next = page.nextToken || undefined;
    if (next !== undefined) {
      if (seen.has(next) || next === token) {
        throw new CogsyncError({
          code: 'PagingLoop',
          message: `${operation} returned a NextToken it had already returned (page ${pageNumber}); stopped to avoid an endless loop`,
          operation,
          retryable: false,
        });
      }
      seen.add(next);
    }
    yield { items: page.items, nextToken: next, hasMore: next !== undefined, pageNumber, raw: page.raw };
    token = next;
  } while (token !== undefined);
}

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page.items);
  return all;
}

function checkPageSize(pageSize: number | undefined): void {
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) {
    throw new CogsyncError({ code: 'InvalidOption', message: `page size must be a whole number ≥ 1, got ${pageSize}`, retryable: false });
  }
}

const sendOptions = (signal: AbortSignal | undefined) => (signal ? { abortSignal: signal } : undefined);

// ── Cognito Identity ────────────────────────────────────────────────────────────────

export function identityPoolPages(identity: CognitoIdentityClient, options: PagingOptions = {}) {
  return pageThrough('ListIdentityPools', options, async (NextToken, signal) => {
    const out = await identity.send(
      new ListIdentityPoolsCommand({ MaxResults: Math.min(options.pageSize ?? IDENTITY_PAGE_MAX, IDENTITY_PAGE_MAX), NextToken }),
      sendOptions(signal),
    );
    return { items: out.IdentityPools ?? [], nextToken: out.NextToken, raw: undefined };
  });
}

export function listAllIdentityPools(identity: CognitoIdentityClient, options: PagingOptions = {}): Promise<IdentityPoolShortDescription[]> {
  return collect(identityPoolPages(identity, options));
}

export interface IdentityQuery {
  IdentityPoolId: string;
  HideDisabled?: boolean;
}

export function identityPages(identity: CognitoIdentityClient, query: IdentityQuery, options: PagingOptions = {}) {
  return pageThrough('ListIdentities', options, async (NextToken, signal) => {
    const out = await identity.send(
      new ListIdentitiesCommand({
        ...query,
        MaxResults: Math.min(options.pageSize ?? IDENTITY_PAGE_MAX, IDENTITY_PAGE_MAX),
        NextToken,
      }),
      sendOptions(signal),
    );
    return { items: out.Identities ?? [], nextToken: out.NextToken, raw: undefined };
  });
}

export function listAllIdentities(identity: CognitoIdentityClient, query: IdentityQuery, options: PagingOptions = {}): Promise<IdentityDescription[]> {
  return collect(identityPages(identity, query, options));
}

// ── Cognito Sync ────────────────────────────────────────────────────────────────────

export function identityPoolUsagePages(sync: CognitoSyncClient, options: PagingOptions = {}) {
  return pageThrough('ListIdentityPoolUsage', options, async (NextToken, signal) => {
    const out = await sync.send(new ListIdentityPoolUsageCommand({ MaxResults: options.pageSize, NextToken }), sendOptions(signal));
    return { items: out.IdentityPoolUsages ?? [], nextToken: out.NextToken, raw: undefined };
  });
}

export function listAllIdentityPoolUsage(sync: CognitoSyncClient, options: PagingOptions = {}): Promise<IdentityPoolUsage[]> {
  return collect(identityPoolUsagePages(sync, options));
}

export interface DatasetQuery {
  IdentityPoolId: string;
  IdentityId: string;
}

export function datasetPages(sync: CognitoSyncClient, query: DatasetQuery, options: PagingOptions = {}) {
  return pageThrough('ListDatasets', options, async (NextToken, signal) => {
    const out = await sync.send(new ListDatasetsCommand({ ...query, MaxResults: options.pageSize, NextToken }), sendOptions(signal));
    return { items: out.Datasets ?? [], nextToken: out.NextToken, raw: undefined };
  });
}

export function listAllDatasets(sync: CognitoSyncClient, query: DatasetQuery, options: PagingOptions = {}): Promise<Dataset[]> {
  return collect(datasetPages(sync, query, options));
}

export interface RecordQuery {
  IdentityPoolId: string;
  IdentityId: string;
  DatasetName: string;
  /** Only records changed after this dataset count (0 or absent: all, tombstones included). */
  LastSyncCount?: number;
  /** Continue an existing sync session instead of starting one. */
  SyncSessionToken?: string;
}

/** Pages of records; each page's `raw` is the whole ListRecords response (counts, token, flags). */
export function recordPages(sync: CognitoSyncClient, query: RecordQuery, options: PagingOptions = {}) {
  if (query.LastSyncCount !== undefined && (!Number.isInteger(query.LastSyncCount) || query.LastSyncCount < 0)) {
    throw new CogsyncError({ code: 'InvalidOption', message: `lastSyncCount must be a whole number ≥ 0, got ${query.LastSyncCount}`, retryable: false });
  }
  return pageThrough('ListRecords', options, async (NextToken, signal) => {
    const out: ListRecordsResponse = await sync.send(
      new ListRecordsCommand({ ...query, MaxResults: options.pageSize, NextToken }),
      sendOptions(signal),
    );
    return { items: out.Records ?? [], nextToken: out.NextToken, raw: out };
  });
}

/** Every record since `LastSyncCount`, with what the last page said about the dataset. */
export interface RecordListing {
  records: _Record[];
  /** DatasetSyncCount of the last page: the base count for the next push. */
  datasetSyncCount: number;
  /** SyncSessionToken of the last page: the one to send with UpdateRecords. */
  syncSessionToken?: string;
  datasetExists: boolean;
  datasetDeletedAfterRequestedSyncCount: boolean;
  mergedDatasetNames: string[];
  lastModifiedBy?: string;
  pages: number;
}

export async function listAllRecords(sync: CognitoSyncClient, query: RecordQuery, options: PagingOptions = {}): Promise<RecordListing> {
  const records: _Record[] = [];
  let last: ListRecordsResponse | undefined;
  let pages = 0;
  for await (const page of recordPages(sync, query, options)) {
    records.push(...page.items);
    last = page.raw;
    pages++;
  }
  // pageThrough always yields at least one page, so `last` is set.
  const final = last as ListRecordsResponse;
  return {
    records,
    datasetSyncCount: final.DatasetSyncCount ?? 0,
    syncSessionToken: final.SyncSessionToken,
    datasetExists: final.DatasetExists ?? records.length > 0,
    datasetDeletedAfterRequestedSyncCount: final.DatasetDeletedAfterRequestedSyncCount ?? false,
    mergedDatasetNames: final.MergedDatasetNames ?? [],
    lastModifiedBy: final.LastModifiedBy,
    pages,
  };
}
