/**
 * The editor's actions: the async work (listing, connecting, palette jumps) that the pure
 * reducer cannot do. Plain functions over `getState` / `dispatch` and a Connector, so no
 * React is needed to test them; AppContainer builds them once and shares them through
 * AppActionsContext.
 */
import { toCogsyncError } from '../aws/errors.js';
import type { AppActions } from './contexts/app-state.js';
import type { Connector, Connected } from './data/connector.js';
import { rowName, type Row } from './data/rows.js';
import { currentKey, currentLocation, listAt, type AppAction, type AppState } from './state/app-reducer.js';
import { unfinishedOf } from './state/draft-keys.js';
import { errorInfo, type ConfirmPurpose } from './state/dialogs.js';
import { selectedRow } from './state/list.js';
import { childOf, locationKey, type Location } from './state/navigation.js';
import { AWS_ID_PATTERN, parsePalette } from './state/palette.js';
import { whileBusy } from './state/busy.js';
import { stagedIn } from './state/staged-where.js';
import { checkDatasetName, checkIdentityId } from '../sync/limits.js';

export interface ActionDeps {
  getState(): AppState;
  dispatch(action: AppAction): void;
  connector: Connector;
  toast(text: string): void;
  /** Effects of confirmations owned by other features (commit, discard all). */
  onConfirm?(purpose: ConfirmPurpose, payload?: string): void;
  /** Lists a records screen: the records editor keeps the sync engine's model (editor-actions.ts). */
  loadRecords?(location: Extract<Location, { screen: 'records' }>, more: boolean): Promise<void>;
  /** A connection already being opened (the deep link's preload): used instead of connecting again. */
  connecting?: { name: string; connected: Promise<Connected> };
}

export interface BrowseActions extends AppActions {
  /** Lists `location` (a next page with `more`). Errors go to the error panel. */
  load(location: Location, more?: boolean): Promise<void>;
  /** Connects to `name` and shows `location` (default: its pools). */
  connect(name: string, location?: Location): Promise<boolean>;
  /** A saved connection changed: the next connect builds it afresh. */
  forgetConnection(name: string): void;
  /**
   * Names the pool of `location` in the breadcrumb when only its id is known (a deep link, a resumed place): one
   * DescribeIdentityPool per pool and connection. A refusal (no permission, no such pool) leaves the id, quietly:
   * the request log has the call.
   */
  namePool(location: Location): Promise<void>;
}

/** DescribeIdentityPool for the breadcrumb gives up after this long (SDK retries included). */
const POOL_NAME_TIMEOUT_MS = 5_000;

const stagedTotal = (s: AppState) => s.staged.modified + s.staged.added + s.staged.removed;

