// Small builders for sync tests.
import type { SyncRecord } from '../../src/sync/index.js';

/** A live record. */
export const live = (key: string, value: string, syncCount: number, extra: Partial<SyncRecord> = {}): SyncRecord => ({ key, value, syncCount, ...extra });
/** A tombstone. */
export const tomb = (key: string, syncCount: number, extra: Partial<SyncRecord> = {}): SyncRecord => ({ key, syncCount, ...extra });
