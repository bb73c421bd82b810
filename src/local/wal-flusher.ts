// SQLite checkpoints the WAL inside the commit that takes it past wal_autocheckpoint (1,000
// pages, 32 MB with our 32 KiB pages), and that checkpoint first syncs the WAL to disk: ~15 ms
// for 32 MB on the bench machine, while every request waits behind it (every ~30 UpdateRecords
// of 1 MB). Syncing the WAL as it grows, from libuv's thread pool, leaves the checkpoint little
// to flush: ~1 ms measured. Durability is unchanged: SQLite still syncs the WAL before it copies
// pages into the database; this only does most of that work earlier, off the event loop.
//
// The WAL gets a file descriptor of its own. That is safe only because SQLite never takes POSIX
// locks on the WAL (they live on the database file and -shm): closing a descriptor drops every
// lock the process holds on that file.
import { close, fdatasync, openSync } from 'node:fs';

/**
 * Records stored between two syncs. Small enough that a checkpoint finds at most a few MB to
 * sync; large enough that small writes (an editor's one-record sync) do not each cost a sync.
 */
export const WAL_SYNC_EVERY_BYTES = 4 * 1024 * 1024;

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
    private readonly everyBytes = WAL_SYNC_EVERY_BYTES,
  ) {}

  /** After a transaction that stored `bytes` of records committed. */
  committed(bytes: number): void {
    this.unsyncedBytes += bytes;
    if (this.unsyncedBytes < this.everyBytes || this.pending || this.closed) return;
    if (this.fd === undefined) {
      try {
        this.fd = openSync(this.walPath, 'r');
      } catch {
        return; // no WAL (yet): SQLite's own checkpoint syncs whatever there is
      }
    }
    this.unsyncedBytes = 0;
    this.syncs++;
    const fd = this.fd;
    this.pending = new Promise((resolve) =>
      // A failed sync fails no request: SQLite syncs again before it checkpoints.
      fdatasync(fd, () => (this.closed ? this.release(resolve) : this.settle(resolve))),
    );
  }

  /** Resolves once nothing runs in the background: no sync, and after close() no open descriptor. */
  async idle(): Promise<void> {
    while (this.pending) await this.pending;
  }

  /** Once the database is closed; a sync still running lets go of the descriptor when it ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.pending) this.pending = new Promise((resolve) => this.release(resolve));
  }

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
