/**
 * At most one dialog at a time (UX.md §2.3). A dialog is data in the app state, never
 * component-local state, so tests can assert `state.dialog?.kind`, and DialogManager
 * renders whichever one is open.
 *
 * Adding a dialog: add a member to `Dialog`, render it in DialogManager, and (for a
 * confirmation) add its purpose to `ConfirmPurpose` and its effect to the container.
 */
import type { ConflictSet } from '../../sync/conflicts.js';
import type { JournalEntry } from '../../config/journal.js';
import type { ConnectionForm } from './connection-form.js';
import type { MergedComparison } from '../merged/merged-compare.js';
import type { Timeline } from '../timeline/timeline.js';
import type { TextField } from './text-field.js';
import type { FilterState } from './filter.js';

/** What a person needs to act on an error (AWS code, operation, request id). */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly operation?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly hint?: string;
  /** Epoch ms, for `:messages`. */
  readonly at: number;
}

/** Which action a confirmation guards; the container maps each one to its effect. */
export type ConfirmPurpose =
  | 'quitDiscard'
  | 'switchConnection'
  | 'discardAll'
  | 'commit'
  /** An $EDITOR result that no longer parses as JSON (it is staged): edit it again? */
  | 'reopenEditor'
  /** The dataset was deleted on the server: write it back as the editor shows it? */
  | 'recreateDataset'
  /** Opening a dataset that has a draft of staged edits: restore them? */
  | 'restoreDraft'
  /** Connections screen: remove the saved connection named in the payload? */
  | 'removeConnection'
  /** Datasets screen: delete the merged dataset named in the payload (DeleteDataset)? */
  | 'deleteMergedDataset'
  /** `:rw` on a protected connection (named in the payload): its name typed to allow writes. */
  | 'allowWrites';

/** The two buttons of a confirmation; Cancel is focused first (UX.md §1.2). */
export type ConfirmFocus = 'cancel' | 'confirm';

export type Dialog =
  | { readonly kind: 'help' }
  /** `:messages`: every error of this run (AppState.messages), newest first. */
  | { readonly kind: 'messages' }
  | {
      readonly kind: 'palette';
      readonly input: string;
      /** Where the cursor is in `input` (text-field.ts); absent when it is at the end. */
      readonly cursor?: number;
      /** Why the last command did not run (`unknown command 'x'`). */
      readonly error?: string;
    }
  | {
      readonly kind: 'confirm';
      readonly purpose: ConfirmPurpose;
      readonly title: string;
      readonly message: string;
      readonly confirmLabel: string;
      readonly focus: ConfirmFocus;
      /** Free data for the purpose (e.g. the connection to switch to). */
      readonly payload?: string;
    }
  | {
      /** Protected connections: type the dataset name to confirm. */
      readonly kind: 'typedConfirm';
      readonly purpose: ConfirmPurpose;
      readonly title: string;
      readonly expected: string;
      readonly input: string;
      /** Where the cursor is in `input` (text-field.ts); absent when it is at the end. */
      readonly cursor?: number;
      readonly error?: string;
      /** Free data for the purpose (the records key of the batch to send). */
      readonly payload?: string;
    }
  | {
      /** The staged changes of one dataset (`recordsKey`, its location key) before one UpdateRecords. */
      readonly kind: 'review';
      readonly recordsKey: string;
      /** Index of the selected change. */
      readonly selected: number;
    }
  | {
      readonly kind: 'conflict';
      readonly set: ConflictSet;
      /** The dataset (location key) whose commit found the conflicts. */
      readonly recordsKey: string;
      /** Keys the server already had as staged: dropped from the batch, not asked. */
      readonly autoResolved: readonly string[];
      /** Open while editing a merged value for the focused key (`e`). */
      readonly edit?: TextField;
    }
  | {
      /** `H` on the records screen: the journal's commits of this dataset, newest first. */
      readonly kind: 'history';
      readonly recordsKey: string;
      readonly entries: readonly JournalEntry[];
      /** Index into `entries`; kept on a row the filter shows. */
      readonly selected: number;
      /** `/`: filters the commits (filter.ts). */
      readonly filter?: FilterState;
    }
  | {
      /** Connections screen: add or edit a saved connection. */
      readonly kind: 'connectionForm';
      readonly form: ConnectionForm;
    }
  | {
      /** `i`: every AWS call of this session (the request log), newest first. */
      readonly kind: 'inspector';
      /** Request log id of the selected call; undefined follows the newest. */
      readonly selectedId?: number;
      /** One call shown in full (request and response), from line `scroll`. */
      readonly detail?: { readonly id: number; readonly scroll: number };
      /** `/`: filters the calls (filter.ts); kept while one call is shown. */
      readonly filter?: FilterState;
    }
  | {
      /** `t` on the records screen: the dataset's SyncCounts over time, newest first. */
      readonly kind: 'timeline';
      readonly recordsKey: string;
      readonly timeline: Timeline;
      /** Index into `timeline.points`; kept on a row the filter shows. */
      readonly selected: number;
      /** `/`: filters the counts (filter.ts). */
      readonly filter?: FilterState;
    }
  | {
      /** `C` on a merged dataset: key by key against its main dataset; `s`/`S` stage into the main one. */
      readonly kind: 'mergedCompare';
      readonly comparison: MergedComparison;
      readonly selected: number;
    }
  | { readonly kind: 'error'; readonly error: ErrorInfo }
  /** `unfinished`: inline edits typed and not staged yet (kept in the draft too). */
  | {
      readonly kind: 'quit';
      readonly staged: number;
      readonly unfinished?: number;
      /** Where the staged changes are: ` in profile` (staged-where.ts stagedIn). */
      readonly where?: string;
      readonly focus: 'keep' | 'discard' | 'cancel';
    };

export type DialogKind = Dialog['kind'];

/**
 * Modal dialogs take every key while open; the error panel is sticky but not modal:
 * it takes Esc (dismiss) and lets the screen keep working.
 */
export const isModal = (dialog: Dialog | null): boolean => dialog !== null && dialog.kind !== 'error';

export function confirmDialog(
  purpose: ConfirmPurpose,
  title: string,
  message: string,
  confirmLabel = 'Yes',
  payload?: string,
): Dialog {
  return { kind: 'confirm', purpose, title, message, confirmLabel, focus: 'cancel', payload };
}

export function toggleConfirmFocus(dialog: Dialog): Dialog {
  return dialog.kind === 'confirm' ? { ...dialog, focus: dialog.focus === 'cancel' ? 'confirm' : 'cancel' } : dialog;
}

/**
 * Typed confirmation (UX.md §1.2 c): "Type settings to confirm, or press Escape to cancel";
 * a wrong value says "Value must be exactly settings" and does not confirm.
 */
export function checkTyped(dialog: Extract<Dialog, { kind: 'typedConfirm' }>): { ok: boolean; dialog: Dialog } {
  if (dialog.input === dialog.expected) return { ok: true, dialog };
  return { ok: false, dialog: { ...dialog, error: `Value must be exactly ${dialog.expected}` } };
}

/** Error info from anything thrown (CogsyncError fields when present). */
export function errorInfo(error: unknown, now: number = Date.now()): ErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    code: str(e.code) ?? str(e.name) ?? 'Error',
    message: str(e.message) ?? String(error),
    operation: str(e.operation),
    httpStatus: typeof e.httpStatus === 'number' ? e.httpStatus : undefined,
    requestId: str(e.requestId),
    hint: str(e.hint),
    at: now,
  };
}
