/**
 * Where the staged changes are. The header counts every dataset's, but c / u / x act on the open dataset's only, so
 * the header names the datasets when the count is not (only) this one's, and "nothing is staged" says where the
 * staged changes are instead (QA read "Nothing is staged" under "2 staged" as edits lost).
 */
import { sanitizeLine } from '../../util/sanitize.js';
import { draftAddressOfKey } from './draft-keys.js';
import type { RecordsState } from './records.js';

type AllRecords = Readonly<Record<string, RecordsState>>;

const datasetName = (key: string) => sanitizeLine(draftAddressOfKey(key)?.datasetName ?? key);

function withStaged(records: AllRecords): Array<[string, RecordsState]> {
  return Object.entries(records).filter(([, r]) => r.dataset.staged.size > 0);
}

/**
 * What c / u / Ctrl+R say off the records screen: where the staged changes the header counts
 * are (they are reviewed, undone and redone in their dataset), or that nothing is staged.
 */
export function stagedElsewhere(records: AllRecords): string {
  const where = withStaged(records);
  if (where.length === 0) return 'Nothing is staged: open a dataset to edit its records';
  const n = where.reduce((sum, [, r]) => sum + r.dataset.staged.size, 0);
  const names = where.map(([key]) => datasetName(key)).join(', ');
  return `${n} staged ${n === 1 ? 'change' : 'changes'} in ${names}: open ${where.length === 1 ? 'it' : 'one'} to review, undo or redo`;
}

/** What c and x say on a dataset with nothing staged: that, and where staged changes are when other datasets have some. */
export function nothingStagedHere(records: AllRecords): string {
  return withStaged(records).length === 0 ? 'Nothing is staged' : `Nothing is staged here; ${stagedElsewhere(records)}`;
}

/** ` in profile`, ` in profile and game-state`, ` in 3 datasets`; '' when nothing is staged (the quit question). */
export function stagedIn(records: AllRecords): string {
  const names = withStaged(records).map(([key]) => datasetName(key));
  if (names.length === 0) return '';
  return names.length <= 2 ? ` in ${names.join(' and ')}` : ` in ${names.length} datasets`;
}

/**
 * After the header's `3 staged (…)`: '' when the staged changes are all in the open dataset (`hereKey`, undefined
 * off the records screen, where any count is elsewhere), else ` in profile` or ` in 2 datasets`.
 */
export function stagedScope(records: AllRecords, hereKey: string | undefined): string {
  const where = withStaged(records);
  if (where.length === 0 || (where.length === 1 && where[0][0] === hereKey)) return '';
  return where.length === 1 ? ` in ${datasetName(where[0][0])}` : ` in ${where.length} datasets`;
}
