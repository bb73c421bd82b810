/**
 * The editor's UI state and its one reducer, combining navigation, per-location lists
 * (rows, window, filter), the single dialog, and what the header shows. Pure: async work
 * lives in the container's actions, which dispatch these actions with the results.
 */
import type { Key } from 'ink';
import type { Row } from '../data/rows.js';
import { isModal, type Dialog, type ErrorInfo } from './dialogs.js';
import * as F from './filter.js';
import * as L from './list.js';
import * as N from './navigation.js';
import { stagedTally, type RecordsAction, type RecordsState } from './records.js';
import { reduceRecords } from './records-slice.js';
import type { WindowMove } from './table-window.js';
import { initialWatch, watchReducer, type WatchAction, type WatchState } from '../watch/watch-state.js';

/** Lines around the list: header, breadcrumb, column titles, position/filter, status, footer. */
export const CHROME_ROWS = 6;

/** List rows that fit: the root box is `rows - 1` high (UX.md pitfall 1). */
export const viewportFor = (terminalRows: number): number => Math.max(1, terminalRows - 1 - CHROME_ROWS);

export interface ConnectionInfo {
  readonly name: string;
  readonly kind: 'local' | 'aws';
  readonly region: string;
  /** Shown in the header; undefined for AWS's regional endpoint. */
  readonly endpoint?: string;
  /** Writes are refused (`--readonly`, per-connection flag, protected connections). */
  readonly readOnly: boolean;
  /** A production connection: red accent, typed confirmations. */
  readonly protected?: boolean;
  /** The connection's accent colour (header, breadcrumbs); protected ones are red whatever it says. */
  readonly accent?: 'default' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan';
  /** Sent as UpdateRecords' DeviceId (the server's LastModifiedBy, the journal's device); none by default. */
  readonly deviceId?: string;
  /** `--readonly` on the command line: `:rw` cannot lift it. */
  readonly lockedReadOnly?: boolean;
}

export interface StagedCounts {
  readonly modified: number;
  readonly added: number;
  readonly removed: number;
}

export const NO_STAGED: StagedCounts = Object.freeze({ modified: 0, added: 0, removed: 0 });

export interface AppState {
  readonly connection: ConnectionInfo | null;
  readonly nav: N.NavigationState;
  /** Keyed by `locationKey`; kept when going back so the selection is where it was. */
  readonly lists: Readonly<Record<string, L.ListState>>;
  /** Per dataset location (same key as its list): server records, staged edits, editor. */
  readonly records: Readonly<Record<string, RecordsState>>;
  readonly dialog: Dialog | null;
  readonly viewport: number;
  /** AWS calls in flight (from the request log): the header spinner. */
  readonly inFlight: number;
  /** Container actions running (a listing may be several calls): tests wait for 0. */
  readonly busy: number;
  /** Every error shown, oldest first (`:messages`). */
  readonly messages: readonly ErrorInfo[];
  readonly staged: StagedCounts;
  /** One-line information that stays until the next key (e.g. "Disabled: … read-only"). */
  readonly notice?: string;
  readonly quitting: boolean;
  /** Watch mode (`w`, `--watch`): on/off, interval, poller status, remote changes seen per dataset. */
  readonly watch: WatchState;
}

export type AppAction =
  | { type: 'layout/resize'; rows: number }
  | { type: 'nav/push'; location: N.Location }
  | { type: 'nav/back' }
  | { type: 'nav/jump'; location: N.Location }
  | { type: 'nav/poolName'; connection: string; poolId: string; name: string }
  /** Connected: go to `location` (default: the connection's pools). */
  | { type: 'connection/set'; connection: ConnectionInfo; location?: N.Location }
  /** `:rw` / `:ro`: the current connection's writes allowed or refused for this session. */
  | { type: 'connection/readOnly'; readOnly: boolean }
  | { type: 'list/loading'; key: string; more?: boolean }
  | { type: 'list/loaded'; key: string; rows: readonly Row[]; nextToken?: string; append?: boolean }
  | { type: 'list/failed'; key: string; error: ErrorInfo }
  | { type: 'list/move'; key: string; move: WindowMove }
  | { type: 'filter/start'; key: string }
  | { type: 'filter/type'; key: string; text: string }
  | { type: 'filter/backspace'; key: string }
  /** A line-editing key (←/→, Home/End, Ctrl+U/W/K, Alt+Backspace…) on the query; other keys change nothing. */
  | { type: 'filter/edit'; key: string; input: string; inkKey: Key }
  | { type: 'filter/commit'; key: string }
  /** First Esc clears the filter, the next goes back. */
  | { type: 'filter/escape'; key: string }
  | { type: 'dialog/open'; dialog: Dialog }
  | { type: 'dialog/close' }
  | { type: 'error/show'; error: ErrorInfo }
  | { type: 'requests/inFlight'; count: number }
  | { type: 'busy'; delta: 1 | -1 }
  | { type: 'notice/set'; text?: string }
  | { type: 'staged/set'; counts: StagedCounts }
  | { type: 'app/quit' }
  /** The records screen of the dataset at location key `key` (records-slice.ts). */
  | { type: 'records'; key: string; action: RecordsAction }
  | { type: 'watch'; action: WatchAction };

