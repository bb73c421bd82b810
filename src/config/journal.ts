// The journal: one JSON line per committed batch (who, where, every key's value and
// SyncCount before and after, the request id), appended to cogsyncPaths().data/journal.jsonl.
// It answers "what did I change?" and lets a batch be reverted through the normal review →
// commit path. Each line is one write on an O_APPEND descriptor, so lines from two
// processes never interleave; a line torn by a crash is skipped on reading.
//
// A full journal (JOURNAL_MAX_BYTES) is renamed journal-<sequence>.jsonl before the next
// append, and only the newest JOURNAL_KEEP of those are kept: a commit of 1,024 records of
// 1 KB is a ~2 MB line, so an unbounded journal would grow by that much each time. Rotating
// is best effort: when it fails, the line is still appended to the journal as it is.
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
    try {
      this.rotateIfFull();
    } catch {
      /* best effort: the line goes to the journal as it is */
    }
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
    // A rotation by another process between listing the rotated files and reading the journal would hide the file it
    // renamed: read again while the list of rotated files changed under the read.
    let result = this.readOnce(filter);
    for (let attempt = 0; attempt < READ_ATTEMPTS && !sameFiles(result.rotated, this.rotatedFiles()); attempt++) {
      result = this.readOnce(filter);
    }
    return { entries: result.entries, skipped: result.skipped };
  }

  /** The rotated journals, oldest first. */
  rotatedFiles(): string[] {
    let names: string[];
    try {
      names = readdirSync(dirname(this.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((name) => ({ name, sequence: this.sequenceOf(name) }))
      .filter((f): f is { name: string; sequence: number } => f.sequence !== undefined)
      .sort((a, b) => a.sequence - b.sequence)
      .map((f) => join(dirname(this.path), f.name));
  }

  private readOnce(filter: JournalFilter): { entries: JournalEntry[]; skipped: number; rotated: string[] } {
    const rotated = this.rotatedFiles();
    const entries: JournalEntry[] = [];
    let skipped = 0;
    for (const file of [...rotated, this.path]) {
      const text = readIfPresent(file);
      if (text === undefined) continue; // none yet, or pruned by another process meanwhile
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const entry = parseEntry(line);
        if (!entry) skipped++;
        else if (matches(entry, filter)) entries.push(entry);
      }
    }
    return { entries, skipped, rotated };
  }

  private stem(): string {
    return basename(this.path).replace(/\.jsonl$/, '');
  }

  /** The sequence number of a rotated journal's file name (`journal-000042.jsonl` → 42). */
  private sequenceOf(name: string): number | undefined {
    const prefix = `${this.stem()}-`;
    if (!name.startsWith(prefix) || !name.endsWith('.jsonl')) return undefined;
    const digits = name.slice(prefix.length, -'.jsonl'.length);
    return /^\d{6,}$/.test(digits) ? Number(digits) : undefined;
  }

  /**
   * Renames a full journal to `<stem>-<next sequence>.jsonl` and deletes the oldest rotated files beyond `keep`. A
   * lock file (created exclusively) lets one process rotate at a time; another one that finds it appends to the
   * journal as it is. Inside the lock the size is checked again, so a journal another process has just rotated is
   * not rotated twice. Sequence numbers, not times, order the files: a clock set back cannot reorder them.
   */
  private rotateIfFull(): void {
    if (sizeOf(this.path) < this.maxBytes) return;
    const lock = `${this.path}.lock`;
    let fd: number;
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Left by a process that died while rotating: a rotation takes milliseconds.
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
      return;
    }
    try {
      if (sizeOf(this.path) < this.maxBytes) return;
      const rotated = this.rotatedFiles();
      const last = rotated.length > 0 ? this.sequenceOf(basename(rotated[rotated.length - 1]))! : 0;
      const next = join(dirname(this.path), `${this.stem()}-${String(last + 1).padStart(6, '0')}.jsonl`);
      renameSync(this.path, next);
      const kept = [...rotated, next];
      for (const old of kept.slice(0, Math.max(0, kept.length - this.keep))) unlinkIfPresent(old);
    } finally {
      closeSync(fd);
      unlinkIfPresent(lock);
    }
  }
}

/** How many times read() starts again when rotations keep happening under it. */
const READ_ATTEMPTS = 5;
/** A rotation lock older than this was left by a process that died. */
const STALE_LOCK_MS = 30_000;

const sameFiles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

/** The file's size; 0 when there is none. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

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
  if (![e.deviceId, e.requestId].every((s) => s === undefined || typeof s === 'string')) return undefined;
  // Every value the history prints is checked: a line edited by hand (a null value, a number) is unreadable, not a crash.
  const changesOk = e.changes.every(
    (c) =>
      c &&
      typeof c.key === 'string' &&
      (c.op === 'replace' || c.op === 'remove') &&
      isRecordState(c.after) &&
      (c.before === undefined || isRecordState(c.before)),
  );
  return changesOk ? (e as JournalEntry) : undefined;
}

function isRecordState(state: unknown): state is JournalRecordState {
  const s = state as Partial<JournalRecordState> | null;
  return s !== null && typeof s === 'object' && typeof s.syncCount === 'number' && (s.value === undefined || typeof s.value === 'string');
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  return (
    (filter.connection === undefined || entry.connection === filter.connection) &&
    (filter.identityPoolId === undefined || entry.identityPoolId === filter.identityPoolId) &&
    (filter.identityId === undefined || entry.identityId === filter.identityId) &&
    (filter.datasetName === undefined || entry.datasetName === filter.datasetName)
  );
}
