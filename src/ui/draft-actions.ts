/**
 * Drafts in the editor: every change of a dataset's staged edits is saved (debounced) as a
 * draft; opening a dataset that has one asks "Restore N staged changes from <time>?";
 * restoring lists the whole dataset again and stages the draft through the conflict
 * analysis, so keys changed on the server meanwhile open the conflict dialog. Quitting
 * either keeps the drafts (written at once) or removes them; a commit journals the batch
 * and removes the draft.
 */
import { restoreDraft } from '../config/draft-restore.js';
import type { LoadedDraft, UnfinishedEdit } from '../config/draft-format.js';
import { recordCommit } from '../config/record-commit.js';
import { listSince, type CommitResult, type RequestCounts } from '../session/remote-dataset.js';
import type { DatasetState } from '../sync/index.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { EditorStorage } from './data/editor-storage.js';
import { addressOf, type RecordsContext, type RecordsLocation } from './records-context.js';
import { currentLocation } from './state/app-reducer.js';
import { changedDrafts, draftAddressOfKey, unfinishedOf } from './state/draft-keys.js';
import { locationKey, type Location } from './state/navigation.js';
import type { RecordEditor, RecordsState } from './state/records.js';
import { openEdit } from './state/record-editor.js';
import { textField } from './state/text-field.js';

export const RESTORE_PURPOSE = 'restoreDraft' as const;

