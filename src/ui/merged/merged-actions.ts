/**
 * Merged datasets on the datasets screen (SERVICE.md §5.5: show a banner, open, compare,
 * delete; never block editing). `C` lists the merged dataset and its main one and opens the
 * comparison; `s` / `S` there stage merged values into the main dataset (reviewed and sent
 * like any edit); `d` deletes a merged dataset after a confirmation.
 */
import { DeleteDatasetCommand } from '@aws-sdk/client-cognito-sync';
import { toCogsyncError } from '../../aws/errors.js';
import { listSince, type RequestCounts } from '../../session/remote-dataset.js';
import type { StageEdit } from '../../sync/index.js';
import { sanitizeLine } from '../../util/sanitize.js';
import type { Connector } from '../data/connector.js';
import type { RecordsLocation } from '../records-context.js';
import { currentKey, currentLocation, listAt, type AppAction, type AppState } from '../state/app-reducer.js';
import { confirmDialog, errorInfo, type Dialog } from '../state/dialogs.js';
import { selectedRow } from '../state/list.js';
import { locationKey, type Location } from '../state/navigation.js';
import { compareRecords, parseMergedName, stageableRows, type MergedComparison, type StagedValues } from './merged-compare.js';
import { readOnlyMessage } from '../state/read-only.js';
import { whileBusy } from '../state/busy.js';

export interface MergedDeps {
  getState(): AppState;
  dispatch(action: AppAction): void;
  connector: Connector;
  toast(text: string): void;
  /** The records editor's listing (the main dataset is listed before staging into it). */
  loadRecords(location: RecordsLocation): Promise<void>;
  /** Lists the current screen again (after a delete). */
  refresh(): void;
}

type DatasetsLocation = Extract<Location, { screen: 'datasets' }>;
type CompareDialog = Extract<Dialog, { kind: 'mergedCompare' }>;

const quote = (name: string) => JSON.stringify(sanitizeLine(name));

/** The records screen of the main dataset, in the identity a comparison (or the datasets screen) is about. */
function mainLocation(at: { connection: string; poolId: string; poolName?: string; identityId: string }, dataset: string): RecordsLocation {
  return {
    screen: 'records',
    connection: at.connection,
    poolId: at.poolId,
    ...(at.poolName ? { poolName: at.poolName } : {}),
    identityId: at.identityId,
    dataset,
  };
}

