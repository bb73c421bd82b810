// The journal: one JSON line per committed batch (who, where, every key's value and
// SyncCount before and after, the request id), appended to cogsyncPaths().data/journal.jsonl.
// It answers "what did I change?" and lets a batch be reverted through the normal review →
// commit path. Each line is one write on an O_APPEND descriptor, so lines from two
// processes never interleave; a line torn by a crash is skipped on reading.
//
// A full journal (JOURNAL_MAX_BYTES) is renamed journal-<time>-<pid>.jsonl before the next
// append, and only the newest JOURNAL_KEEP of those are kept: a commit of 1,024 records of
// 1 KB is a ~2 MB line, so an unbounded journal would grow by that much each time.
import {
  closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StagedMap, SyncRecord } from '../sync/index.js';
import { cogsyncPaths } from './paths.js';

export const JOURNAL_FILE_NAME = 'journal.jsonl';
/** The journal is rotated once it reaches this size. */
export const JOURNAL_MAX_BYTES = 16 * 1024 * 1024;
/** Rotated journals kept (the newest); older ones are deleted. */
export const JOURNAL_KEEP = 4;

/** A record's content at one moment; no `value` means a tombstone. */
export interface JournalRecordState {
  syncCount: number;
  value?: string;
}

export interface JournalChange {
  key: string;
  op: 'replace' | 'remove';
  /** The server's record before the write; absent when the server never had the key. */
  before?: JournalRecordState;
  after: JournalRecordState;
}

export interface JournalEntry {
  /** ISO time of the commit. */
  time: string;
  connection: string;
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  deviceId?: string;
  /** x-amzn-RequestId of the UpdateRecords. */
  requestId?: string;
  syncCountBefore: number;
  syncCountAfter: number;
  changes: JournalChange[];
}

export interface JournalFilter {
  connection?: string;
  identityPoolId?: string;
  identityId?: string;
  datasetName?: string;
}

export interface CommitContext {
  connection: string;
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  deviceId?: string;
}

/**
 * The journal entry of a commit. `staged` is what was sent: after the commit protocol's
 * conflict analysis every sent key's base is the server's record at sending time, which is
 * exactly "before". `written` are the records UpdateRecords returned.
 */
export function journalEntryFromCommit(
  context: CommitContext,
  staged: StagedMap,
  written: readonly SyncRecord[],
  counts: { before: number; after: number },
  requestId?: string,
  time: Date = new Date(),
): JournalEntry {
  const changes: JournalChange[] = [];
  for (const record of written) {
    const entry = staged.get(record.key);
    const op = entry?.op.kind ?? (record.value === undefined ? 'remove' : 'replace');
    changes.push({
      key: record.key,
      op,
      ...(entry?.base ? { before: recordState(entry.base) } : {}),
      after: recordState(record),
    });
  }
  return {
    time: time.toISOString(),
    connection: context.connection,
    identityPoolId: context.identityPoolId,
    identityId: context.identityId,
    datasetName: context.datasetName,
    ...(context.deviceId ? { deviceId: context.deviceId } : {}),
    ...(requestId ? { requestId } : {}),
    syncCountBefore: counts.before,
    syncCountAfter: counts.after,
    changes,
  };
}

function recordState(record: Pick<SyncRecord, 'syncCount' | 'value'>): JournalRecordState {
  return record.value === undefined ? { syncCount: record.syncCount } : { syncCount: record.syncCount, value: record.value };
}

export interface JournalOptions {
  env?: NodeJS.ProcessEnv;
  /** The journal file (default: journal.jsonl in the data folder). */
  path?: string;
  /** Size at which it is rotated (default JOURNAL_MAX_BYTES). */
  maxBytes?: number;
  /** Rotated files kept (default JOURNAL_KEEP). */
  keep?: number;
}

export class Journal {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(options: JournalOptions = {}) {
    this.path = options.path ?? join(cogsyncPaths(options.env ?? process.env).data, JOURNAL_FILE_NAME);
    this.maxBytes = options.maxBytes ?? JOURNAL_MAX_BYTES;
    this.keep = options.keep ?? JOURNAL_KEEP;
  }

