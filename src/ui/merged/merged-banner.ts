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
  if (merged.length > 1) {
    return `m ${merged.length} datasets were merged in from other identities: Enter opens · C compares with the main dataset · d deletes`;
  }
  const { main, sourceIdentityId } = parseMergedName(merged[0].id)!;
  return `m ${main}.…${sourceIdentityId.slice(-4)} merged in from another identity · Enter opens · C compares with ${main} · d deletes`;
}
