// Helpers for sync-session integration tests: fresh dataset addresses, an observer that
// reads the server with its own client, and a per-client request counter.
import { randomUUID } from 'node:crypto';
import { ListRecordsCommand, type CognitoSyncClient, type _Record } from '@aws-sdk/client-cognito-sync';

export interface Address {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
}

/** A pool + identity the server has never seen (created by the first write). */
export function freshAddress(datasetName = 'game'): Address {
  return { identityPoolId: `us-east-1:${randomUUID()}`, identityId: `us-east-1:${randomUUID()}`, datasetName };
}

/** Every record and the dataset count, read with an independent client. */
export async function serverView(client: CognitoSyncClient, a: Address): Promise<{
  values: Record<string, string | null>;
  records: _Record[];
  syncCount: number;
  exists: boolean;
}> {
  const records: _Record[] = [];
  let NextToken: string | undefined;
  let syncCount = 0;
  let exists = false;
  do {
    const page = await client.send(
      new ListRecordsCommand({ IdentityPoolId: a.identityPoolId, IdentityId: a.identityId, DatasetName: a.datasetName, NextToken }),
    );
    records.push(...(page.Records ?? []));
    syncCount = page.DatasetSyncCount ?? 0;
    exists = page.DatasetExists ?? false;
    NextToken = page.NextToken;
  } while (NextToken);
  const values: Record<string, string | null> = {};
  for (const r of records) values[r.Key!] = r.Value ?? null;
  return { values, records, syncCount, exists };
}

/** Counts the commands a client sends (once per call, before retries). */
export function countCommands(client: CognitoSyncClient): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: `countCommands-${randomUUID()}` },
  );
  return counts;
}

/**
 * Runs `action` once, just before the client's next UpdateRecords goes out: another
 * device's write landing between our listing and our update (the race a 409 guards).
 */
export function beforeNextUpdate(client: CognitoSyncClient, action: () => Promise<unknown>): void {
  let pending = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (pending && context.commandName === 'UpdateRecordsCommand') {
        pending = false;
        await action();
      }
      return next(args);
    },
    { step: 'initialize', name: `beforeNextUpdate-${randomUUID()}` },
  );
}
