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
  /** The sync running, if one is. */
  private syncing: Promise<void> | undefined;
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
    if (this.unsyncedBytes < this.everyBytes || this.syncing || this.closed) return;
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
    this.syncing = new Promise((resolve) =>
      fdatasync(fd, () => {
        // A failed sync fails no request: SQLite syncs again before it checkpoints.
        this.syncing = undefined;
        if (this.closed) this.release();
        resolve();
      }),
    );
  }

  /** Resolves once no sync is running. */
  async idle(): Promise<void> {
    await this.syncing;
  }

  /** Once the database is closed; a sync still running lets go of the descriptor when it ends. */
  close(): void {
    this.closed = true;
    if (!this.syncing) this.release();
  }

  private release(): void {
    if (this.fd === undefined) return;
    close(this.fd, () => {});
    this.fd = undefined;
  }
}
