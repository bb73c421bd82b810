/**
 * `H` on the records screen: the journal's commits to this dataset, newest first; `R` stages
 * the inverse of the selected commit (old values back, added keys removed) on top of what
 * is staged, for the usual review → one-batch commit. Nothing is written from here.
 */
import { stageInverse } from '../config/journal-revert.js';
import type { JournalEntry } from '../config/journal.js';
import { listSince, type RequestCounts } from '../session/remote-dataset.js';
import type { EditorStorage } from './data/editor-storage.js';
import { draftTime } from './draft-actions.js';
import { addressOf, type RecordsContext } from './records-context.js';
import type { Dialog } from './state/dialogs.js';
import { filterListEdit, moveAmongVisible, visibleRows, type FilterEdit } from './state/dialog-filter.js';
import { historyFilterText } from './history-view.js';

type HistoryDialog = Extract<Dialog, { kind: 'history' }>;

export function createHistoryActions(ctx: RecordsContext, storage: EditorStorage) {
  const { getState, dispatch, rec, here, notice } = ctx;
  const dialog = (): HistoryDialog | undefined => {
    const d = getState().dialog;
    return d?.kind === 'history' ? d : undefined;
  };

  function open(): void {
    const at = here();
    if (!at) return void notice('Open a dataset first');
    const { connection, poolId, identityId, dataset } = at.location;
    let read;
    try {
      read = storage.journal.read({ connection, identityPoolId: poolId, identityId, datasetName: dataset });
    } catch (error) {
      return void ctx.own('JournalUnreadable', `The journal could not be read: ${(error as Error).message}`);
    }
    if (read.entries.length === 0) return void notice('No commits from cogsync to this dataset yet');
    dispatch({ type: 'dialog/open', dialog: { kind: 'history', recordsKey: at.key, entries: [...read.entries].reverse(), selected: 0 } });
  }

  /** What `/` matches: the rows as drawn (their times as preferences.dateFormat says). */
  const rowText = () => {
    let iso = false;
    try {
      iso = storage.config.preferences().dateFormat === 'iso';
    } catch {
      // an unreadable config draws local times too
    }
    return (entry: JournalEntry) => historyFilterText(entry, iso);
  };
  const visible = (d: HistoryDialog) => visibleRows(d.entries, d.filter, rowText());

  /** Moves the selection among the commits the filter shows. */
  function move(delta: number): void {
    const d = dialog();
    if (!d) return;
    const selected = moveAmongVisible(visible(d), d.selected, delta);
    if (selected !== d.selected) dispatch({ type: 'dialog/open', dialog: { ...d, selected } });
  }

  /** `/` and the filter bar's keys; an Esc with no filter to clear closes the history. */
  function filter(edit: FilterEdit): void {
    const d = dialog();
    if (!d) return;
    const r = filterListEdit(d.entries, rowText(), d, edit);
    if (!r.consumed) return void dispatch({ type: 'dialog/close' });
    dispatch({ type: 'dialog/open', dialog: { ...d, filter: r.filter, selected: r.selected } });
  }

  function close(): void {
    if (dialog()) dispatch({ type: 'dialog/close' });
  }

  /** `R`: the inverse staged against the server's current records (the whole dataset is listed first). */
  async function revert(): Promise<void> {
    const d = dialog();
    const at = here();
    if (!d || !at || at.key !== d.recordsKey) return;
    if (!ctx.writable()) return;
    if (!visible(d).includes(d.selected)) return void notice('No commit matches the filter: nothing to revert');
    const entry = d.entries[d.selected];
    await ctx.busy(async () => {
      try {
        const sync = await ctx.client(at.location);
        const requests: RequestCounts = { listPages: 0, updates: 0 };
        // The inverse compares with every current record; a partly listed dataset would miss some.
        const listing = await listSince(sync, addressOf(at.location), 0, requests, ctx.pageSize);
        rec(at.key, { type: 'refreshed', listing });
        const { plan } = stageInverse(entry, getState().records[at.key].dataset);
        dispatch({ type: 'dialog/close' });
        if (plan.edits.length === 0) return void notice(`Nothing to revert: every key of the commit from ${draftTime(new Date(entry.time))} is already as it was before`);
        rec(at.key, { type: 'dataset', action: { type: 'stage', edits: plan.edits } });
        const n = plan.edits.length;
        const later = plan.changedSince.length > 0 ? `; ${plan.changedSince.length} of them changed again since (their later values are replaced too)` : '';
        notice(`Staged the inverse of the commit from ${draftTime(new Date(entry.time))}: ${n} ${n === 1 ? 'change' : 'changes'}${later}. c reviews and sends.`);
      } catch (error) {
        ctx.showError(error);
      }
    });
  }

  return { open, move, filter, close, revert };
}

export type HistoryActions = ReturnType<typeof createHistoryActions>;
