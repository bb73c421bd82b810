/**
 * Owns the editor's state (one useReducer), builds the actions once, wires the request
 * log's in-flight count, loads what the current location needs, and provides the
 * contexts. App.tsx only lays out and picks the screen (UX.md §2.2).
 */
import React, { useEffect, useMemo, useReducer, useRef } from 'react';
import type { Connector } from './data/connector.js';
import { createAppActions, type BrowseActions } from './app-actions.js';
import { App } from './App.js';
import { AppActionsContext, AppSettingsContext, AppStateContext, type AppSettings } from './contexts/app-state.js';
import { EditorActionsContext } from './contexts/editor-actions.js';
import { createEditorActions } from './editor-actions.js';
import { PersistenceContext, type PersistenceActions } from './contexts/persistence.js';
import type { EditorStorage } from './data/editor-storage.js';
import type { PreloadedRecords, RecordsPreload } from './data/preload.js';
import type { DraftActions } from './draft-actions.js';
import { createPersistenceActions } from './persistence-actions.js';
import type { RecordsIo } from './records-actions.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useTimedMessage } from './hooks/use-timed-message.js';
import { DEFAULT_KEYMAP, type Keymap } from './keymap.js';
import { appReducer, currentKey, currentLocation, initialState, listAt, type AppAction, type AppState } from './state/app-reducer.js';
import { errorInfo, type ConfirmPurpose } from './state/dialogs.js';
import { wantsMore } from './state/list.js';
import { current, initialNavigation, locationKey, type DeepLink } from './state/navigation.js';
import { noColorFromEnv, themeFor, ThemeContext } from './theme.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../config/schema.js';
import { DebugToolsContext } from './contexts/debug-tools.js';
import type { DebugTools } from './debug-tools.js';
import { useDebugToolsRuntime } from './hooks/use-debug-tools-runtime.js';

export interface AppContainerProps {
  connector: Connector;
  /** Connection to open; without one the editor starts on the connections screen. */
  connection?: string;
  deepLink?: DeepLink;
  keymap?: Keymap;
  /** Pin the terminal height (tests; `runEditor({rows})`). */
  rows?: number;
  columns?: number;
  /** Show `‹ready›` in the footer once keys are listened to (COGSYNC_E2E=1). */
  e2e?: boolean;
  noColor?: boolean;
  /** Called once when the user quits. */
  onExit(): void;
  /** Effects of confirmations owned by other features. */
  onConfirm?(purpose: ConfirmPurpose, payload?: string): void;
  /** ListRecords page size of the records screen (tests); the server's maximum by default. */
  recordsPageSize?: number;
  /** $EDITOR and clipboard plumbing (tests inject fakes). */
  editorIo?: RecordsIo;
  /** Test hook: the latest state and the actions after every render. */
  onState?(state: AppState, actions: BrowseActions): void;
  /** Settings, drafts and journal on disk; without it nothing is kept (most component tests). */
  storage?: EditorStorage;
  /** `--watch` / `--watch-interval`: watch mode on from the start, and its interval. */
  watch?: { enabled?: boolean; intervalMs?: number };
  /** Watch mode's backoff cap (tests shorten it). */
  watchMaxBackoffMs?: number;
  /** Display preferences; default: read once from `storage` (preferences.theme, preferences.dateFormat). */
  preferences?: Partial<Pick<Preferences, 'theme' | 'dateFormat'>>;
  /** The deep-linked dataset's first page, asked for while the editor started (data/preload.ts). */
  preload?: RecordsPreload;
  /** What of it arrived before the first render: the first frame shows those records. */
  preloaded?: PreloadedRecords;
}

/** The actions that put a preloaded dataset on screen, as connecting and listing would have. */
function preloadedActions({ connection, location, page }: PreloadedRecords): AppAction[] {
  const key = locationKey(location);
  return [
    { type: 'connection/set', connection, location },
    { type: 'records', key, action: { type: 'loading' } },
    { type: 'records', key, action: { type: 'page', first: true, listing: page.listing, nextToken: page.nextToken } },
  ];
}

