/**
 * Watch mode as plain data in the app state: whether it is on, its interval, the poller's
 * status (shown in the watch line), and per dataset what the polls saw: which keys changed
 * remotely since the dataset was opened (the `R` marker) and the batches observed (the sync
 * timeline). Pure: the scheduler and the polls dispatch these actions.
 */
import type { SyncRecord } from '../../sync/index.js';
import { DEFAULT_WATCH_INTERVAL_MS, type SchedulerStatus } from './scheduler.js';

/** A key the watch saw change on the server. */
export interface RemoteChange {
  readonly key: string;
  readonly syncCount: number;
  readonly lastModifiedBy?: string;
  /** The change was a remove (a tombstone came back). */
  readonly removed: boolean;
  /** Epoch ms when the poll saw it. */
  readonly seenAt: number;
}

/** One poll that brought changes: the dataset count then, and the records that moved. */
export interface ObservedBatch {
  readonly seenAt: number;
  readonly datasetSyncCount: number;
  readonly changes: readonly RemoteChange[];
}

export interface DatasetWatch {
  /** Latest change per key since the dataset was opened (this session). */
  readonly changed: ReadonlyMap<string, RemoteChange>;
  /** Oldest first, at most MAX_BATCHES. */
  readonly batches: readonly ObservedBatch[];
}

export interface WatchState {
  readonly enabled: boolean;
  readonly intervalMs: number;
  readonly status: SchedulerStatus;
  /** Keyed by the records location key. */
  readonly datasets: Readonly<Record<string, DatasetWatch>>;
}

export type WatchAction =
  | { type: 'toggle' }
  | { type: 'configure'; enabled?: boolean; intervalMs?: number }
  | { type: 'status'; status: SchedulerStatus }
  /** A poll of `recordsKey` returned these records (changed since the last count seen). */
  | { type: 'observed'; recordsKey: string; records: readonly SyncRecord[]; datasetSyncCount: number; at: number }
  /** The dataset is listed again from 0 (deleted, re-created, its count gone): what was seen of it no longer holds. */
  | { type: 'forget'; recordsKey: string };

export const MAX_BATCHES = 200;
const STOPPED: SchedulerStatus = Object.freeze({ phase: 'stopped', failures: 0, throttled: false });
const NO_CHANGES: DatasetWatch = Object.freeze({ changed: new Map(), batches: [] });

export function initialWatch(options: { enabled?: boolean; intervalMs?: number } = {}): WatchState {
  return { enabled: options.enabled ?? false, intervalMs: options.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS, status: STOPPED, datasets: {} };
}

export function datasetWatch(s: WatchState, recordsKey: string): DatasetWatch {
  return s.datasets[recordsKey] ?? NO_CHANGES;
}

export function watchReducer(s: WatchState, a: WatchAction): WatchState {
  switch (a.type) {
    case 'toggle':
      return { ...s, enabled: !s.enabled };
    case 'configure': {
      const enabled = a.enabled ?? s.enabled;
      const intervalMs = a.intervalMs ?? s.intervalMs;
      return enabled === s.enabled && intervalMs === s.intervalMs ? s : { ...s, enabled, intervalMs };
    }
    case 'status':
      return a.status === s.status ? s : { ...s, status: a.status };
    case 'forget': {
      if (!(a.recordsKey in s.datasets)) return s;
      const { [a.recordsKey]: _gone, ...datasets } = s.datasets;
      return { ...s, datasets };
    }
    case 'observed': {
      if (a.records.length === 0) return s;
      const before = datasetWatch(s, a.recordsKey);
      const changes: RemoteChange[] = a.records.map((r) => ({
        key: r.key,
        syncCount: r.syncCount,
        ...(r.lastModifiedBy ? { lastModifiedBy: r.lastModifiedBy } : {}),
        removed: r.value === undefined,
        seenAt: a.at,
      }));
      const changed = new Map(before.changed);
      for (const c of changes) changed.set(c.key, c);
      const batches = [...before.batches, { seenAt: a.at, datasetSyncCount: a.datasetSyncCount, changes }].slice(-MAX_BATCHES);
      return { ...s, datasets: { ...s.datasets, [a.recordsKey]: { changed, batches } } };
    }
  }
}

/** `watch 5s · ok 12:01:03`, `watch: backing off 20s (throttled: …)`, '' when off. */
export function watchLabel(s: WatchState, now: number = Date.now()): string {
  if (!s.enabled) return '';
  const every = formatSeconds(s.intervalMs);
  const st = s.status;
  switch (st.phase) {
    case 'stopped':
      return `watch ${every} · paused (open a dataset)`;
    case 'polling':
      return `watch ${every} · polling…`;
    case 'waiting':
      return `watch ${every} · ${st.lastPollAt === undefined ? 'first poll soon' : `ok ${clock(st.lastPollAt)}`}`;
    case 'backoff': {
      const wait = st.nextPollAt === undefined ? '' : ` · retry in ${formatSeconds(Math.max(0, st.nextPollAt - now))}`;
      const why = st.throttled ? 'throttled' : 'error';
      return `watch ${every} · backing off (${why} ×${st.failures})${wait}${st.lastError ? ` · ${st.lastError}` : ''}`;
    }
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${Math.round(ms / 100) / 10}s`;
}

function clock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
