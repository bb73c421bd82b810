/**
 * Where the staged changes are. The header counts every dataset's, but c / u / x act on the open dataset's only, so
 * the header names the datasets when the count is not (only) this one's, and "nothing is staged" says where the
 * staged changes are instead (QA read "Nothing is staged" under "2 staged" as edits lost).
 */
import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth, truncateToWidth } from '../../util/truncate.js';
import { draftAddressOfKey } from './draft-keys.js';
import type { RecordsState } from './records.js';

type AllRecords = Readonly<Record<string, RecordsState>>;

/** A dataset name gets no more than this in a line about several of them. */
const NAME_COLUMNS = 32;
/** Names listed before the rest are counted instead (`in 3 datasets`). */
const MAX_NAMED = 2;

const nameOf = (key: string) => draftAddressOfKey(key)?.datasetName ?? key;

/**
 * How a dataset is called among `others` (the open one and those with staged changes): its name, and when another of
 * them has the same name (every identity may have a `settings`), the end of its identity id, as the breadcrumb shows
 * it (`settings (…5556)`), or its connection when even that is the same.
 */
function label(key: string, others: readonly string[]): string {
  const name = nameOf(key);
  const clashes = others.filter((k) => k !== key && nameOf(k) === name);
  let text = truncateToWidth(sanitizeLine(name), NAME_COLUMNS);
  if (clashes.length > 0) {
    const here = draftAddressOfKey(key);
    const sameIdentity = clashes.some((k) => draftAddressOfKey(k)?.identityId === here?.identityId);
    text += ` (${sameIdentity ? truncateToWidth(sanitizeLine(here?.connection ?? ''), 16) : `…${sanitizeLine(here?.identityId.slice(-4) ?? '')}`})`;
  }
  return text;
}

function withStaged(records: AllRecords): string[] {
  return Object.entries(records)
    .filter(([, r]) => r.dataset.staged.size > 0)
    .map(([key]) => key);
}

/** `in profile`, `in profile and game-state`, `in 3 datasets`. */
function placesText(keys: readonly string[], context: readonly string[]): string {
  if (keys.length > MAX_NAMED) return `in ${keys.length} datasets`;
  return `in ${keys.map((k) => label(k, context)).join(' and ')}`;
}

/**
 * What c / u / Ctrl+R say off the records screen: where the staged changes the header counts
 * are (they are reviewed, undone and redone in their dataset), or that nothing is staged.
 */
export function stagedElsewhere(records: AllRecords, hereKey?: string): string {
  const where = withStaged(records);
  if (where.length === 0) return 'Nothing is staged: open a dataset to edit its records';
  const n = where.reduce((sum, key) => sum + records[key].dataset.staged.size, 0);
  const context = hereKey === undefined ? where : [...where, hereKey];
  return `${n} staged ${n === 1 ? 'change' : 'changes'} ${placesText(where, context)}: open ${where.length === 1 ? 'it' : 'one'} to review, undo or redo`;
}

/** What c and x say on a dataset (`hereKey`) with nothing staged: that, and where staged changes are when other datasets have some. */
export function nothingStagedHere(records: AllRecords, hereKey?: string): string {
  return withStaged(records).length === 0 ? 'Nothing is staged' : `Nothing is staged here; ${stagedElsewhere(records, hereKey)}`;
}

/**
 * ` in profile`, ` in profile and game-state`, ` in 3 datasets`; '' when nothing is staged. For the quit question's
 * one line: two names longer than `maxColumns` together are counted instead, so the question keeps its end.
 */
export function stagedIn(records: AllRecords, maxColumns = 44): string {
  const where = withStaged(records);
  if (where.length === 0) return '';
  const named = ` ${placesText(where, where)}`;
  return where.length > 1 && displayWidth(named) > maxColumns ? ` in ${where.length} datasets` : named;
}

/**
 * After the header's `3 staged (…)`: '' when the staged changes are all in the open dataset (`hereKey`, undefined
 * off the records screen, where any count is elsewhere), else ` in profile` or ` in 2 datasets`.
 */
export function stagedScope(records: AllRecords, hereKey: string | undefined): string {
  const where = withStaged(records);
  if (where.length === 0 || (where.length === 1 && where[0] === hereKey)) return '';
  if (where.length > 1) return ` in ${where.length} datasets`;
  return ` ${placesText(where, hereKey === undefined ? where : [...where, hereKey])}`;
}
