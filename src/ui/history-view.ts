/**
 * The text of the history dialog's rows (`H`), apart from React: one commit on one line, what
 * the `/` filter matches for it, and one line per change of the selected commit.
 */
import type { JournalChange, JournalEntry, JournalRecordState } from '../config/journal.js';
import { formatTime } from '../util/format.js';
import { sanitizePreview } from '../util/sanitize.js';
import { displayWidth, truncateToWidth } from '../util/truncate.js';
import { aroundChange } from './state/review.js';

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

/**
 * A value as the history shows it, in at most `width` columns: `(new)` (no record before),
 * `(removed)` (a tombstone), or the value in quotes, escaped once by the sanitizer exactly as
 * the records table, the review and `cogsync history --output table` show it (no JSON quoting
 * on top: a `"` or `\` in the value is shown as it is), and cut with `…` before the closing
 * quote when it does not fit.
 */
export function historyValue(state: JournalRecordState | undefined, width: number): string {
  if (state === undefined) return truncateToWidth('(new)', width);
  if (state.value === undefined) return truncateToWidth('(removed)', width);
  const room = width - 2; // the quotes
  if (room <= 0) return state.value === '' && width === 2 ? '""' : truncateToWidth('…', width);
  return `"${truncateToWidth(sanitizePreview(state.value, room), room)}"`;
}

/**
 * Columns for parts wanting `natural` columns within `total`: all of them when they fit,
 * else the narrowest are given what they want while it is no more than an even share of
 * what is left, and the rest share it evenly (the widest taking the remainder).
 */
export function shareColumns(natural: readonly number[], total: number): number[] {
  const widths = natural.map(() => 0);
  let left = Math.max(0, total);
  const order = natural.map((_, i) => i).sort((a, b) => natural[a] - natural[b]);
  order.forEach((index, n) => {
    const share = n === order.length - 1 ? left : Math.floor(left / (order.length - n));
    widths[index] = Math.max(0, Math.min(natural[index], share));
    left -= widths[index];
  });
  return widths;
}

/**
 * One change of a commit on one line of at most `width` columns, with the marker letters of
 * the records table: `M key: "old" → "new"`, `+ key: (new) → "v"`, `- key: "v" → (removed)`.
 * The key and both values share the width: what fits is shown whole, a part that does not is
 * cut with `…` (a value keeps its closing quote).
 */
export function changeLine(change: JournalChange, width: number): string {
  const marker = change.op === 'remove' ? '-' : change.before?.value === undefined ? '+' : 'M';
  const [lead, colon, arrow] = [`${marker} `, ': ', ' → '];
  const free = Math.max(0, width - displayWidth(lead + colon + arrow));
  // Natural widths, measured on a preview of each text: a 1 MB value is never escaped whole.
  const key = sanitizePreview(change.key, free);
  // A modified value from just before where old and new differ, as the review shows it: two long values sharing
  // their start looked the same once cut.
  const [before, after] = aroundChange(change.before?.value, change.after?.value, Math.floor(free / 2));
  const states = [change.before && { ...change.before, value: before }, change.after && { ...change.after, value: after }];
  const natural = [displayWidth(key), ...states.map((s) => displayWidth(historyValue(s, free + 2)))];
  const [keyWidth, beforeWidth, afterWidth] = shareColumns(natural, free);
  const line = `${lead}${truncateToWidth(key, keyWidth)}${colon}${historyValue(states[0], beforeWidth)}${arrow}${historyValue(states[1], afterWidth)}`;
  return truncateToWidth(line, width);
}
