/**
 * The sync timeline of one dataset (`t`): its SyncCounts over time as this session and the
 * journal saw them, and at each count which device (LastModifiedBy) changed which keys.
 * Built from four sources, none of which knows everything:
 *   - the records as listed now (each key's latest count and device),
 *   - what watch mode's polls saw (changes later overwritten included),
 *   - the journal (every batch this editor committed, with its keys and request id),
 *   - the request log (when each count was first seen or written, by which call).
 * Pure: the caller gathers the inputs.
 */
import type { RequestLogEntry } from '../../aws/request-log.js';
import type { JournalEntry } from '../../config/journal.js';
import type { SyncRecord } from '../../sync/index.js';
import { toMillis } from '../../sync/records.js';
import type { DatasetWatch } from '../watch/watch-state.js';
import { formatTime, type DateFormat } from '../../util/format.js';

export type TimelineSource = 'listing' | 'watch' | 'journal' | 'requests';

export interface TimelineKey {
  readonly key: string;
  readonly removed: boolean;
}

export interface TimelinePoint {
  readonly syncCount: number;
  /** Epoch ms: the write's date when known, else when this session first saw the count. */
  readonly at?: number;
  /** LastModifiedBy of the changes at this count (usually one device). */
  readonly devices: readonly string[];
  readonly keys: readonly TimelineKey[];
  readonly sources: readonly TimelineSource[];
  /** `committed by this editor · req 3f2a9c1e…`, `first seen 12:01:02 (ListRecords)`. */
  readonly notes: readonly string[];
}

export interface Timeline {
  readonly dataset: string;
  /** Newest first. */
  readonly points: readonly TimelinePoint[];
  /** The dataset's count as the editor knows it now. */
  readonly currentCount: number;
  /** How its times are written (see timelineTimes); absent: the clock only. */
  readonly times?: TimelineTimes;
}

/**
 * The timeline's time style: the clock (`12:03:01`) while every time is today, else the date
 * too (`2025-01-02 12:03:01`, as the rest of the editor writes times); ISO 8601 in UTC when
 * preferences.dateFormat is `iso`.
 */
export interface TimelineTimes {
  readonly format: DateFormat;
  readonly withDate: boolean;
}

export interface TimelineAddress {
  readonly connection: string;
  readonly identityPoolId: string;
  readonly identityId: string;
  readonly datasetName: string;
}

export interface TimelineInput {
  readonly address: TimelineAddress;
  /** The dataset's records as listed now, tombstones included. */
  readonly records: Iterable<SyncRecord>;
  readonly currentCount: number;
  readonly watch?: DatasetWatch;
  /** Journal entries (any dataset: filtered here). */
  readonly journal?: readonly JournalEntry[];
  /** Request log entries (any call: filtered here). */
  readonly requests?: readonly RequestLogEntry[];
  /** preferences.dateFormat (default `local`). */
  readonly dateFormat?: DateFormat;
  /** Epoch ms of "today" (tests); default now. */
  readonly now?: number;
}

