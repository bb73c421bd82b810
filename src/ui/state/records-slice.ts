/**
 * The records part of the app reducer: one RecordsState per dataset location, kept in step
 * with that location's list (rows, filter, window) and with the header's staged counts.
 * Write actions are refused here too when the connection is read-only, so no path around
 * the action layer can stage anything.
 */
import type { AppState } from './app-reducer.js';
import * as L from './list.js';
import * as W from './table-window.js';
import { emptyRecords, isWriteAction, recordRows, recordsReducer, stagedTally, type RecordsAction, type RecordsState } from './records.js';

export function recordsAt(s: AppState, key: string): RecordsState | undefined {
  return s.records[key];
}

export function reduceRecords(s: AppState, key: string, action: RecordsAction): AppState {
  if (s.connection?.readOnly && isWriteAction(action)) return s;
  const before = s.records[key] ?? emptyRecords();
  const next = recordsReducer(before, action);
  let list = s.lists[key] ?? L.emptyList(s.viewport);
  if (action.type === 'loading') list = L.listLoading(list, action.more);
  else if (action.type === 'failed') list = L.listFailed(list);
  else if (next.dataset !== before.dataset || next.showTombstones !== before.showTombstones || next.status !== before.status || next.nextToken !== before.nextToken) {
    // Only when the rows can differ: typing in the editor must not rebuild 1,024 rows per key.
    list = L.listLoaded(list, recordRows(next), { nextToken: next.nextToken });
  }
  if ((action.type === 'dataset' || action.type === 'editor') && action.select !== undefined) list = selectKey(list, action.select);
  const records = next === before && s.records[key] ? s.records : { ...s.records, [key]: next };
  const lists = list === s.lists[key] ? s.lists : { ...s.lists, [key]: list };
  const staged = next.dataset.staged !== before.dataset.staged ? stagedTally(records) : s.staged;
  return { ...s, records, lists, staged };
}

/** Moves the selection to the row of `key` (e.g. the key just added), when it is shown. */
function selectKey(list: L.ListState, key: string): L.ListState {
  const at = list.visible.findIndex((i) => list.rows[i].id === key);
  return at < 0 ? list : { ...list, window: W.select(list.window, at) };
}