/** The display preferences of this run: the given ones over the stored ones over the defaults. A broken store never stops the editor. */
export function displayPreferences(given: AppContainerProps['preferences'], storage: EditorStorage | undefined): Pick<Preferences, 'theme' | 'dateFormat'> {
  let stored: Partial<Preferences> = {};
  try {
    stored = storage?.config.preferences() ?? {};
  } catch {
    /* defaults */
  }
  return {
    theme: given?.theme ?? stored.theme ?? DEFAULT_PREFERENCES.theme,
    dateFormat: given?.dateFormat ?? stored.dateFormat ?? DEFAULT_PREFERENCES.dateFormat,
  };
}

export function AppContainer(props: AppContainerProps) {
  const { connector, connection, deepLink, keymap = DEFAULT_KEYMAP, e2e = false, onExit } = props;
  const size = useTerminalSize({ rows: props.rows, columns: props.columns });
  const [state, dispatch] = useReducer(appReducer, undefined, () => {
    const initial = initialState({ connection: null, connectionName: connection, terminalRows: size.rows, deepLink, watch: props.watch });
    return props.preloaded ? preloadedActions(props.preloaded).reduce(appReducer, initial) : initial;
  });
  // The latest state for the actions: updated by their dispatch (not by render), so an
  // action sees the effect of the one before it even before React re-renders.
  const stateRef = useRef(state);
  const [toast, showToast] = useTimedMessage<string>();

  const latestProps = useRef(props);
  latestProps.current = props;
  const debugRef = useRef<DebugTools | null>(null);
  const { actions, editor, persistence } = useMemo(() => {
    const getState = () => stateRef.current;
    // Keep stateRef current between dispatch and render, so chained actions see their effects.
    const dispatchNow = (action: AppAction) => {
      stateRef.current = appReducer(stateRef.current, action);
      dispatch(action);
    };
    const { recordsPageSize: pageSize, editorIo, storage, preload } = latestProps.current;
    let persistence: PersistenceActions | null = null;
    const recordsDeps = {
      getState, dispatch: dispatchNow, connector, toast: showToast, pageSize, preload,
      onCommitted: (...args: Parameters<DraftActions['committed']>) => persistence?.drafts.committed(...args),
    };
    const editor = createEditorActions(recordsDeps, editorIo);
    const actions = createAppActions({
      getState,
      dispatch: dispatchNow,
      connector,
      toast: showToast,
      loadRecords: editor.load,
      connecting: preload && { name: preload.location.connection, connected: preload.connected },
      onConfirm: (purpose, payload) => {
        if (editor.onConfirm(purpose, payload)) return;
        if (debugRef.current?.onConfirm(purpose, payload)) return;
        if (persistence && payload !== undefined && purpose === 'restoreDraft') return void persistence.drafts.restore(payload);
        if (persistence && payload !== undefined && purpose === 'removeConnection') return persistence.connections.removeConfirmed(payload);
        latestProps.current.onConfirm?.(purpose, payload);
      },
    });
    persistence = storage ? createPersistenceActions(recordsDeps, storage, actions) : null;
    return { actions, editor, persistence };
  }, [connector, showToast]);

  // Inspector, watch mode, timeline, demo device, merged datasets (debug-tools.ts).
  const debug = useDebugToolsRuntime(
    {
      getState: actions.getState,
      dispatch: actions.dispatch,
      connector,
      toast: showToast,
      loadRecords: (location) => editor.load(location),
      refresh: actions.refresh,
      journal: () => latestProps.current.storage?.journal,
      dateFormat: () => displayPreferences(latestProps.current.preferences, latestProps.current.storage).dateFormat,
      maxBackoffMs: props.watchMaxBackoffMs,
    },
    state,
  );
  debugRef.current = debug;

  // Open the requested connection (and deep link) once.
  useEffect(() => {
    if (!connection || props.preloaded) return; // connected already, with the records on screen
    void actions.connect(connection, current(initialNavigation(connection, deepLink))).then((ok) => {
      if (!ok) actions.dispatch({ type: 'nav/jump', location: { screen: 'connections' } });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => actions.dispatch({ type: 'layout/resize', rows: size.rows }), [actions, size.rows]);

  // The header spinner follows the request log's in-flight count.
  useEffect(() => {
    const log = connector.requestLog;
    const update = () => actions.dispatch({ type: 'requests/inFlight', count: log.inFlight });
    update();
    return log.subscribe(update);
  }, [actions, connector]);

  // List the current location the first time it is shown (revisits refresh from the actions).
  const location = currentLocation(state);
  const key = currentKey(state);
  const list = listAt(state, key);
  const connectedHere = location.screen === 'connections' || state.connection?.name === location.connection;
  useEffect(() => {
    if (connectedHere && list.status === 'idle') void actions.load(location);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, connectedHere, list.status, actions]);

  // Lazy paging: the selection reached the last loaded row and the server has more.
  useEffect(() => {
    if (wantsMore(list)) void actions.load(location, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list, actions]);

  // What opening the settings had to say (a file moved aside, bad keymap overrides): shown until dismissed.
  useEffect(() => {
    const notices = latestProps.current.storage?.notices ?? [];
    if (notices.length > 0) actions.dispatch({ type: 'error/show', error: errorInfo({ code: 'Config', message: notices.join(' · ') }) });
  }, [actions]);
  // Drafts follow every staged change; a dataset with a draft asks to restore it once listed.
  useEffect(() => persistence?.drafts.sync(state.records), [persistence, state.records]);
  const recordsStatus = location.screen === 'records' ? state.records[key]?.status : undefined;
  // Also when writes become allowed (`:rw`): a draft is not offered on a read-only connection.
  const readOnly = state.connection?.readOnly;
  useEffect(() => {
    if (recordsStatus === 'loaded' && state.dialog === null) persistence?.drafts.offerRestore();
  }, [persistence, key, recordsStatus, state.dialog, readOnly]);
  // preferences.showTombstones: applied once per dataset, when it is first listed (T still toggles).
  const tombstonesApplied = useRef(new Set<string>());
  useEffect(() => {
    if (recordsStatus !== 'loaded' || !persistence || tombstonesApplied.current.has(key)) return;
    tombstonesApplied.current.add(key);
    if (persistence.showTombstones() && !actions.getState().records[key]?.showTombstones) {
      actions.dispatch({ type: 'records', key, action: { type: 'toggleTombstones' } });
    }
  }, [persistence, key, recordsStatus, actions]);
  // A place reached by id (deep link, resume, `:pool <id>`) shows its pool's name once looked up.
  const unnamedPool = location.screen !== 'connections' && location.screen !== 'pools' && !location.poolName;
  useEffect(() => {
    if (connectedHere && unnamedPool) void actions.namePool(location);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, connectedHere, unnamedPool, actions]);
  // Recent places: where the editor resumes for this connection next time.
  useEffect(() => {
    if (connectedHere) persistence?.drafts.rememberLocation(location);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [persistence, key, connectedHere]);

  useEffect(() => {
    if (state.quitting) onExit();
  }, [state.quitting, onExit]);

  useEffect(() => props.onState?.(state, actions));

  // Read once: conf reads the file on every access, too slow for every frame.
  const prefs = useMemo(() => displayPreferences(props.preferences, props.storage), [props.preferences, props.storage]);
  const settings: AppSettings = useMemo(() => ({ keymap, e2e, toast, dateFormat: prefs.dateFormat }), [keymap, e2e, toast, prefs.dateFormat]);
  const theme = useMemo(
    () => themeFor({ noColor: props.noColor ?? noColorFromEnv(), mode: prefs.theme, connection: state.connection }),
    [props.noColor, prefs.theme, state.connection?.protected, state.connection?.accent],
  );
  return (
    <ThemeContext.Provider value={theme}>
      <AppSettingsContext.Provider value={settings}>
        <AppActionsContext.Provider value={actions}>
          <EditorActionsContext.Provider value={editor}>
            <PersistenceContext.Provider value={persistence}>
              <DebugToolsContext.Provider value={debug}>
                <AppStateContext.Provider value={state}>
                  <App columns={size.columns} rows={size.rows} />
                </AppStateContext.Provider>
              </DebugToolsContext.Provider>
            </PersistenceContext.Provider>
          </EditorActionsContext.Provider>
        </AppActionsContext.Provider>
      </AppSettingsContext.Provider>
    </ThemeContext.Provider>
  );
}
