/**
 * Between the editor's state and the drafts on disk: which dataset a records location is,
 * and which datasets' staged edits changed between two states (those get saved).
 */
import type { DraftAddress, UnfinishedEdit } from '../../config/draft-format.js';
import { effectiveValue } from '../../sync/index.js';
import type { RecordsState } from './records.js';

/**
 * `records|<connection>|<pool>|<identity>|<dataset>` → its draft address. Pool, identity and
 * dataset names never hold `|` (their patterns exclude it); a connection name may, so it
 * is everything before them.
 */
export function draftAddressOfKey(recordsKey: string): DraftAddress | undefined {
  const parts = recordsKey.split('|');
  if (parts[0] !== 'records' || parts.length < 5) return undefined;
  const [identityPoolId, identityId, datasetName] = parts.slice(-3);
  return { connection: parts.slice(1, -3).join('|'), identityPoolId, identityId, datasetName };
}

/**
 * What the open inline editor holds that Enter has not staged yet, or undefined when there
 * is nothing to keep: no editor, an `e` field still holding the value it opened with, an
 * empty `a` form.
 */
export function unfinishedOf(s: RecordsState): UnfinishedEdit | undefined {
  const editor = s.editor;
  if (!editor) return undefined;
  if (editor.kind === 'add') {
    return editor.key.text === '' && editor.value.text === '' ? undefined : { kind: 'add', key: editor.key.text, value: editor.value.text };
  }
  const opened = effectiveValue(s.dataset, editor.key) ?? editor.original ?? s.dataset.staged.get(editor.key)?.base?.value ?? '';
  return editor.field.text === opened ? undefined : { kind: 'edit', key: editor.key, text: editor.field.text };
}

/**
 * Datasets whose draft content (staged edits, or the unfinished edit) differs between two
 * snapshots of `state.records`. A dataset that had nothing to keep and still has nothing is
 * left out, so listing a dataset (which builds a fresh, empty staged map) never touches a
 * draft waiting to be restored.
 */
export function changedDrafts(
  before: Readonly<Record<string, RecordsState>>,
  after: Readonly<Record<string, RecordsState>>,
): string[] {
  const keys: string[] = [];
  for (const [key, next] of Object.entries(after)) {
    const prev = before[key];
    const staged = next.dataset.staged;
    if (prev?.dataset.staged === staged && prev.editor === next.editor) continue;
    const hadSome = (prev?.dataset.staged.size ?? 0) > 0 || (prev !== undefined && unfinishedOf(prev) !== undefined);
    if (!hadSome && staged.size === 0 && unfinishedOf(next) === undefined) continue;
    keys.push(key);
  }
  return keys;
}
