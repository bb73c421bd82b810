// SQLite checkpoints the WAL inside the commit that takes it past wal_autocheckpoint (1,000
// pages, 32 MB with our 32 KiB pages), and that checkpoint first syncs the WAL to disk: ~15 ms
// for 32 MB on the bench machine, while every request waits behind it (every ~30 UpdateRecords
// of 1 MB). Syncing the WAL as it grows, from libuv's thread pool, leaves the checkpoint little
// to flush: ~1 ms measured. Durability is unchanged: SQLite still syncs the WAL before it copies
// pages into the database; this only does most of that work earlier, off the event loop.
//
// The WAL gets a file descriptor of its own. That is safe only because SQLite never takes POSIX
// locks on the WAL (they live on the database file and -shm, checked with strace): closing a
// descriptor drops every lock the process holds on that file. The WAL is deleted only by the
// last connection to close, so not while our store is open; a sync still running when it
// closes works on the deleted file, harmlessly, and the descriptor is let go when it ends.
import { close, fdatasync, openSync } from 'node:fs';

/**
 * WAL bytes written between two syncs. Small enough that a checkpoint finds at most a few MB to
 * sync; large enough that small writes (an editor's one-record sync) do not each cost a sync.
 */
export const WAL_SYNC_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * Pages a commit writes besides its records: the rows a write touches (the dataset's, the
 * identity's, the pool's, a b-tree leaf) each put a whole page into the WAL. A one-record
 * UpdateRecords was measured writing ~5 (169 KB) for 139 bytes of record.
 */
export const PAGES_PER_COMMIT = 5;

export class WalFlusher {
  private fd: number | undefined;
  private unsyncedBytes = 0;
  /** The work running in the background, if any: a sync, or (after close) letting go of the descriptor. */
  private pending: Promise<void> | undefined;
  private closed = false;
  /** Syncs started so far. */
  syncs = 0;

  constructor(
    private readonly walPath: string,
    private readonly pageBytes: number,
    private readonly everyBytes = WAL_SYNC_EVERY_BYTES,
  ) {}

  /** WAL bytes written (as estimated) since the last sync started. */
  get pendingBytes(): number {
    return this.unsyncedBytes;
  }

  /** After a transaction that changed the database committed, having stored `recordBytes` of records. */
  committed(recordBytes: number): void {
    this.unsyncedBytes += recordBytes + PAGES_PER_COMMIT * this.pageBytes;
    if (this.unsyncedBytes < this.everyBytes || this.pending || this.closed) return;
    this.unsyncedBytes = 0;
    if (this.fd === undefined) {
      try {
        this.fd = openSync(this.walPath, 'r');
      } catch {
        return; // no WAL (yet): SQLite's own checkpoint syncs whatever there is; try again after as much more
      }
    }
    this.syncs++;
    const fd = this.fd;
    this.pending = new Promise((resolve) =>
      // A failed sync fails no request: SQLite syncs again before it checkpoints, and reports its own failure.
      fdatasync(fd, () => (this.closed ? this.release(resolve) : this.settle(resolve))),
    );
  }

  /** Whether a sync, or letting go of the descriptor, still runs in the background. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Resolves once nothing runs in the background: no sync, and after close() no open descriptor. */
  async idle(): Promise<void> {
    while (this.pending) await this.pending;
  }

  /** Once the database is closed; a sync still running lets go of the descriptor when it ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.pending && this.fd !== undefined) this.pending = new Promise((resolve) => this.release(resolve));
  }

  /** Closes the descriptor (there is one: see the callers), then settles. */
  private release(resolve: () => void): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) this.settle(resolve);
    else close(fd, () => this.settle(resolve));
  }

  private settle(resolve: () => void): void {
    this.pending = undefined;
    resolve();
  }
}