interface Draft {
  at?: number;
  devices: Set<string>;
  keys: Map<string, boolean>;
  sources: Set<TimelineSource>;
  /** Written once every time is known (whether they span days decides the style). */
  notes: Array<(time: (ms: number) => string) => string>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

/** The style for these times: the date is written when one of them is not today (local time). */
export function timelineTimes(times: Iterable<number>, options: { dateFormat?: DateFormat; now?: number } = {}): TimelineTimes {
  const format = options.dateFormat ?? 'local';
  const today = localDay(options.now ?? Date.now());
  let withDate = false;
  for (const ms of times) if (Number.isFinite(ms) && localDay(ms) !== today) withDate = true;
  return { format, withDate };
}

/** One time of the timeline in its style (`12:03:01`, `2025-01-02 12:03:01`, `2025-01-02T11:03:01Z`). */
export function timelineTime(times: TimelineTimes | undefined, ms: number): string {
  if (!times || (times.format === 'local' && !times.withDate)) return clock(ms);
  return formatTime(ms, { format: times.format, style: 'seconds' });
}

/** Does a logged call address this dataset? (Its parameters were redacted, never its names.) */
export function isCallOn(entry: RequestLogEntry, address: TimelineAddress): boolean {
  const p = (entry.params ?? {}) as Record<string, unknown>;
  return (
    p.DatasetName === address.datasetName &&
    p.IdentityId === address.identityId &&
    p.IdentityPoolId === address.identityPoolId &&
    (entry.connection === undefined || entry.connection === address.connection)
  );
}

export function buildTimeline(input: TimelineInput): Timeline {
  const points = new Map<number, Draft>();
  const point = (count: number): Draft => {
    let found = points.get(count);
    if (!found) {
      found = { devices: new Set(), keys: new Map(), sources: new Set(), notes: [] };
      points.set(count, found);
    }
    return found;
  };
  const earliest = (d: Draft, at: number | undefined) => {
    if (at !== undefined && Number.isFinite(at) && (d.at === undefined || at < d.at)) d.at = at;
  };

  for (const r of input.records) {
    if (r.syncCount <= 0) continue;
    const d = point(r.syncCount);
    d.keys.set(r.key, r.value === undefined);
    if (r.lastModifiedBy) d.devices.add(r.lastModifiedBy);
    d.sources.add('listing');
    earliest(d, toMillis(r.lastModifiedDate));
  }

  for (const batch of input.watch?.batches ?? []) {
    for (const c of batch.changes) {
      const d = point(c.syncCount);
      d.keys.set(c.key, c.removed);
      if (c.lastModifiedBy) d.devices.add(c.lastModifiedBy);
      d.sources.add('watch');
      earliest(d, c.seenAt);
    }
  }

  const { address } = input;
  for (const entry of input.journal ?? []) {
    if (entry.connection !== address.connection || entry.identityPoolId !== address.identityPoolId) continue;
    if (entry.identityId !== address.identityId || entry.datasetName !== address.datasetName) continue;
    const d = point(entry.syncCountAfter);
    for (const c of entry.changes) d.keys.set(c.key, c.op === 'remove');
    d.devices.add(entry.deviceId ?? `cogsync (${entry.connection})`);
    d.sources.add('journal');
    earliest(d, Date.parse(entry.time));
    const committed = `committed by cogsync${entry.requestId ? ` · req ${entry.requestId.slice(0, 8)}…` : ''}`;
    d.notes.push(() => committed);
  }

  // The request log says when this session first saw each count, and which call wrote one.
  const firstSeen = new Map<number, { at: number; operation: string }>();
  const noteTimes: number[] = [];
  const written = new Set<string>();
  for (const entry of input.requests ?? []) {
    if (entry.state !== 'ok' || !isCallOn(entry, address)) continue;
    const at = Date.parse(entry.time);
    if (entry.operation === 'UpdateRecords') {
      const count = entry.recordSyncCounts?.[entry.recordSyncCounts.length - 1];
      if (count === undefined) continue;
      const d = point(count);
      d.sources.add('requests');
      earliest(d, at);
      const req = entry.requestId ? ` · req ${entry.requestId.slice(0, 8)}…` : '';
      const once = `${count} ${at}${req}`;
      if (written.has(once)) continue;
      written.add(once);
      noteTimes.push(at);
      d.notes.push((time) => `written by UpdateRecords at ${time(at)}${req}`);
    } else if (entry.datasetSyncCount !== undefined && entry.datasetSyncCount > 0) {
      const seen = firstSeen.get(entry.datasetSyncCount);
      if (!seen || at < seen.at) firstSeen.set(entry.datasetSyncCount, { at, operation: entry.operation });
    }
  }
  for (const [count, seen] of firstSeen) {
    const d = point(count);
    d.sources.add('requests');
    noteTimes.push(seen.at);
    d.notes.push((time) => `first seen ${time(seen.at)} (${seen.operation})`);
    if (d.keys.size === 0) d.notes.push(() => 'its keys were changed again since (not seen in between)');
  }

  const sorted = [...points.entries()].sort((a, b) => b[0] - a[0]);
  const pointTimes = sorted.flatMap(([, d]) => (d.at === undefined ? [] : [d.at]));
  const times = timelineTimes([...pointTimes, ...noteTimes], { dateFormat: input.dateFormat, now: input.now });
  const time = (ms: number) => timelineTime(times, ms);
  return {
    dataset: address.datasetName,
    currentCount: input.currentCount,
    times,
    points: sorted.map(([syncCount, d]) => ({
      syncCount,
      ...(d.at === undefined ? {} : { at: d.at }),
      devices: [...d.devices].sort(),
      keys: [...d.keys.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key, removed]) => ({ key, removed })),
      sources: [...d.sources],
      notes: d.notes.map((note) => note(time)),
    })),
  };
}

/**
 * `sc 8  12:03:01  demo-device-2  theme, -lang` for one line of the list
 * (`sc 8  2025-01-02 12:03:01  …` when the timeline's times span days).
 */
export function pointSummary(p: TimelinePoint, maxKeys = 6, times?: TimelineTimes): string {
  const blank = ' '.repeat(timelineTime(times, 0).length);
  const when = p.at === undefined ? blank : timelineTime(times, p.at);
  const who = p.devices.length === 0 ? '(device unknown)' : p.devices.join(', ');
  const keys = p.keys.slice(0, maxKeys).map((k) => (k.removed ? `-${k.key}` : k.key));
  const more = p.keys.length > maxKeys ? ` +${p.keys.length - maxKeys} more` : '';
  return `sc ${p.syncCount}  ${when}  ${who}  ${keys.length === 0 ? '(keys unknown)' : keys.join(', ')}${more}`;
}

/**
 * What the `/` filter of the timeline matches for one count: its line (count, time, devices)
 * and every key of the count, not only the six the line has room for.
 */
export function pointFilterText(p: TimelinePoint, times?: TimelineTimes): string {
  return pointSummary(p, Math.max(1, p.keys.length), times);
}
