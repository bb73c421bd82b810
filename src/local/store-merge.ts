// Merging one identity into another, as Cognito Identity does when logins are linked
// (SERVICE.md §3.6). Each existing dataset D of the source becomes D.<source id> under the
// destination, its live records at SyncCount 1; the source's logins move; the source goes.
import { identityNotFound, invalidParameter } from './errors.js';
import { RecordSet } from './record-set.js';
import { deleteIdentityData, findIdentity, requireOneLoginPerProvider, requirePool } from './store-identity.js';
import type { DatasetRow } from './store-datasets.js';
import type { Store } from './store.js';
import { decodeRecord, encodeRecord } from './store-records.js';

export interface MergeResult {
  /** Names of the datasets created under the destination. */
  mergedDatasets: string[];
}

export function mergeIdentities(store: Store, poolId: string, sourceId: string, destinationId: string): MergeResult {
  return store.transaction(() => {
    requirePool(store, poolId);
    if (!findIdentity(store, poolId, sourceId)) throw identityNotFound(sourceId);
    if (!findIdentity(store, poolId, destinationId)) throw identityNotFound(destinationId);
    if (sourceId === destinationId) throw invalidParameter('SourceIdentityId and DestinationIdentityId must be different identities');

    // The source's logins join the destination's: one per provider there too.
    const sourceLogins = store.sql('SELECT provider, subject FROM logins WHERE identity_id = ?').all(sourceId) as Array<{ provider: string; subject: string }>;
    requireOneLoginPerProvider(store, destinationId, sourceLogins);

    const sources = store
      .sql('SELECT * FROM datasets WHERE pool_id = ? AND identity_id = ? AND present = 1 ORDER BY name')
      .all(poolId, sourceId) as DatasetRow[];
    const findTarget = store.sql('SELECT * FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?');
    // Check every name first: a failed merge changes nothing.
    const plan = sources.map((source) => {
      const name = `${source.name}.${sourceId}`;
      if (name.length > 128) throw invalidParameter(`Cannot merge dataset ${source.name}: the merged name ${name} is longer than 128 characters`);
      const target = findTarget.get(poolId, destinationId, name) as DatasetRow | undefined;
      if (target?.present) throw invalidParameter(`Cannot merge dataset ${source.name}: identity ${destinationId} already has a dataset named ${name}`);
      return { source, name, target };
    });

    const now = store.now();
    for (const { source, name, target } of plan) {
      // Counter 1 for a new slot; a slot left by an earlier delete continues after its counter.
      const counter = target ? target.counter + 1 : 1;
      let targetId: number;
      if (target) {
        targetId = target.id;
        store
          .sql(
            `UPDATE datasets SET counter = ?, present = 1, created_ms = ?, modified_ms = ?, modified_by = ?, num_records = ?,
             data_storage = ?, merged_from = ? WHERE id = ?`,
          )
          .run(counter, source.created_ms, source.modified_ms, source.modified_by, source.num_records, source.data_storage, source.name, target.id);
      } else {
        targetId = Number(
          store
            .sql(
              `INSERT INTO datasets (pool_id, identity_id, name, counter, present, created_ms, modified_ms, modified_by, num_records, data_storage, merged_from)
               VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
            )
            .run(poolId, destinationId, name, counter, source.created_ms, source.modified_ms, source.modified_by, source.num_records, source.data_storage, source.name)
            .lastInsertRowid,
        );
      }
      // Live records only, each at the new count; everything else about them is kept.
      const live = store.records
        .get(source.id)
        .entries()
        .filter((record) => record.size > 0)
        .map((record) => ({ ...record, syncCount: counter, wire: encodeRecord({ ...decodeRecord(record.wire), SyncCount: counter }) }));
      store.records.put(targetId, RecordSet.fromUnordered(live));
    }
    const moved = store.sql('UPDATE logins SET identity_id = ? WHERE identity_id = ?').run(destinationId, sourceId).changes;
    if (moved > 0) store.sql('UPDATE identities SET modified_ms = ? WHERE id = ?').run(now, destinationId);
    // Only datasets moving are a data change (§3.7); logins alone are not.
    if (plan.length > 0) {
      store.sql('UPDATE identities SET data_modified_ms = ? WHERE id = ?').run(now, destinationId);
      store.sql('UPDATE pools SET data_modified_ms = ? WHERE id = ?').run(now, poolId);
    }
    deleteIdentityData(store, sourceId);
    return { mergedDatasets: plan.map((p) => p.name) };
  });
}
