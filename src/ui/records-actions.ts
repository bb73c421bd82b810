/**
 * The records screen's actions: listing (first page at once, later pages on demand,
 * refresh keeping staged edits), and staging (inline edit, $EDITOR, add, remove, undo,
 * redo, discard all, tombstones, copy). Review, commit and conflicts are in
 * commit-actions.ts. Every write goes through `writable()` first (read-only connections).
 */
import { effectiveValue } from '../sync/index.js';
import { listSince, type RequestCounts } from '../session/remote-dataset.js';
import { fetchRecordsPage } from './data/records-page.js';
import { isJsonDocument, parseJson } from '../util/json-view.js';
import { sanitizeLine } from '../util/sanitize.js';
import { copyToClipboard, type ClipboardIo } from './io/clipboard.js';
import { runExternalEditor, type ExternalEditorIo } from './io/external-editor.js';
import { addressOf, type RecordsContext, type RecordsLocation } from './records-context.js';
import { locationKey } from './state/navigation.js';
import { openAdd, openEdit, submission } from './state/record-editor.js';
import { driftedKeys, type RecordEditor, type RecordsState } from './state/records.js';
import { nothingStagedHere } from './state/staged-where.js';

export interface RecordsIo {
  editor?: ExternalEditorIo;
  clipboard?: ClipboardIo;
}

const quote = (key: string) => JSON.stringify(sanitizeLine(key.length > 40 ? `${key.slice(0, 40)}…` : key));