export function createMergedActions(deps: MergedDeps) {
  const { getState, dispatch, connector } = deps;
  const notice = (text: string) => dispatch({ type: 'notice/set', text });
  const showError = (error: unknown) => dispatch({ type: 'error/show', error: errorInfo(toCogsyncError(error)) });

  const busy = <T>(work: () => Promise<T>): Promise<T> => whileBusy(dispatch, work);

  /** The selected merged dataset of the datasets screen, or a notice saying why there is none. */
  function selectedMerged(verb: string): { location: DatasetsLocation; name: string; main: string; source: string } | undefined {
    const s = getState();
    const location = currentLocation(s);
    if (location.screen !== 'datasets') return undefined;
    const row = selectedRow(listAt(s, currentKey(s)));
    if (!row) return void notice('No dataset selected');
    const merged = parseMergedName(row.id);
    if (!merged) return void notice(`${quote(row.id)} is not a merged dataset (name.<identity id>): only merged datasets can be ${verb} here`);
    return { location, name: row.id, main: merged.main, source: merged.sourceIdentityId };
  }

  function readOnlyRefusal(): boolean {
    const connection = getState().connection;
    if (!connection?.readOnly) return false;
    notice(readOnlyMessage(connection));
    return true;
  }

  /** `C`: both datasets listed in full, compared key by key. */
  async function compare(): Promise<void> {
    const picked = selectedMerged('compared');
    if (!picked) return;
    const { location, name, main, source } = picked;
    await busy(async () => {
      try {
        const { clients } = await connector.connect(location.connection);
        const base = { identityPoolId: location.poolId, identityId: location.identityId };
        const counts: RequestCounts = { listPages: 0, updates: 0 };
        const [mergedListing, mainListing] = await Promise.all([
          listSince(clients.sync, { ...base, datasetName: name }, 0, counts),
          listSince(clients.sync, { ...base, datasetName: main }, 0, counts),
        ]);
        const comparison: MergedComparison = {
          connection: location.connection,
          poolId: location.poolId,
          ...(location.poolName ? { poolName: location.poolName } : {}),
          identityId: location.identityId,
          mergedName: name,
          mainName: main,
          sourceIdentityId: source,
          rows: compareRecords(mergedListing.records, mainListing.records, stagedValues(mainLocation(location, main))),
        };
        dispatch({ type: 'dialog/open', dialog: { kind: 'mergedCompare', comparison, selected: 0 } });
      } catch (error) {
        showError(error);
      }
    });
  }

  /** What the user has staged in the main dataset (nothing when it was never opened). */
  function stagedValues(target: RecordsLocation): StagedValues {
    const records = getState().records[locationKey(target)];
    const values = new Map<string, string | undefined>();
    if (records?.status !== 'loaded') return values;
    for (const [key, entry] of records.dataset.staged) values.set(key, entry.op.kind === 'replace' ? entry.op.value : undefined);
    return values;
  }

  function compareDialog(): CompareDialog | undefined {
    const d = getState().dialog;
    return d?.kind === 'mergedCompare' ? d : undefined;
  }

  function compareMove(delta: number): void {
    const d = compareDialog();
    if (!d) return;
    const selected = Math.max(0, Math.min(d.comparison.rows.length - 1, d.selected + delta));
    if (selected !== d.selected) dispatch({ type: 'dialog/open', dialog: { ...d, selected } });
  }

  /**
   * `s` (the selected key) or `S` (every differing key): staged into the main dataset as
   * replaces, then the main dataset's records are shown; `c` reviews them as usual.
   */
  async function stage(all: boolean): Promise<void> {
    const d = compareDialog();
    if (!d || readOnlyRefusal()) return;
    const { comparison } = d;
    const chosen = all ? stageableRows(comparison.rows) : stageableRows([comparison.rows[d.selected]].filter(Boolean));
    if (chosen.length === 0) {
      return void notice(all ? 'Nothing to stage: the main dataset already has every merged value' : 'Nothing to stage for this key: the main dataset has the same value, or the key is not in the merged dataset');
    }
    const target = mainLocation(comparison, comparison.mainName);
    const key = locationKey(target);
    await busy(async () => {
      if (getState().records[key]?.status !== 'loaded') await deps.loadRecords(target);
      if (getState().records[key]?.status !== 'loaded') return; // the listing failed: its error is shown
      const edits: StageEdit[] = chosen.map((r) => ({ key: r.key, op: { kind: 'replace', value: r.merged ?? '' } }));
      // Keys that already held an edit of the user's: replaced too (u brings them back), so say which.
      const alreadyStaged = getState().records[key].dataset.staged;
      const replaced = chosen.filter((r) => alreadyStaged.has(r.key)).map((r) => JSON.stringify(sanitizeLine(r.key)));
      dispatch({ type: 'records', key, action: { type: 'dataset', action: { type: 'stage', edits } } });
      dispatch({ type: 'dialog/close' });
      dispatch({ type: 'nav/jump', location: target });
      // First in the message: the merged dataset's name is long and the line is cut to the terminal's width.
      const over = replaced.length === 0 ? '' : ` (replacing your staged ${replaced.slice(0, 3).join(', ')}${replaced.length > 3 ? '…' : ''})`;
      deps.toast(
        `Staged ${chosen.length} ${chosen.length === 1 ? 'key' : 'keys'}${over} from ${sanitizeLine(comparison.mergedName)} into ${sanitizeLine(comparison.mainName)}: c reviews, u undoes`,
      );
    });
  }

  /** `d`: asks first (Cancel focused); the answer lands in onConfirm. */
  function askDelete(): void {
    if (readOnlyRefusal()) return;
    const picked = selectedMerged('deleted');
    if (!picked) return;
    dispatch({
      type: 'dialog/open',
      dialog: confirmDialog(
        'deleteMergedDataset',
        `Delete the merged dataset ${quote(`${picked.main}.…${picked.source.slice(-4)}`)}?`,
        `${quote(picked.name)} and its records go for good (DeleteDataset). ${quote(picked.main)} stays as it is; stage values from the merged dataset first (C) if you need them.`,
        'Delete',
        picked.name,
      ),
    });
  }

  async function deleteConfirmed(name: string): Promise<void> {
    const location = currentLocation(getState());
    if (location.screen !== 'datasets' || !parseMergedName(name) || readOnlyRefusal()) return;
    await busy(async () => {
      try {
        const { clients } = await connector.connect(location.connection);
        await clients.sync.send(new DeleteDatasetCommand({ IdentityPoolId: location.poolId, IdentityId: location.identityId, DatasetName: name }));
        deps.toast(`Deleted ${sanitizeLine(name)}`);
        deps.refresh();
      } catch (error) {
        showError(error);
      }
    });
  }

  /** Runs a confirmed dialog of ours; false when the purpose is not ours. */
  function onConfirm(purpose: string, payload?: string): boolean {
    if (purpose !== 'deleteMergedDataset' || payload === undefined) return false;
    void deleteConfirmed(payload);
    return true;
  }

  return { compare, compareMove, stage, askDelete, onConfirm, closeCompare: () => dispatch({ type: 'dialog/close' }) };
}

export type MergedActions = ReturnType<typeof createMergedActions>;
