/**
 * The text of the history dialog's rows (`H`), apart from React: one commit on one line, and
 * what the `/` filter matches for it.
 */
import type { JournalEntry } from '../config/journal.js';
import { formatTime } from '../util/format.js';

/** A journal time (ISO) as preferences.dateFormat says, to the second. */
export function entryTime(iso: string, isoTimes = false): string {
  return formatTime(iso, { format: isoTimes ? 'iso' : 'local', style: 'seconds' });
}

/** One commit on one line: time, how many changes, sync count, request id. */
export function entrySummary(entry: JournalEntry, isoTimes = false): string {
  const n = entry.changes.length;
  const req = entry.requestId ? ` · req ${entry.requestId.slice(0, 8)}…` : '';
  return `${entryTime(entry.time, isoTimes)}  ${n} ${n === 1 ? 'change' : 'changes'}  sync ${entry.syncCountBefore} -> ${entry.syncCountAfter}${req}`;
}

/**
 * What `/` matches for one commit: its line, the connection and device shown under the list,
 * and the keys it changed (shown when it is selected), so `/theme` finds the commits of `theme`.
 */
export function historyFilterText(entry: JournalEntry, isoTimes = false): string {
  return [entrySummary(entry, isoTimes), entry.connection, entry.deviceId ?? '', ...entry.changes.map((c) => c.key)].join(' ');
}