export interface InitialStateOptions {
  connection: ConnectionInfo | null;
  /** The connection being opened (before it is connected, `connection` is null). */
  connectionName?: string;
  terminalRows: number;
  deepLink?: N.DeepLink;
  /** `--watch` / `--watch-interval`: watch mode from the start. */
  watch?: { enabled?: boolean; intervalMs?: number };
}

export function initialState({ connection, connectionName, terminalRows, deepLink, watch }: InitialStateOptions): AppState {
  return {
    connection,
    nav: N.initialNavigation(connection?.name ?? connectionName, deepLink),
    lists: {},
    records: {},
    dialog: null,
    viewport: viewportFor(terminalRows),
    inFlight: 0,
    busy: 0,
    messages: [],
    staged: NO_STAGED,
    quitting: false,
    watch: initialWatch(watch),
  };
}

export const currentLocation = (s: AppState): N.Location => N.current(s.nav);
export const currentKey = (s: AppState): string => N.locationKey(currentLocation(s));

/** The list at `key`, or an empty one sized to the viewport. */
export function listAt(s: AppState, key: string): L.ListState {
  return s.lists[key] ?? L.emptyList(s.viewport);
}

const MAX_MESSAGES = 200;

function updateList(s: AppState, key: string, f: (l: L.ListState) => L.ListState): AppState {
  return { ...s, lists: { ...s.lists, [key]: f(listAt(s, key)) } };
}

function showError(s: AppState, error: ErrorInfo): AppState {
  const messages = [...s.messages, error].slice(-MAX_MESSAGES);
  // A modal dialog (a confirmation, the conflict dialog) is not replaced by a background
  // error: the error is kept in :messages and the dialog stays.
  const dialog = isModal(s.dialog) && s.dialog?.kind !== 'help' && s.dialog?.kind !== 'palette' ? s.dialog : { kind: 'error' as const, error };
  return { ...s, messages, dialog };
}

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'layout/resize': {
      const viewport = viewportFor(a.rows);
      if (viewport === s.viewport) return s;
      const lists = Object.fromEntries(Object.entries(s.lists).map(([k, l]) => [k, L.listResize(l, viewport)]));
      return { ...s, viewport, lists };
    }
    case 'nav/push': return { ...s, nav: N.push(s.nav, a.location), notice: undefined };
    case 'nav/back': return { ...s, nav: N.back(s.nav), notice: undefined };
    case 'nav/jump': return { ...s, nav: N.jumpTo(a.location), notice: undefined };
    case 'nav/poolName': {
      const nav = N.withPoolName(s.nav, a.connection, a.poolId, a.name);
      return nav === s.nav ? s : { ...s, nav };
    }
    case 'connection/set':
      return {
        ...s,
        connection: a.connection,
        nav: N.jumpTo(a.location ?? { screen: 'pools', connection: a.connection.name }),
        // Staged edits of every dataset stay held (opening the dataset again shows them): the
        // header and the quit question go on counting them.
        staged: stagedTally(s.records),
      };
    case 'connection/readOnly':
      if (!s.connection || s.connection.readOnly === a.readOnly) return s;
      // --readonly is a lock for the whole run: nothing lifts it.
      if (!a.readOnly && s.connection.lockedReadOnly) return s;
      return { ...s, connection: { ...s.connection, readOnly: a.readOnly }, notice: undefined };
    case 'list/loading': return updateList(s, a.key, (l) => L.listLoading(l, a.more));
    case 'list/loaded':
      return updateList(s, a.key, (l) => L.listLoaded(l, a.rows, { nextToken: a.nextToken, append: a.append }));
    case 'list/failed': return showError(updateList(s, a.key, L.listFailed), a.error);
    case 'list/move': return updateList(s, a.key, (l) => L.listMove(l, a.move));
    case 'filter/start': return updateList(s, a.key, (l) => L.listFilter(l, F.startEditing(l.filter)));
    case 'filter/type': return updateList(s, a.key, (l) => L.listFilter(l, F.typeText(l.filter, a.text)));
    case 'filter/backspace': return updateList(s, a.key, (l) => L.listFilter(l, F.backspace(l.filter)));
    case 'filter/edit': {
      const filter = F.editKey(listAt(s, a.key).filter, a.input, a.inkKey);
      return filter ? updateList(s, a.key, (l) => L.listFilter(l, filter)) : s;
    }
    case 'filter/commit': return updateList(s, a.key, (l) => L.listFilter(l, F.commit(l.filter)));
    case 'filter/escape': {
      const { filter, consumed } = F.escape(listAt(s, a.key).filter);
      if (consumed) return updateList(s, a.key, (l) => L.listFilter(l, filter));
      return { ...s, nav: N.back(s.nav), notice: undefined };
    }
    case 'dialog/open': return { ...s, dialog: a.dialog };
    case 'dialog/close': return s.dialog === null ? s : { ...s, dialog: null };
    case 'error/show': return showError(s, a.error);
    case 'requests/inFlight': return a.count === s.inFlight ? s : { ...s, inFlight: Math.max(0, a.count) };
    case 'busy': return { ...s, busy: Math.max(0, s.busy + a.delta) };
    case 'notice/set': return a.text === s.notice ? s : { ...s, notice: a.text };
    case 'staged/set': return { ...s, staged: a.counts };
    case 'app/quit': return { ...s, quitting: true };
    case 'records': return reduceRecords(s, a.key, a.action);
    case 'watch': {
      const watch = watchReducer(s.watch, a.action);
      return watch === s.watch ? s : { ...s, watch };
    }
  }
}