/** `14:05` today, else `2026-03-01 14:05` (local time). */
export function draftTime(savedAt: Date, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(savedAt.getHours())}:${pad(savedAt.getMinutes())}`;
  const sameDay = savedAt.toDateString() === now.toDateString();
  return sameDay ? hm : `${savedAt.getFullYear()}-${pad(savedAt.getMonth() + 1)}-${pad(savedAt.getDate())} ${hm}`;
}

/** `an unfinished edit of "displayName"`, `an unfinished new key "lvl"`. */
export function unfinishedLabel(unfinished: UnfinishedEdit): string {
  if (unfinished.kind === 'edit') return `an unfinished edit of ${JSON.stringify(sanitizeLine(unfinished.key))}`;
  return unfinished.key === '' ? 'an unfinished new key' : `an unfinished new key ${JSON.stringify(sanitizeLine(unfinished.key))}`;
}

/** The inline editor as a draft left it: `e` on the key with the typed text, or the `a` form with both fields. */
export function reopenEditor(s: RecordsState, unfinished: UnfinishedEdit): RecordEditor {
  if (unfinished.kind === 'add') return { kind: 'add', key: textField(unfinished.key), value: textField(unfinished.value), focus: 'value' };
  const opened = openEdit(s, unfinished.key);
  return opened.kind === 'edit' ? { ...opened, field: textField(unfinished.text) } : opened;
}

export function createDraftActions(ctx: RecordsContext, storage: EditorStorage) {
  const { getState, dispatch, rec, notice } = ctx;
  const { drafts } = storage;
  let seen: Readonly<Record<string, RecordsState>> = {};
  /** Datasets already asked about this run (asked once; the draft file stays until replaced). */
  const offered = new Set<string>();
  /** Offered drafts not restored yet, with the file each came from. */
  const pending = new Map<string, { draft: LoadedDraft; path: string }>();
  /** Datasets whose draft was announced while the connection was read-only. */
  const toldReadOnly = new Set<string>();

  storage.setDraftErrorReporter((message) => ctx.own('DraftNotSaved', message));

  /** Called with every new `state.records`: datasets whose staged edits changed get their draft saved. */
  function sync(records: Readonly<Record<string, RecordsState>>): void {
    if (records === seen) return;
    for (const key of changedDrafts(seen, records)) {
      const address = draftAddressOfKey(key);
      const stagedChanged = seen[key]?.dataset.staged !== records[key].dataset.staged;
      if (address) drafts.scheduleSave(address, records[key].dataset, unfinishedOf(records[key]), { now: stagedChanged });
    }
    seen = records;
  }

  /**
   * The records screen was listed: if its dataset has a draft (and nothing is staged yet),
   * ask once whether to restore it.
   */
  function offerRestore(): void {
    const s = getState();
    const location = currentLocation(s);
    if (location.screen !== 'records' || s.dialog !== null) return;
    const key = locationKey(location);
    const records = s.records[key];
    if (!records || records.status !== 'loaded' || offered.has(key)) return;
    offered.add(key);
    if (records.dataset.staged.size > 0) return;
    const address = draftAddressOfKey(key);
    if (!address) return;
    const loaded = drafts.load(address);
    if (loaded.status === 'corrupt') return void ctx.own('DraftUnreadable', loaded.notice);
    if (loaded.status !== 'found') return;
    const n = loaded.draft.ops.length;
    const unfinished = loaded.draft.unfinished;
    const changes = [
      ...(n > 0 || !unfinished ? [`${n} staged ${n === 1 ? 'change' : 'changes'}`] : []),
      ...(unfinished ? [unfinishedLabel(unfinished)] : []),
    ].join(' and ');
    const connection = s.connection;
    if (connection?.readOnly) {
      // Restoring stages, which a read-only connection refuses: ask again once writes are allowed (the container
      // calls this again when the connection's read-only flag changes). Nothing can be staged here meanwhile, so
      // the draft cannot be replaced before that.
      offered.delete(key);
      if (!toldReadOnly.has(key)) {
        toldReadOnly.add(key);
        notice(`A draft of ${sanitizeLine(location.dataset)} (${changes}) is kept: ${connection.lockedReadOnly ? 'open it without --readonly' : ':rw'} to restore it`);
      }
      return;
    }
    pending.set(key, { draft: loaded.draft, path: loaded.path });
    dispatch({
      type: 'dialog/open',
      dialog: {
        kind: 'confirm', purpose: RESTORE_PURPOSE, payload: key, focus: 'confirm', confirmLabel: 'Restore',
        title: `Restore ${changes} from ${draftTime(loaded.draft.savedAt)}? (y/n)`,
        message: `A draft of ${sanitizeLine(location.dataset)} was kept when cogsync last closed. Keys changed on the server since then will be shown as conflicts. No leaves it on disk, to be offered again next time.`,
      },
    });
  }

  /** "Restore": the whole dataset listed again, the draft staged on it, conflicts asked. */
  async function restore(key: string): Promise<void> {
    const offer = pending.get(key);
    const draft = offer?.draft;
    const location = currentLocation(getState());
    if (!offer || !draft || location.screen !== 'records' || locationKey(location) !== key) return;
    if (!ctx.writable()) {
      offered.delete(key); // refused (read-only since the offer): offered again once writes are allowed
      return;
    }
    pending.delete(key);
    const address = draftAddressOfKey(key);
    // Made this editor's own first: another editor offered the same draft cannot restore it too.
    if (!address || !drafts.take(address, offer.path)) return void notice('That draft was restored by another editor meanwhile');
    const mine = { ...offer, path: drafts.pathFor(address) };
    await ctx.busy(async () => {
      try {
        const sync = await ctx.client(location);
        const requests: RequestCounts = { listPages: 0, updates: 0 };
        const listing = await listSince(sync, addressOf(location), 0, requests, ctx.pageSize);
        rec(key, { type: 'refreshed', listing });
        const restored = restoreDraft(draft, getState().records[key].dataset);
        rec(key, { type: 'adopt', dataset: restored.state, clearFlags: true });
        // The edit that was being typed opens again as it was left (Enter stages it, Esc drops it).
        if (draft.unfinished) {
          const editor = reopenEditor(getState().records[key], draft.unfinished);
          // On the row being edited, as `e` left it (the detail pane then shows that record).
          rec(key, { type: 'editor', editor, ...(editor?.kind === 'edit' ? { select: editor.key } : {}) });
        }
        // At once, merged with the server's state, as it is staged now.
        drafts.save(address, restored.state, draft.unfinished);
        const n = restored.state.staged.size;
        if (restored.conflicts.items.length > 0) {
          dispatch({ type: 'dialog/open', dialog: { kind: 'conflict', set: restored.conflicts, recordsKey: key, autoResolved: [...restored.same] } });
          return;
        }
        const same = restored.same.length > 0 ? ` (${restored.same.length} already on the server)` : '';
        if (n === 0 && draft.unfinished) return void notice(`Restored ${unfinishedLabel(draft.unfinished)}: Enter stages it, Esc drops it`);
        const open = draft.unfinished ? `; ${unfinishedLabel(draft.unfinished)} is open again` : '';
        notice(`Restored ${n} staged ${n === 1 ? 'change' : 'changes'}${same}${open}: c reviews and sends them`);
      } catch (error) {
        pending.set(key, mine); // nothing was restored: the offer stands (the draft is this editor's file now)
        offered.delete(key);
        ctx.showError(error);
      }
    });
  }

  /** After a successful commit: the batch into the journal, the draft removed. */
  function committed(location: RecordsLocation, sent: DatasetState, result: Extract<CommitResult, { status: 'committed' }>): void {
    const s = getState();
    try {
      const deviceId = s.connection?.name === location.connection ? s.connection.deviceId : undefined;
      recordCommit({ journal: storage.journal, drafts }, { connection: location.connection, ...addressOf(location), ...(deviceId ? { deviceId } : {}) }, sent, result);
    } catch (error) {
      ctx.own('JournalNotWritten', `Committed, but the journal could not be written: ${(error as Error).message}`);
    }
    if (s.connection) rememberLocation(location);
  }

  /** A pool, identity or dataset the user opened: where the editor resumes for this connection. */
  function rememberLocation(location: Location): void {
    if (location.screen === 'connections' || location.screen === 'pools') return;
    const place =
      location.screen === 'identities'
        ? { identityPoolId: location.poolId }
        : location.screen === 'datasets'
          ? { identityPoolId: location.poolId, identityId: location.identityId }
          : addressOf(location);
    try {
      storage.config.rememberPlace(location.connection, place);
    } catch {
      /* a read-only config folder must not break editing */
    }
  }

  /** Quit, keeping drafts: every pending save is written now. */
  function keepAll(): boolean {
    sync(getState().records);
    try {
      drafts.flush();
      return true;
    } catch (error) {
      ctx.own('DraftNotSaved', (error as Error).message);
      return false;
    }
  }

  /** Quit, discarding: the drafts of every dataset with staged edits are removed. */
  function discardAll(): void {
    for (const [key, records] of Object.entries(getState().records)) {
      const address = draftAddressOfKey(key);
      if (address && (records.dataset.staged.size > 0 || unfinishedOf(records) !== undefined)) drafts.clear(address);
    }
  }

  return { sync, offerRestore, restore, committed, rememberLocation, keepAll, discardAll };
}

export type DraftActions = ReturnType<typeof createDraftActions>;
