/**
 * Review, commit and conflicts (UX.md §1.2, SERVICE.md §5): `c` opens the review of every
 * patch; `y` sends them as ONE UpdateRecords through src/session's commit protocol (list,
 * classify, send once); a conflict opens the conflict dialog, whose picks are applied and
 * sent again as one batch. Failures never touch the staged set.
 */
import {
  applyResolutions,
  isFullyResolved,
  moveFocus,
  recreateDataset,
  resolveAll,
  resolveConflict,
  SyncValidationError,
  undoResolution,
  unresolvedKeys,
  type ConflictSet,
} from '../sync/index.js';
import { commitDataset, fromSdkRecord } from '../session/remote-dataset.js';
import { recordPages } from '../aws/paging.js';
import { sanitizeLine } from '../util/sanitize.js';
import { addressOf, type RecordsContext, type RecordsLocation } from './records-context.js';
import { currentLocation } from './state/app-reducer.js';
import type { Dialog } from './state/dialogs.js';
import { locationKey } from './state/navigation.js';
import { reviewItems, reviewReport } from './state/review.js';
import { textField, type TextField } from './state/text-field.js';
import { nothingStagedHere } from './state/staged-where.js';

/** Rebased batches sent again without asking (SERVICE.md §5.2 step 5), then we stop. */
export const MAX_REBASES = 3;

type ConflictDialog = Extract<Dialog, { kind: 'conflict' }>;
type ReviewDialog = Extract<Dialog, { kind: 'review' }>;