export function createRecordsActions(ctx: RecordsContext, io: RecordsIo = {}) {
  const { getState, dispatch, rec, here, writable, notice, showError } = ctx;
  /** Per location: the newest listing wins; an older one finishing late is dropped. */
  const generations = new Map<string, number>();

  /**
   * Lists a dataset. First visit: the first page, shown at once (later pages when the
   * selection reaches the end). Later visits and `r`: everything from 0, folded into the
   * base with staged edits kept; keys that moved are flagged.
   */
  async function load(location: RecordsLocation, more = false): Promise<void> {
    const key = locationKey(location);
    const existing: RecordsState | undefined = getState().records[key];
    if (more && existing?.nextToken === undefined) return;
    const generation = (generations.get(key) ?? 0) + 1;
    generations.set(key, generation);
    const current = () => generations.get(key) === generation;
    rec(key, { type: 'loading', more });
    await ctx.busy(async () => {
      try {
        const sync = await ctx.client(location);
        const address = addressOf(location);
        if (more || !existing || neverListed(existing)) {
          // The first listing of a deep-linked dataset was asked for while the editor started.
          const preloaded = more ? undefined : ctx.preload?.take(key);
          const page = await (preloaded ?? fetchRecordsPage(sync, address, { pageSize: ctx.pageSize, startToken: more ? existing?.nextToken : undefined }));
          if (!current() || !page) return;
          rec(key, { type: 'page', first: !more, listing: page.listing, nextToken: page.nextToken });
          return;
        }
        const requests: RequestCounts = { listPages: 0, updates: 0 };
        const listing = await listSince(sync, address, 0, requests, ctx.pageSize);
        if (!current()) return;
        rec(key, { type: 'refreshed', listing });
        const drifted = [...driftedKeys(getState().records[key])];
        if (drifted.length > 0) {
          notice(`${drifted.length} staged ${drifted.length === 1 ? 'key' : 'keys'} changed on the server: ${drifted.slice(0, 3).map(quote).join(', ')}${drifted.length > 3 ? '…' : ''} (the commit will ask)`);
        }
      } catch (error) {
        if (!current()) return;
        rec(key, { type: 'failed' });
        showError(error);
      }
    });
  }

  /**
   * The first listing failed and nothing was done since: listing it is a first visit again. Once something was staged
   * (or undone) the refresh path keeps it; a first page would start the dataset afresh and drop it.
   */
  function neverListed(records: RecordsState): boolean {
    const { dataset } = records;
    return records.status === 'error' && dataset.base.records.size === 0 && dataset.staged.size === 0 && dataset.undoStack.length === 0 && dataset.redoStack.length === 0;
  }

  /** The selected row, or a notice saying why there is none. */
  function selected() {
    const at = here();
    if (at?.row === undefined) {
      notice(at ? 'No record selected' : 'Open a dataset first');
      return undefined;
    }
    return { ...at, row: at.row };
  }

  function edit(): void {
    if (!writable()) return;
    const at = selected();
    if (at) rec(at.key, { type: 'editor', editor: openEdit(at.records, at.row.id) });
  }

  function add(): void {
    if (!writable()) return;
    const at = here();
    if (!at) return void notice('Open a dataset first');
    rec(at.key, { type: 'editor', editor: openAdd() });
  }

  /** Every key typed into the open editor. */
  function editorChange(editor: RecordEditor): void {
    const at = here();
    if (at?.records.editor) rec(at.key, { type: 'editor', editor });
  }

  function cancelEditor(): void {
    const at = here();
    if (at?.records.editor) rec(at.key, { type: 'editor', editor: null });
  }

  /** Enter: stages the value (one undo step), or says why not and keeps the editor open. */
  function submitEditor(): void {
    const at = here();
    const editor = at?.records.editor;
    if (!at || !editor || !writable()) return;
    const result = submission(at.records, editor);
    if (!result.ok) return void notice(result.message);
    const before = at.records.dataset;
    rec(at.key, { type: 'dataset', action: { type: 'put', key: result.key, value: result.value }, closeEditor: true, select: result.key });
    if (getState().records[at.key].dataset === before) notice(`No change: ${quote(result.key)} already has this value`);
  }

  /** `E`: the value in $VISUAL/$EDITOR; a value that stops being JSON is staged, with the offer to edit again. */
  function editExternal(keyOverride?: string): void {
    if (!writable()) return;
    const at = keyOverride === undefined ? selected() : here();
    if (!at) return;
    const key = keyOverride ?? at.row!.id;
    const start = openEdit(at.records, key);
    const initial = start.kind === 'edit' ? start.field.text : '';
    const server = at.records.dataset.base.records.get(key)?.value;
    const wasJson = isJsonDocument(initial) || (server !== undefined && isJsonDocument(server));
    const result = runExternalEditor(initial, { json: wasJson }, io.editor);
    if (result.status === 'failed') return void ctx.own('EditorFailed', result.message);
    if (result.status === 'unchanged') return void notice(`Returned from the editor: ${quote(key)} unchanged`);
    rec(at.key, { type: 'dataset', action: { type: 'put', key, value: result.text }, closeEditor: true, select: key });
    const parsed = wasJson ? parseJson(result.text) : undefined;
    if (parsed && !parsed.ok) {
      dispatch({
        type: 'dialog/open',
        dialog: {
          kind: 'confirm', purpose: 'reopenEditor', payload: key, focus: 'cancel', confirmLabel: 'Edit again',
          title: `${quote(key)} is no longer valid JSON`,
          message: `${parsed.error}. It is staged as written (u undoes). Edit it again?`,
        },
      });
    } else notice(`Returned from the editor: ${quote(key)} staged`);
  }

  function remove(): void {
    if (!writable()) return;
    const at = selected();
    if (!at) return;
    if (effectiveValue(at.records.dataset, at.row.id) === undefined && !at.records.dataset.staged.has(at.row.id)) {
      return void notice(`${quote(at.row.id)} is already removed`);
    }
    rec(at.key, { type: 'dataset', action: { type: 'remove', key: at.row.id } });
  }

  function undoRedo(kind: 'undo' | 'redo'): void {
    const at = here();
    if (!at || ctx.refusedWhileSending()) return;
    const stack = kind === 'undo' ? at.records.dataset.undoStack : at.records.dataset.redoStack;
    if (stack.length === 0) return void notice(kind === 'undo' ? 'Nothing to undo (a commit cannot be undone)' : 'Nothing to redo');
    rec(at.key, { type: 'dataset', action: { type: kind } });
  }

  /** `x`: asks first (Cancel focused); the confirmation lands in onConfirm('discardAll'). */
  function discardAll(): void {
    if (!writable()) return;
    const at = here();
    if (!at) return;
    const n = at.records.dataset.staged.size;
    if (n === 0) return void notice(nothingStagedHere(getState().records, at.key));
    dispatch({
      type: 'dialog/open',
      dialog: {
        kind: 'confirm', purpose: 'discardAll', payload: at.key, focus: 'cancel', confirmLabel: 'Discard all',
        title: `Discard ${n} staged ${n === 1 ? 'change' : 'changes'}?`,
        message: 'The staged changes of this dataset are dropped (u undoes this).',
      },
    });
  }

  function toggleTombstones(): void {
    const at = here();
    if (!at) return;
    rec(at.key, { type: 'toggleTombstones' });
    notice(getState().records[at.key].showTombstones ? 'Showing removed records (tombstones)' : 'Removed records hidden');
  }

  /** `y` value / `Y` key, through OSC 52; a toast either way. */
  function copy(what: 'value' | 'key'): void {
    const at = selected();
    if (!at) return;
    const text = what === 'key' ? at.row.id : effectiveValue(at.records.dataset, at.row.id);
    if (text === undefined) return void notice(`Nothing to copy: ${quote(at.row.id)} is removed`);
    const result = copyToClipboard(text, io.clipboard);
    const label = what === 'key' ? `key ${quote(at.row.id)}` : `value of ${quote(at.row.id)} (${text.length.toLocaleString('en-US')} characters)`;
    if (result.copied) ctx.toast(`Copied ${label}`);
    else notice(`Not copied: ${result.reason}`);
  }

  return {
    load, edit, add, editorChange, cancelEditor, submitEditor, editExternal, remove, discardAll, toggleTombstones, copy,
    undo: () => undoRedo('undo'),
    redo: () => undoRedo('redo'),
  };
}

export type RecordsEditActions = ReturnType<typeof createRecordsActions>;
