/**
 * The inline editor of the records screen (`e` edit, `a` add) as pure functions: what the
 * fields start with, how a key edits them, what is wrong with the key as it is typed, and
 * what Enter would stage. The screen renders this; the actions dispatch the result.
 */
import type { Key } from 'ink';
import { checkKey, checkValue, effectiveValue, quoteText } from '../../sync/index.js';
import type { RecordEditor, RecordsState } from './records.js';
import { applyKey, textField, type TextField } from './text-field.js';

/**
 * `e` on a key: the field starts with the value the key would have after the commit (the
 * staged one, else the server's; for a staged removal or a tombstone, the last value
 * known, else empty). `original` is the server's value, for the JSON hint and the detail pane.
 */
export function openEdit(s: RecordsState, key: string): RecordEditor {
  const server = s.dataset.base.records.get(key)?.value;
  const start = effectiveValue(s.dataset, key) ?? server ?? s.dataset.staged.get(key)?.base?.value ?? '';
  return { kind: 'edit', key, original: server, field: textField(start) };
}

export function openAdd(): RecordEditor {
  return { kind: 'add', key: textField(''), value: textField(''), focus: 'key' };
}

/** The field the keyboard edits now. */
export function focusedField(editor: RecordEditor): TextField {
  if (editor.kind === 'edit') return editor.field;
  return editor.focus === 'key' ? editor.key : editor.value;
}

/** Applies an editing key to the focused field; undefined when the key is not for the text. */
export function editorKey(editor: RecordEditor, input: string, key: Key): RecordEditor | undefined {
  const next = applyKey(focusedField(editor), input, key);
  if (next === undefined) return undefined;
  if (editor.kind === 'edit') return { ...editor, field: next };
  return editor.focus === 'key' ? { ...editor, key: next } : { ...editor, value: next };
}

/** Tab in the add form: key ↔ value. */
export function switchField(editor: RecordEditor): RecordEditor {
  return editor.kind === 'add' ? { ...editor, focus: editor.focus === 'key' ? 'value' : 'key' } : editor;
}

/**
 * What is wrong with a new key, checked on every keystroke: empty, over 1,024 characters,
 * or a key that is live (on the server or staged). A removed key (tombstone) can be added
 * again: the patch then carries the tombstone's SyncCount. Warnings (long for mobile SDKs)
 * do not block.
 */
export function addKeyIssues(s: RecordsState, key: string): EditorIssue[] {
  const issues: EditorIssue[] = checkKey(key).map(({ severity, message }) => ({ severity, message }));
  if (key !== '' && effectiveValue(s.dataset, key) !== undefined) {
    issues.push({ severity: 'error', message: `Key ${quoteText(key)} already exists: press e on it to edit` });
  }
  return issues;
}

export interface EditorIssue {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export type Submission =
  | { readonly ok: true; readonly key: string; readonly value: string }
  | { readonly ok: false; readonly message: string };

/** What Enter stages, or why it cannot (the editor stays open, nothing changes). */
export function submission(s: RecordsState, editor: RecordEditor): Submission {
  const key = editor.kind === 'edit' ? editor.key : editor.key.text;
  const value = editor.kind === 'edit' ? editor.field.text : editor.value.text;
  const keyErrors = editor.kind === 'add' ? addKeyIssues(s, key).filter((i) => i.severity === 'error') : [];
  const errors = [...keyErrors, ...checkValue(key, value)];
  if (errors.length > 0) return { ok: false, message: errors.map((e) => e.message).join('; ') };
  return { ok: true, key, value };
}

/** Lines of each part of the add form. */
export interface AddFormLayout {
  readonly title: number;
  readonly keyLabel: number;
  readonly keyField: number;
  readonly keyStatus: number;
  readonly valueLabel: number;
  readonly valueField: number;
  readonly hint: number;
  readonly help: number;
}

/**
 * The add form in `height` lines. With 11 or more: a title, the key field (2 lines) and its check (up to 3), the value
 * field taking the rest. Fewer (40×12 leaves 7): one line each for the key field and its check, no title; then, as the
 * height shrinks further, the keys' help, the JSON hint, the key's check and the labels go, the two fields last.
 * Squeezed into too few lines, the parts drew over each other ("key a record") and the value typed was not shown.
 */
export function addFormLayout(height: number): AddFormLayout {
  if (height >= 11) return { title: 1, keyLabel: 1, keyField: 2, keyStatus: 3, valueLabel: 1, valueField: height - 10, hint: 1, help: 1 };
  const layout = { title: 0, keyLabel: 1, keyField: 1, keyStatus: 1, valueLabel: 1, valueField: 1, hint: 1, help: 1 };
  let spare = height - 7;
  for (const part of ['help', 'hint', 'keyStatus', 'valueLabel', 'keyLabel'] as const) {
    if (spare >= 0) break;
    layout[part] = 0;
    spare += 1;
  }
  layout.valueField += Math.max(0, spare);
  return layout;
}