export function createCommitActions(ctx: RecordsContext) {
  const { getState, dispatch, rec, here, writable, notice } = ctx;

  const open = (dialog: Dialog) => dispatch({ type: 'dialog/open', dialog });
  const close = () => dispatch({ type: 'dialog/close' });
  const reviewDialog = (): ReviewDialog | undefined => {
    const d = getState().dialog;
    return d?.kind === 'review' ? d : undefined;
  };
  const conflictDialog = (): ConflictDialog | undefined => {
    const d = getState().dialog;
    return d?.kind === 'conflict' ? d : undefined;
  };

  function review(): void {
    if (!writable()) return;
    const at = here();
    if (!at || at.records.dataset.staged.size === 0) return void notice(nothingStagedHere(getState().records, at?.key));
    open({ kind: 'review', recordsKey: at.key, selected: 0 });
  }

  function reviewMove(delta: number): void {
    const d = reviewDialog();
    if (!d) return;
    const n = getState().records[d.recordsKey]?.dataset.staged.size ?? 0;
    const selected = Math.max(0, Math.min(n - 1, d.selected + delta));
    if (selected !== d.selected) open({ ...d, selected });
  }

  /** `d` in the review: the selected change leaves the batch (staged no more; `u` brings it back). */
  function reviewDrop(): void {
    const d = reviewDialog();
    if (!d || ctx.isSending()) return;
    const item = reviewItems(getState().records[d.recordsKey])[d.selected];
    if (!item) return;
    rec(d.recordsKey, { type: 'dataset', action: { type: 'unstage', keys: [item.key] } });
    const left = getState().records[d.recordsKey].dataset.staged.size;
    if (left === 0) {
      close();
      notice('Nothing left to send (u brings the change back)');
    } else open({ ...d, selected: Math.min(d.selected, left - 1) });
  }

  function reviewCancel(): void {
    if (reviewDialog() && !ctx.isSending()) close();
  }

  /** `y` in the review: refused while a limit is broken (shown in the review), else one batch. */
  async function reviewSend(): Promise<void> {
    const d = reviewDialog();
    if (!d || ctx.isSending() || !writable()) return;
    const report = reviewReport(getState().records[d.recordsKey]);
    if (report.errors.length > 0) return void notice(`Not sent: ${report.errors[0].message}`);
    await send(d.recordsKey);
  }

  /**
   * Sends the batch, after the dataset name is typed on a protected (production) connection (UX.md §1.2 c): from the
   * review, after conflict picks and for a re-create alike, since each is a different batch. The typed
   * confirmation's answer comes back through onConfirm('commit').
   */
  async function send(key: string): Promise<void> {
    const location = currentLocation(getState());
    if (getState().connection?.protected && location.screen === 'records') {
      open({ kind: 'typedConfirm', purpose: 'commit', title: `Send to ${sanitizeLine(location.dataset)} on ${sanitizeLine(location.connection)} (protected)`, expected: location.dataset, input: '', payload: key });
      return;
    }
    await commit(key);
  }

  /** Later pages not listed yet: the commit needs the whole base. */
  async function loadRest(key: string, location: RecordsLocation): Promise<void> {
    const sync = await ctx.client(location);
    const address = addressOf(location);
    for (let token = getState().records[key].nextToken; token !== undefined; token = getState().records[key].nextToken) {
      const pages = recordPages(
        sync,
        { IdentityPoolId: address.identityPoolId, IdentityId: address.identityId, DatasetName: address.datasetName },
        { pageSize: ctx.pageSize, startToken: token },
      );
      const { value: page } = await pages.next();
      await pages.return(undefined);
      if (!page) break;
      const listing = { records: page.items.map(fromSdkRecord), syncCount: page.raw.DatasetSyncCount ?? 0, exists: page.raw.DatasetExists ?? true };
      rec(key, { type: 'page', first: false, listing, nextToken: page.nextToken });
    }
  }

  async function commit(key: string): Promise<void> {
    const location = currentLocation(getState());
    if (location.screen !== 'records' || locationKey(location) !== key || ctx.isSending()) return;
    ctx.setSending(true);
    await ctx.busy(async () => {
      try {
        await loadRest(key, location);
        const sync = await ctx.client(location);
        const stagedBefore = new Set(getState().records[key].dataset.staged.keys());
        for (let attempt = 1; ; attempt++) {
          const dataset = getState().records[key].dataset;
          // DeviceId only when configured (SERVICE.md §5.2): the connection's, else preferences.deviceId.
          const result = await commitDataset(sync, addressOf(location), dataset, { pageSize: ctx.pageSize, deviceId: getState().connection?.deviceId });
          if (result.status === 'committed') {
            rec(key, { type: 'adopt', dataset: result.state, clearFlags: true });
            ctx.onCommitted?.(location, dataset, result);
            close();
            const n = result.written.length;
            const { before, after } = result.syncCounts;
            ctx.toast(n === 0 ? 'Nothing sent: the server already had every change' : `committed ${n} ${n === 1 ? 'change' : 'changes'} (sync count ${before} -> ${after})`);
            if (result.warnings.length > 0) notice(result.warnings[0].message);
            return;
          }
          if (result.status === 'conflict') {
            rec(key, { type: 'adopt', dataset: result.state });
            const autoResolved = [...stagedBefore].filter((k) => !result.state.staged.has(k));
            open({ kind: 'conflict', set: result.conflicts, recordsKey: key, autoResolved });
            return;
          }
          if (result.status === 'rebased' && attempt < MAX_REBASES) {
            rec(key, { type: 'adopt', dataset: result.state });
            continue;
          }
          close();
          if (result.status === 'rebased') {
            rec(key, { type: 'adopt', dataset: result.state });
            return ctx.own('KeepsChanging', `The server kept changing during ${MAX_REBASES} tries; nothing was written. Your changes are still staged: try again (c).`);
          }
          if (result.status === 'invalid') return ctx.own('InvalidBatch', `Not sent: ${result.issues.map((i) => i.message).join('; ')}`);
          rec(key, { type: 'deleted', listing: result.fresh });
          open({
            kind: 'confirm', purpose: 'recreateDataset', payload: key, focus: 'cancel', confirmLabel: 'Re-create',
            title: `Dataset ${sanitizeLine(location.dataset)} was deleted on the server${result.existsNow ? ' (and re-created)' : ''}`,
            message: 'Nothing was sent. Re-create writes back every key you see (your staged changes included). Cancel keeps your changes staged; r lists the server again.',
          });
          return;
        }
      } catch (error) {
        close();
        ctx.showError(error);
      } finally {
        ctx.setSending(false);
      }
    });
  }

  function updateConflict(change: (d: ConflictDialog) => Partial<ConflictDialog>): void {
    const d = conflictDialog();
    if (d && !ctx.isSending()) open({ ...d, ...change(d) });
  }
  const focused = (set: ConflictSet) => set.items[set.focus];

  const pick = (kind: 'mine' | 'theirs') => updateConflict((d) => ({ set: resolveConflict(d.set, focused(d.set).key, { kind }) }));
  const pickAll = (kind: 'mine' | 'theirs') => updateConflict((d) => ({ set: resolveAll(d.set, kind) }));
  const undoPick = () => updateConflict((d) => ({ set: undoResolution(d.set) }));
  const focus = (delta: number) => updateConflict((d) => ({ set: moveFocus(d.set, delta) }));

  /**
   * `e`: a merged value for the focused key, pre-filled with the value already typed for it
   * (e again after Enter), else mine (theirs when mine is a removal).
   */
  function editMerged(): void {
    updateConflict((d) => {
      const item = focused(d.set);
      const picked = d.set.resolutions.get(item.key);
      if (picked?.kind === 'custom') return { edit: textField(picked.value) };
      return { edit: textField(item.mine.kind === 'replace' ? item.mine.value : item.theirs?.value ?? '') };
    });
  }
  const editChange = (edit: TextField) => updateConflict(() => ({ edit }));
  const editCancel = () => updateConflict(() => ({ edit: undefined }));
  function editSubmit(): void {
    const d = conflictDialog();
    if (!d?.edit) return;
    try {
      open({ ...d, edit: undefined, set: resolveConflict(d.set, focused(d.set).key, { kind: 'custom', value: d.edit.text }) });
    } catch (error) {
      if (error instanceof SyncValidationError) notice(error.message);
      else throw error;
    }
  }

  /** Enter: once every conflict has a pick, the picks are staged and the batch goes again as one call. */
  async function sendResolved(): Promise<void> {
    const d = conflictDialog();
    if (!d || ctx.isSending()) return;
    if (!isFullyResolved(d.set)) {
      const left = unresolvedKeys(d.set).length;
      return void notice(`${left} ${left === 1 ? 'conflict has' : 'conflicts have'} no pick yet: m mine, t theirs, e edit`);
    }
    const records = getState().records[d.recordsKey];
    rec(d.recordsKey, { type: 'adopt', dataset: applyResolutions(records.dataset, d.set).state });
    await send(d.recordsKey);
  }

  /** Esc: back to the table; nothing picked is applied, everything stays staged, the server view is the fresh one. */
  function conflictBack(): void {
    if (!conflictDialog() || ctx.isSending()) return;
    close();
    notice('Conflicts left open: your changes are still staged (c reviews and sends again)');
  }

  /** After "Re-create" was confirmed: stage every shown key over the fresh listing and send. */
  async function recreate(key: string): Promise<void> {
    const records = getState().records[key];
    if (!records?.deleted) return;
    rec(key, { type: 'adopt', dataset: recreateDataset(records.dataset, { ...records.deleted, full: true }) });
    await send(key);
  }

  return {
    review, reviewMove, reviewDrop, reviewCancel, reviewSend, commit,
    pick, pickAll, undoPick, focus, editMerged, editChange, editCancel, editSubmit, sendResolved, conflictBack, recreate,
    isSending: ctx.isSending,
  };
}

export type CommitActions = ReturnType<typeof createCommitActions>;