export function createAppActions(deps: ActionDeps): BrowseActions {
  const { getState, dispatch, connector } = deps;
  const connections = new Map<string, Promise<Connected>>();
  if (deps.connecting) remember(deps.connecting.name, deps.connecting.connected);
  // `:rw` / `:ro` per connection name, for this run: switching away and back keeps them.
  const readOnlyOverrides = new Map<string, boolean>();
  const inflight = new Map<string, AbortController>();
  /**
   * Pool names by `connection|poolId`, for namePool: the name, null when the server refused to give it, or the
   * lookup in progress.
   */
  const poolNames = new Map<string, string | null | 'asking'>();

  const busy = <T>(work: () => Promise<T>): Promise<T> => whileBusy(dispatch, work);

  function connected(name: string): Promise<Connected> {
    return connections.get(name) ?? remember(name, connector.connect(name));
  }

  function remember(name: string, connecting: Promise<Connected>): Promise<Connected> {
    connections.set(name, connecting);
    connecting.catch(() => connections.delete(name)); // a later try may succeed (server started, SSO login)
    return connecting;
  }

  const showError = (error: unknown) => dispatch({ type: 'error/show', error: errorInfo(toCogsyncError(error)) });

  async function fetchRows(location: Location, more: boolean, signal: AbortSignal): Promise<{ rows: Row[]; nextToken?: string }> {
    if (location.screen === 'connections') return { rows: connector.list() };
    const { service } = await connected(location.connection);
    switch (location.screen) {
      case 'pools': {
        const { rows, usageError } = await service.listPools(signal);
        if (usageError !== undefined) showError(usageError); // pools still listed, without usage
        return { rows };
      }
      case 'identities': {
        const token = more ? listAt(getState(), locationKey(location)).nextToken : undefined;
        return service.listIdentities(location.poolId, token, signal);
      }
      case 'datasets':
        return { rows: await service.listDatasets(location.poolId, location.identityId, signal) };
      case 'records':
        return { rows: await service.listRecords(location.poolId, location.identityId, location.dataset, signal) };
    }
  }

  async function load(location: Location, more = false): Promise<void> {
    if (location.screen === 'records' && deps.loadRecords) return deps.loadRecords(location, more);
    const key = locationKey(location);
    if (!more) inflight.get(key)?.abort(); // a refresh replaces the listing in progress
    const controller = new AbortController();
    if (!more) inflight.set(key, controller);
    dispatch({ type: 'list/loading', key, more });
    await busy(async () => {
      try {
        const { rows, nextToken } = await fetchRows(location, more, controller.signal);
        if (controller.signal.aborted) return;
        dispatch({ type: 'list/loaded', key, rows, nextToken, append: more });
      } catch (error) {
        if (controller.signal.aborted) return;
        dispatch({ type: 'list/failed', key, error: errorInfo(toCogsyncError(error)) });
      } finally {
        if (inflight.get(key) === controller) inflight.delete(key);
      }
    });
  }

  /** Shows `location`, listing it again when it was listed before (new lists load from the container's effect). */
  function go(location: Location, how: 'push' | 'jump') {
    dispatch(how === 'push' ? { type: 'nav/push', location } : { type: 'nav/jump', location });
    if (listAt(getState(), locationKey(location)).status !== 'idle') void load(location);
  }

  async function connect(name: string, location?: Location): Promise<boolean> {
    return busy(async () => {
      try {
        const { info } = await connected(name);
        const override = info.lockedReadOnly ? undefined : readOnlyOverrides.get(name);
        dispatch({ type: 'connection/set', connection: override === undefined ? info : { ...info, readOnly: override }, location });
        return true;
      } catch (error) {
        showError(error);
        return false;
      }
    });
  }

  function switchConnection(name: string) {
    const s = getState();
    if (stagedTotal(s) > 0) {
      const n = stagedTotal(s);
      dispatch({
        type: 'dialog/open',
        dialog: {
          kind: 'confirm', purpose: 'switchConnection', title: `Switch to ${name}?`, focus: 'cancel', payload: name,
          message: `${n} staged ${n === 1 ? 'change' : 'changes'} on ${s.connection?.name ?? 'this connection'} ${n === 1 ? 'stays' : 'stay'} as a draft.`,
          confirmLabel: 'Switch',
        },
      });
      return;
    }
    void connect(name);
  }

  /** `:ro` / `:rw` (after the typed name on a protected connection): writes refused or allowed for this run. */
  function setReadOnly(name: string, readOnly: boolean): void {
    const c = getState().connection;
    if (!c || c.name !== name) return;
    readOnlyOverrides.set(name, readOnly);
    dispatch({ type: 'connection/readOnly', readOnly });
    dispatch({
      type: 'notice/set',
      text: readOnly ? `Connection ${name} is read-only again (:rw allows writes)` : `Writes allowed on ${name} for this session (:ro to refuse them again)`,
    });
  }

  /** `:rw`: a protected connection first asks for its name typed, like a commit there asks for the dataset's. */
  function allowWrites(fail: (error: string) => string): string | undefined {
    const c = getState().connection;
    if (!c) return fail('connect first: :rw applies to the current connection');
    if (c.lockedReadOnly) return fail(`${c.name} is read-only for this run (started with --readonly)`);
    dispatch({ type: 'dialog/close' });
    if (!c.readOnly) return void dispatch({ type: 'notice/set', text: `Connection ${c.name} is already writable` });
    if (c.protected) {
      dispatch({
        type: 'dialog/open',
        dialog: { kind: 'typedConfirm', purpose: 'allowWrites', title: `Allow writes to ${c.name} (protected) for this session`, expected: c.name, input: '', payload: c.name },
      });
      return undefined;
    }
    setReadOnly(c.name, false);
    return undefined;
  }

  function poolFromArg(s: AppState, connection: string, arg: string): { id: string; name?: string } | undefined {
    const pools = listAt(s, locationKey({ screen: 'pools', connection })).rows;
    const lower = arg.toLowerCase();
    const exact = pools.find((p) => p.id === arg) ?? pools.find((p) => rowName(p).toLowerCase() === lower);
    const byPrefix = pools.filter((p) => rowName(p).toLowerCase().startsWith(lower));
    const found = exact ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
    if (found) return { id: found.id, name: rowName(found) };
    return AWS_ID_PATTERN.test(arg) ? { id: arg } : undefined;
  }

  async function runPalette(line: string): Promise<string | undefined> {
    const fail = (error: string) => {
      dispatch({ type: 'dialog/open', dialog: { kind: 'palette', input: line, error } });
      return error;
    };
    const parsed = parsePalette(line);
    if (!parsed.ok) return fail(parsed.error);
    const { command } = parsed;
    const s = getState();
    const here = currentLocation(s);
    if (command.kind === 'quit') return void actions.quit();
    if (command.kind === 'help') return void dispatch({ type: 'dialog/open', dialog: { kind: 'help' } });
    if (command.kind === 'messages') return void dispatch({ type: 'dialog/open', dialog: { kind: 'messages' } });
    if (command.kind === 'rw') return allowWrites(fail);
    if (command.kind === 'ro') {
      const c = s.connection;
      if (!c) return fail('connect first: :ro applies to the current connection');
      dispatch({ type: 'dialog/close' });
      if (c.readOnly) return void dispatch({ type: 'notice/set', text: `Connection ${c.name} is already read-only` });
      return void setReadOnly(c.name, true);
    }
    if (command.kind === 'conn') {
      dispatch({ type: 'dialog/close' });
      return void go({ screen: 'connections' }, 'jump');
    }
    if (here.screen === 'connections') return fail('pick a connection first (Enter)');
    const { connection } = here;
    const poolsKey = locationKey({ screen: 'pools', connection });
    if (listAt(s, poolsKey).status === 'idle') await load({ screen: 'pools', connection });
    const hasPool = here.screen !== 'pools';
    let kind = command.kind;
    if (kind === 'id') {
      const pools = listAt(getState(), poolsKey);
      const isKnownPool = pools.rows.some((r) => r.id === command.arg);
      // Every pool is listed and none has this id: an identity's id, which says nothing of its pool.
      if (!isKnownPool && !hasPool && pools.status === 'loaded' && pools.nextToken === undefined) {
        return fail('not a pool: open its pool first, then paste it');
      }
      kind = isKnownPool || !hasPool ? 'pool' : 'identity';
    }
    let target: Location;
    if (kind === 'pool') {
      // Pool names need not be unique: never guess between pools of the same name.
      const named = listAt(getState(), poolsKey).rows.filter((p) => p.id !== command.arg && rowName(p).toLowerCase() === command.arg.toLowerCase());
      if (named.length > 1 && !listAt(getState(), poolsKey).rows.some((p) => p.id === command.arg)) {
        return fail(`${named.length} pools are named '${command.arg}': :pool ID opens one (ids in the list)`);
      }
      const pool = poolFromArg(getState(), connection, command.arg);
      if (!pool) return fail(`no pool named '${command.arg}' on ${connection}`);
      target = { screen: 'identities', connection, poolId: pool.id, poolName: pool.name };
    } else if (kind === 'identity') {
      if (here.screen === 'pools') return fail('open a pool first (or :pool <id>)');
      // A malformed id is refused here, not after the jump by the server on a screen of its own.
      const invalid = checkIdentityId(command.arg)[0];
      if (invalid) return fail(invalid.message);
      target = { screen: 'datasets', connection, poolId: here.poolId, poolName: here.poolName, identityId: command.arg };
    } else {
      if (here.screen === 'pools' || here.screen === 'identities') return fail('open an identity first (or :identity <id>)');
      const invalid = checkDatasetName(command.arg)[0];
      if (invalid) return fail(invalid.message);
      target = { screen: 'records', connection, poolId: here.poolId, poolName: here.poolName, identityId: here.identityId, dataset: command.arg };
    }
    dispatch({ type: 'dialog/close' });
    go(target, 'jump');
    return undefined;
  }

  const actions: BrowseActions = {
    getState,
    dispatch,
    load,
    connect,
    forgetConnection(name) {
      connections.delete(name);
      for (const key of poolNames.keys()) if (key.startsWith(`${name}|`)) poolNames.delete(key);
    },
    async namePool(location) {
      if (location.screen === 'connections' || location.screen === 'pools' || location.poolName) return;
      const { connection, poolId } = location;
      const key = `${connection}|${poolId}`;
      const known = poolNames.get(key);
      const named = (name: string) => dispatch({ type: 'nav/poolName', connection, poolId, name });
      if (known === undefined) {
        // Not counted in `busy`: a name is cosmetic, and watch mode pauses while the editor is busy.
        poolNames.set(key, 'asking');
        const deadline = AbortSignal.timeout(POOL_NAME_TIMEOUT_MS);
        try {
          const { service } = await connected(connection);
          const name = (await service.poolName(poolId, deadline)) ?? null;
          poolNames.set(key, name);
          if (name) named(name);
        } catch (error) {
          // A refusal (no permission, no such pool) is final for this run; a timeout or a network error is tried
          // again the next time a place on this pool is shown.
          if (deadline.aborted || toCogsyncError(error).retryable) poolNames.delete(key);
          else poolNames.set(key, null);
        }
      } else if (known !== null && known !== 'asking') {
        named(known); // looked up before, e.g. for a place left before the answer came
      }
    },
    open() {
      const s = getState();
      const here = currentLocation(s);
      const row = selectedRow(listAt(s, currentKey(s)));
      if (!row) return;
      if (here.screen === 'connections') return switchConnection(row.id);
      const child = childOf(here, { id: row.id, name: rowName(row) });
      if (child) go(child, 'push');
    },
    back: () => dispatch({ type: 'filter/escape', key: currentKey(getState()) }),
    refresh: () => void load(currentLocation(getState())),
    move: (move) => dispatch({ type: 'list/move', key: currentKey(getState()), move }),
    startFilter: () => dispatch({ type: 'filter/start', key: currentKey(getState()) }),
    editFilter: (input, inkKey) => dispatch({ type: 'filter/edit', key: currentKey(getState()), input, inkKey }),
    commitFilter: () => dispatch({ type: 'filter/commit', key: currentKey(getState()) }),
    openDialog: (dialog) => dispatch({ type: 'dialog/open', dialog }),
    openPalette: () => {
      dispatch({ type: 'dialog/open', dialog: { kind: 'palette', input: '' } });
      // Tab completes from the lists above the current place; a deep link never listed them.
      for (const parent of parentLists(currentLocation(getState()))) {
        if (listAt(getState(), locationKey(parent)).status === 'idle') void load(parent);
      }
    },
    closeDialog: () => dispatch({ type: 'dialog/close' }),
    runPalette,
    answerConfirm(confirmed) {
      const dialog = getState().dialog;
      dispatch({ type: 'dialog/close' });
      if (!confirmed || dialog?.kind !== 'confirm') return;
      if (dialog.purpose === 'switchConnection' && dialog.payload) void connect(dialog.payload);
      else if (dialog.purpose === 'quitDiscard') dispatch({ type: 'app/quit' });
      else deps.onConfirm?.(dialog.purpose, dialog.payload);
    },
    confirmTyped(dialog) {
      dispatch({ type: 'dialog/close' });
      if (dialog.purpose === 'allowWrites' && dialog.payload) return setReadOnly(dialog.payload, false);
      deps.onConfirm?.(dialog.purpose, dialog.payload);
    },
    showError,
    notice: (text) => dispatch({ type: 'notice/set', text }),
    toast: deps.toast,
    switchConnection,
    quit() {
      const s = getState();
      // Text typed into an open edit and not staged yet counts too: Ctrl+C must not drop it without asking.
      const unfinished = Object.values(s.records).filter((r) => unfinishedOf(r) !== undefined).length;
      if (stagedTotal(s) > 0 || unfinished > 0) {
        dispatch({ type: 'dialog/open', dialog: { kind: 'quit', staged: stagedTotal(s), ...(unfinished > 0 ? { unfinished } : {}), where: stagedIn(s.records), focus: 'cancel' } });
        return;
      }
      dispatch({ type: 'app/quit' });
    },
  };
  return actions;
}

/** The lists the palette completes from (pools, identities, datasets) above a place. */
function parentLists(here: Location): Location[] {
  if (here.screen === 'connections' || here.screen === 'pools') return [];
  const pools: Location = { screen: 'pools', connection: here.connection };
  if (here.screen === 'identities') return [pools];
  const identities: Location = { screen: 'identities', connection: here.connection, poolId: here.poolId };
  if (here.screen === 'datasets') return [pools, identities];
  return [pools, identities, { screen: 'datasets', connection: here.connection, poolId: here.poolId, identityId: here.identityId }];
}
