/**
 * AppStateContext (read) and AppActionsContext (stable callbacks), after gemini-cli's
 * UIState / UIActions split (UX.md §2.2): a component that only dispatches reads the
 * actions context, whose value never changes, and so does not re-render on state changes.
 */
import { createContext, useContext } from 'react';
import type { Key } from 'ink';
import type { AppState, AppAction } from '../state/app-reducer.js';
import type { Dialog } from '../state/dialogs.js';
import type { WindowMove } from '../state/table-window.js';
import type { Keymap } from '../keymap.js';

export interface AppActions {
  /** Raw reducer access, for features built on top (records editing, review). */
  dispatch(action: AppAction): void;
  /** The latest state, including actions dispatched since the last render (key handlers use it). */
  getState(): AppState;
  /** Enter: drill into the selected row. */
  open(): void;
  /** Esc: first clears the filter, then goes up a level. */
  back(): void;
  /** `r`: list the current location again (keeps the selection by id). */
  refresh(): void;
  move(move: WindowMove): void;
  startFilter(): void;
  /** A line-editing key on the filter query (state/filter.ts `editKey`). */
  editFilter(input: string, key: Key): void;
  commitFilter(): void;
  openDialog(dialog: Dialog): void;
  /** Opens the `:` palette and lists what its Tab completion needs, if never listed. */
  openPalette(): void;
  closeDialog(): void;
  /** Runs a `:` palette line; returns an error message when it could not. */
  runPalette(line: string): Promise<string | undefined>;
  /** Answers the open confirmation dialog. */
  answerConfirm(confirmed: boolean): void;
  /** The exact text was typed in a typed confirmation: closes it and runs its purpose. */
  confirmTyped(dialog: Extract<Dialog, { kind: 'typedConfirm' }>): void;
  showError(error: unknown): void;
  /** One line of information until the next key (never an error). */
  notice(text?: string): void;
  /** A success toast that clears itself. */
  toast(text: string): void;
  switchConnection(name: string): void;
  /** `q` / Ctrl+C: quits, or asks first when changes are staged. */
  quit(): void;
}

export const AppStateContext = createContext<AppState | null>(null);
export const AppActionsContext = createContext<AppActions | null>(null);

/** Static settings of this run: the keymap in force and test hooks. */
export interface AppSettings {
  keymap: Keymap;
  /** COGSYNC_E2E=1: show `‹ready›` in the footer once keys are listened to. */
  e2e: boolean;
  /** Success toast text, if any (timed). */
  toast?: string;
  /** preferences.dateFormat: local time (default) or ISO 8601 UTC, for every date shown. */
  dateFormat?: 'local' | 'iso';
}
export const AppSettingsContext = createContext<AppSettings | null>(null);

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is only available inside <AppContainer>`);
  return value;
}

export const useAppState = (): AppState => need(useContext(AppStateContext), 'useAppState');
export const useAppActions = (): AppActions => need(useContext(AppActionsContext), 'useAppActions');
export const useAppSettings = (): AppSettings => need(useContext(AppSettingsContext), 'useAppSettings');
/** preferences.dateFormat for whatever shows a time; `local` outside <AppContainer> (component tests). */
export const useDateFormat = (): 'local' | 'iso' => useContext(AppSettingsContext)?.dateFormat ?? 'local';