  /** Appends one line with a single write (O_APPEND) and fsyncs it; rotates a full journal first. */
  append(entry: JournalEntry): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.rotateIfFull();
    // a+: O_APPEND (every write lands at the end, whole) and readable for the torn-line check.
    const fd = openSync(this.path, 'a+', 0o600);
    try {
      // After a torn last line (a crash mid-write), start on a fresh line so this one stays whole.
      const line = `${endsWithNewline(fd) ? '' : '\n'}${JSON.stringify(entry)}\n`;
      const bytes = Buffer.from(line, 'utf8');
      let offset = 0;
      // One write on a local file is all of it; the loop is only for a short write (disk full).
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Entries in the order they were committed, from the rotated files (oldest first) and then the journal; lines that
   * do not parse (a torn last line) are skipped and counted.
   */
  read(filter: JournalFilter = {}): { entries: JournalEntry[]; skipped: number } {
    const entries: JournalEntry[] = [];
    let skipped = 0;
    for (const file of [...this.rotatedFiles(), this.path]) {
      const text = readIfPresent(file);
      if (text === undefined) continue; // none yet, or pruned by another process meanwhile
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const entry = parseEntry(line);
        if (!entry) skipped++;
        else if (matches(entry, filter)) entries.push(entry);
      }
    }
    return { entries, skipped };
  }

  /** The rotated journals, oldest first (their names sort by time). */
  rotatedFiles(): string[] {
    let names: string[];
    try {
      names = readdirSync(dirname(this.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const prefix = `${this.stem()}-`;
    return names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.jsonl') && ROTATED_STAMP.test(n.slice(prefix.length, -'.jsonl'.length)))
      .sort()
      .map((n) => join(dirname(this.path), n));
  }

  private stem(): string {
    return basename(this.path).replace(/\.jsonl$/, '');
  }

  /**
   * Renames a full journal to `<stem>-<time>-<pid>.jsonl` and deletes the oldest rotated files beyond `keep`. The name
   * is unique to this process, so two processes rotating at once never overwrite each other's file: the second finds
   * the journal gone, or renames the few lines the first has just started; no line is lost either way.
   */
  private rotateIfFull(): void {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (size < this.maxBytes) return;
    const stamp = new Date().toISOString().replace(/:/g, '-');
    try {
      renameSync(this.path, join(dirname(this.path), `${this.stem()}-${stamp}-${process.pid}.jsonl`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const rotated = this.rotatedFiles();
    for (const old of rotated.slice(0, Math.max(0, rotated.length - this.keep))) {
      try {
        unlinkSync(old);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

/** `2026-11-26T11-05-45.123Z-4242`: the time a journal was rotated, then the rotating process. */
const ROTATED_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-\d+$/;

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

function parseEntry(line: string): JournalEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  const e = data as Partial<JournalEntry> | null;
  if (e === null || typeof e !== 'object' || !Array.isArray(e.changes)) return undefined;
  const strings = [e.time, e.connection, e.identityPoolId, e.identityId, e.datasetName];
  if (strings.some((s) => typeof s !== 'string')) return undefined;
  if (typeof e.syncCountBefore !== 'number' || typeof e.syncCountAfter !== 'number') return undefined;
  const changesOk = e.changes.every(
    (c) => c && typeof c.key === 'string' && (c.op === 'replace' || c.op === 'remove') && typeof c.after?.syncCount === 'number',
  );
  return changesOk ? (e as JournalEntry) : undefined;
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  return (
    (filter.connection === undefined || entry.connection === filter.connection) &&
    (filter.identityPoolId === undefined || entry.identityPoolId === filter.identityPoolId) &&
    (filter.identityId === undefined || entry.identityId === filter.identityId) &&
    (filter.datasetName === undefined || entry.datasetName === filter.datasetName)
  );
}
