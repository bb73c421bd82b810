// Decoded record sets by dataset id, least recently used first out once they pass a byte
// budget, so a large database does not end up in memory. Holds committed state only: the
// store (record-sets.ts) decides what goes in and when.
import type { RecordSet } from './record-set.js';

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export class RecordCache {
  /** Map order is use order: the first entry is the least recently used. */
  private readonly sets = new Map<number, RecordSet>();
  private used = 0;

  constructor(readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** Bytes held (RecordSet.memoryBytes of every entry). */
  get bytes(): number {
    return this.used;
  }

  has(datasetId: number): boolean {
    return this.sets.has(datasetId);
  }

  get(datasetId: number): RecordSet | undefined {
    const set = this.sets.get(datasetId);
    if (set) {
      this.sets.delete(datasetId);
      this.sets.set(datasetId, set);
    }
    return set;
  }

  set(datasetId: number, set: RecordSet): void {
    this.delete(datasetId);
    // A set bigger than the whole budget would only push everything else out.
    if (set.memoryBytes > this.maxBytes) return;
    this.sets.set(datasetId, set);
    this.used += set.memoryBytes;
    for (const [oldest, old] of this.sets) {
      if (this.used <= this.maxBytes) break;
      this.sets.delete(oldest);
      this.used -= old.memoryBytes;
    }
  }

  delete(datasetId: number): void {
    const set = this.sets.get(datasetId);
    if (!set) return;
    this.sets.delete(datasetId);
    this.used -= set.memoryBytes;
  }

  clear(): void {
    this.sets.clear();
    this.used = 0;
  }
}
