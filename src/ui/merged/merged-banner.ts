/**
 * The datasets screen's banner about merged datasets (SERVICE.md §5.5: they pile up, count
 * toward the 20-dataset quota, and mobile SDKs block sync until they are handled). It says
 * what can be done; it never blocks anything.
 */
import type { Row } from '../data/rows.js';
import { parseMergedName } from './merged-compare.js';

export function mergedBanner(rows: readonly Row[]): string | undefined {
  const merged = rows.filter((r) => r.kind === 'dataset' && parseMergedName(r.id));
  if (merged.length === 0) return undefined;
  const first = parseMergedName(merged[0].id)!;
  const names = merged.length === 1 ? `${merged[0].id} (from ${first.main})` : `${merged.length} merged datasets`;
  return `m ${names}: merged from another identity · Enter opens · C compares with its main dataset and stages values · d deletes (asks)`;
}
