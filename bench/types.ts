/** One measured figure in `npm run bench`'s table and bench/results.json. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The goal in words, e.g. "≤ 2x bare". */
  goal?: string;
  /** Whether the goal is met (absent when there is no goal). */
  ok?: boolean;
}
