/**
 * One page of a dataset's records as the records screen shows it: the SDK records turned
 * into the sync engine's, with what the page says about the dataset.
 */
import type { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { recordPages } from '../../aws/paging.js';
import { fromSdkRecord, type DatasetAddress } from '../../session/remote-dataset.js';
import type { RecordsListing } from '../state/records.js';

export interface RecordsPage {
  listing: RecordsListing;
  /** Set when more pages follow. */
  nextToken?: string;
}

/** The page at `startToken` (the first without one); undefined when the server returned none. */
export async function fetchRecordsPage(
  sync: CognitoSyncClient,
  address: DatasetAddress,
  options: { pageSize?: number; startToken?: string },
): Promise<RecordsPage | undefined> {
  const pages = recordPages(
    sync,
    { IdentityPoolId: address.identityPoolId, IdentityId: address.identityId, DatasetName: address.datasetName },
    options,
  );
  const { value: page } = await pages.next();
  await pages.return(undefined);
  if (!page) return undefined;
  return {
    listing: {
      records: page.items.map(fromSdkRecord),
      syncCount: page.raw.DatasetSyncCount ?? 0,
      exists: page.raw.DatasetExists ?? page.items.length > 0,
      mergedDatasetNames: page.raw.MergedDatasetNames,
    },
    nextToken: page.nextToken,
  };
}
