/**
 * Watch mode's glue: one PollScheduler following the records screen being shown. Each poll
 * is a ListRecords with lastSyncCount = the count last seen; what comes back is folded into
 * the dataset's base (so values show and staged keys that moved are flagged before the
 * commit), and recorded in the watch state (`R` markers, the timeline). No React here.
 */
import { toCogsyncError } from '../../aws/errors.js';
import { listSince, type RequestCounts } from '../../session/remote-dataset.js';
import { mergeRemote } from '../../sync/index.js';
import { sanitizeLine } from '../../util/sanitize.js';
import type { Connector } from '../data/connector.js';
import { addressOf, type RecordsLocation } from '../records-context.js';
import { currentLocation, type AppAction, type AppState } from '../state/app-reducer.js';
import { locationKey } from '../state/navigation.js';
import { driftedKeys } from '../state/records.js';
import { isThrottling, PollScheduler, realTimers, type PollOutcome, type TimerApi } from './scheduler.js';

export interface WatchDeps {
  getState(): AppState;
  dispatch(action: AppAction): void;
  connector: Connector;
  /** The records editor's full listing: after the dataset was deleted or re-created elsewhere. */
  loadRecords(location: RecordsLocation): Promise<void>;
  timers?: TimerApi;
  /** Backoff cap (tests shorten it). */
  maxBackoffMs?: number;
}

/** Dialogs during which the base belongs to the commit in progress: polls wait. */
const COMMIT_DIALOGS = new Set(['review', 'conflict', 'typedConfirm']);

export function createWatchController(deps: WatchDeps) {
  const { getState, dispatch, connector } = deps;
  const timers = deps.timers ?? realTimers;
  let scheduler: PollScheduler | undefined;
  let followingKey: string | undefined;
  let followingInterval = 0;

  const skipped: PollOutcome = { kind: 'skipped' };
  const ok: PollOutcome = { kind: 'ok' };

  async function poll(location: RecordsLocation): Promise<PollOutcome> {
    const key = locationKey(location);
    const s = getState();
    const records = s.records[key];
    if (!records || records.status !== 'loaded' || s.busy > 0) return skipped;
    if (s.dialog && COMMIT_DIALOGS.has(s.dialog.kind)) return skipped;
    const since = records.dataset.base.syncCount;
    const counts: RequestCounts = { listPages: 0, updates: 0 };
    let listing;
    try {
      const { clients } = await connector.connect(location.connection);
      listing = await listSince(clients.sync, addressOf(location), since, counts);
    } catch (error) {
      const e = toCogsyncError(error);
      // The dataset was deleted and re-created with fewer writes: the count we hold is gone.
      if (/^No such SyncCount/.test(e.message)) {
        dispatch({ type: 'watch', action: { type: 'forget', recordsKey: key } });
        void deps.loadRecords(location);
        return ok;
      }
      return { kind: 'error', throttled: isThrottling(e.code, e.httpStatus), message: `${e.code}: ${e.message}` };
    }
    const now = getState().records[key];
    // A refresh or a commit moved the base while we listed: our delta no longer applies.
    if (!now || now.dataset.base.syncCount !== since) return skipped;
    if (listing.deletedAfter || (!listing.exists && now.dataset.base.exists)) {
      dispatch({ type: 'notice/set', text: `${location.dataset} was deleted on the server since it was listed: listing it again` });
      dispatch({ type: 'watch', action: { type: 'forget', recordsKey: key } });
      void deps.loadRecords(location);
      return ok;
    }
    if (listing.records.length === 0 && listing.syncCount === since) return ok;
    const driftedBefore = driftedKeys(now);
    const dataset = mergeRemote(now.dataset, { records: listing.records, syncCount: listing.syncCount, exists: listing.exists, full: false });
    dispatch({ type: 'records', key, action: { type: 'adopt', dataset } });
    // Staged keys that just moved on the server: the commit will ask about them; say so now.
    const after = getState().records[key];
    const newlyDrifted = after ? [...driftedKeys(after)].filter((k) => !driftedBefore.has(k)) : [];
    if (newlyDrifted.length > 0) {
      const names = newlyDrifted.slice(0, 3).map((k) => JSON.stringify(sanitizeLine(k))).join(', ');
      dispatch({
        type: 'notice/set',
        text: `! ${newlyDrifted.length} staged ${newlyDrifted.length === 1 ? 'key' : 'keys'} changed on the server: ${names}${newlyDrifted.length > 3 ? '…' : ''} (the commit will ask)`,
      });
    }
    dispatch({
      type: 'watch',
      action: { type: 'observed', recordsKey: key, records: listing.records, datasetSyncCount: listing.syncCount, at: timers.now() },
    });
    return ok;
  }

  function stop(): void {
    scheduler?.stop();
    scheduler = undefined;
    followingKey = undefined;
  }

  /**
   * Follows the state: polls the records screen being shown while watch mode is on, stops
   * otherwise. Cheap to call after every change; it restarts only when something moved.
   */
  function sync(): void {
    const s = getState();
    const location = currentLocation(s);
    const wanted =
      s.watch.enabled && location.screen === 'records' && s.connection?.name === location.connection ? location : undefined;
    const key = wanted ? locationKey(wanted) : undefined;
    if (key === followingKey && (key === undefined || followingInterval === s.watch.intervalMs)) return;
    if (key !== undefined && key === followingKey && scheduler) {
      followingInterval = s.watch.intervalMs;
      scheduler.setInterval(followingInterval);
      return;
    }
    const wasRunning = scheduler !== undefined;
    stop();
    if (!wanted || key === undefined) {
      if (wasRunning || s.watch.status.phase !== 'stopped') {
        dispatch({ type: 'watch', action: { type: 'status', status: { phase: 'stopped', failures: 0, throttled: false } } });
      }
      return;
    }
    followingKey = key;
    followingInterval = s.watch.intervalMs;
    scheduler = new PollScheduler({
      intervalMs: followingInterval,
      maxBackoffMs: deps.maxBackoffMs,
      timers,
      poll: () => poll(wanted),
      onStatus: (status) => dispatch({ type: 'watch', action: { type: 'status', status } }),
    });
    scheduler.start();
  }

  /** `w`: watch on/off; says what it does. */
  function toggle(): void {
    dispatch({ type: 'watch', action: { type: 'toggle' } });
    const s = getState();
    const every = s.watch.intervalMs < 1000 ? `${s.watch.intervalMs} ms` : `${s.watch.intervalMs / 1000} s`;
    dispatch({
      type: 'notice/set',
      text: s.watch.enabled
        ? `Watch on: listing changes every ${every}; R marks keys changed remotely, ! staged keys the commit will ask about`
        : 'Watch off',
    });
    sync();
  }

  return { sync, toggle, stop, poll };
}

export type WatchController = ReturnType<typeof createWatchController>;
