// Drafts: the staged edits of one dataset, saved so nothing typed is lost to a crash, a kill
// or a closed terminal. One file per (connection, pool, identity, dataset) and editor process
// under cogsyncPaths().data/drafts/, written atomically (temp + rename) at every change, so a
// kill -9 right after loses nothing, and again with fsync once changes pause, so a power
// cut does not either.
//
// Per process, because two editors may have the same dataset open: with one shared file the
// last to save (or to commit, which removes it) silently took the other's edits. A process
// offers only drafts whose writer has ended (or its own), so a live editor's edits are never
// taken from under it. A writer is named by its pid and, on Linux, the time it started, so a
// crashed editor's pid reused by some other program does not hide its draft; and by its host,
// so a COGSYNC_HOME on a folder two machines share never offers one machine's live draft to
// the other as left by an ended editor (a pid says nothing across machines).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatasetState } from '../sync/index.js';
import { moveAside, writeFileAtomic } from './atomic-file.js';
import { ConfigError } from './config-error.js';
import { draftFile, parseDraft, type DraftAddress, type DraftFile, type LoadedDraft, type UnfinishedEdit } from './draft-format.js';
import { cogsyncPaths } from './paths.js';

export type { DraftAddress, DraftOp, LoadedDraft, UnfinishedEdit } from './draft-format.js';

export const DEFAULT_DEBOUNCE_MS = 250;

export interface DraftStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether the process still runs, and is the one that started at `startTime` when known (tests stand in for other processes). */
  isAlive?: (pid: number, startTime?: string) => boolean;
  /** This machine's name (tests stand in for another machine); os.hostname() otherwise. */
  hostname?: string;
  /** Quiet time after the last change before a save; 0 saves on the next tick. */
  debounceMs?: number;
  now?: () => Date;
  /** A debounced save that failed (disk full…); the staged edits in memory are untouched. */
  onError?: (error: unknown, address: DraftAddress) => void;
}

export type DraftLoad =
  | { status: 'none' }
  /** `path`: the file it came from (take() it before restoring its edits here). */
  | { status: 'found'; draft: LoadedDraft; path: string }
  /** The file could not be read; it was moved to `movedTo` and `notice` says so. */
  | { status: 'corrupt'; movedTo: string; notice: string };

type Pending = { address: DraftAddress; state: Pick<DatasetState, 'staged' | 'base'>; unfinished?: UnfinishedEdit; timer: NodeJS.Timeout };

/**
 * A readable, safe file name: a prefix from the connection and dataset names (letters,
 * digits, `_ . -` only) and a hash of all four ids, so two datasets never share a file.
 */
export function draftFileName(address: DraftAddress): string {
  const ids = [address.connection, address.identityPoolId, address.identityId, address.datasetName];
  const hash = createHash('sha256').update(JSON.stringify(ids)).digest('hex').slice(0, 20);
  const prefix = `${address.connection}_${address.datasetName}`.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[.]+/, '').slice(0, 48);
  return `${prefix || 'draft'}-${hash}.json`;
}

/**
 * `<pid>[.<start time>][@<host>]-<6 hex>`: the process that writes a draft file (its start time where the system tells
 * it), the machine it runs on (8 hex of a hash of the host name; absent in files of older versions), and which of its
 * stores.
 */
const OWNER = /^(\d+)(?:\.(\d+))?(?:@([0-9a-f]{8}))?-[0-9a-f]{6}$/;

/** A host name as it goes into draft file names: short, and only characters any file system takes. */
export const hostTag = (host: string): string => createHash('sha256').update(host).digest('hex').slice(0, 8);

/**
 * When the process started, in clock ticks since boot (Linux: field 22 of /proc/<pid>/stat); undefined where there is
 * no /proc or the process is gone. With the pid it names one process for good: pids are reused, start times are not.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19]; // field 22 counted from the state, which is field 3
    return start !== undefined && /^\d+$/.test(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number, startTime?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: exists, owned by someone else
  }
  if (startTime === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === startTime; // another start time: the pid went to another program
}

function ownerName(host: string): string {
  const start = processStartTime(process.pid);
  return `${process.pid}${start === undefined ? '' : `.${start}`}@${host}-${randomBytes(3).toString('hex')}`;
}

export class DraftStore {
  readonly dir: string;
  /** hostTag of this machine's name. */
  private readonly host: string;
  /** Names this store's files (`<draft>.<owner>.json`). */
  readonly owner: string;
  private readonly debounceMs: number;
  private readonly now: () => Date;
  private readonly onError: DraftStoreOptions['onError'];
  private readonly isAlive: (pid: number, startTime?: string) => boolean;
  private readonly pending = new Map<string, Pending>();

  constructor(options: DraftStoreOptions = {}) {
    this.dir = join(cogsyncPaths(options.env ?? process.env).data, 'drafts');
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError;
    this.isAlive = options.isAlive ?? processAlive;
    this.host = hostTag(options.hostname ?? hostname());
    this.owner = ownerName(this.host);
  }

  /** This store's file for the dataset. */
  pathFor(address: DraftAddress): string {
    return join(this.dir, draftFileName(address).replace(/\.json$/, `.${this.owner}.json`));
  }

  /**
   * Saves the staged edits now without fsync (a kill loses nothing), and durably after
   * `debounceMs` of quiet (the UI calls this on every change; an fsync per change would make
   * a burst of removals wait for the disk each time). Nothing staged and no `unfinished` edit
   * means no draft: the file is removed instead. Failures go to `onError`, never to the caller.
   */
  scheduleSave(address: DraftAddress, state: Pick<DatasetState, 'staged' | 'base'>, unfinished?: UnfinishedEdit, { now = true } = {}): void {
    const path = this.pathFor(address);
    const earlier = this.pending.get(path);
    if (earlier) clearTimeout(earlier.timer);
    // `now: false` (only the unfinished edit changed, at every key typed): the debounced save alone, so typing
    // beside a large draft does not rewrite it per key; a crash loses at most the last moment of typing.
    if (now) {
      try {
        this.write(path, address, state, { durable: false, unfinished });
      } catch (error) {
        this.onError?.(error, address);
      }
    }
    const timer = setTimeout(() => {
      try {
        this.writeNow(path);
      } catch (error) {
        this.onError?.(error, address);
      }
    }, this.debounceMs);
    // A pending save must not keep a finished process alive; quitting calls flush().
    timer.unref();
    this.pending.set(path, { address, state, unfinished, timer });
  }

  /** Writes every pending save now. Throws after trying them all if any failed. */
  flush(): void {
    const failures: string[] = [];
    for (const path of [...this.pending.keys()]) {
      try {
        this.writeNow(path);
      } catch (error) {
        failures.push(`${path}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) throw new ConfigError(`could not save drafts: ${failures.join('; ')}`);
  }

  /** Saves at once (no debounce); nothing staged (and no unfinished edit) removes the draft. */
  save(address: DraftAddress, state: Pick<DatasetState, 'staged' | 'base'>, unfinished?: UnfinishedEdit): void {
    const path = this.pathFor(address);
    this.cancel(path);
    this.write(path, address, state, { unfinished });
  }

  /**
   * The newest draft of the dataset that this process may take: one of its own, or one whose editor process has ended
   * (a crash, a quit that kept it, or a file from before drafts were per process). A running editor's draft is not
   * offered.
   */
  load(address: DraftAddress): DraftLoad {
    let newest: Extract<DraftLoad, { status: 'found' }> | undefined;
    for (const path of this.takeableFiles(address)) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // taken by another editor meanwhile
        throw error;
      }
      const parsed = parseDraft(text, address);
      if (!parsed.ok) {
        const movedTo = moveAside(path, this.now());
        return { status: 'corrupt', movedTo, notice: `the draft for ${address.datasetName} could not be read (${parsed.reason}); it was moved to ${movedTo}` };
      }
      const { ops, savedAt, baseSyncCount, unfinished } = parsed.draft;
      if (ops.length === 0 && !unfinished) continue;
      const found = { status: 'found' as const, draft: { ops, savedAt: new Date(savedAt), baseSyncCount, ...(unfinished ? { unfinished } : {}) }, path };
      if (!newest || found.draft.savedAt > newest.draft.savedAt) newest = found;
    }
    return newest ?? { status: 'none' };
  }

  /**
   * Makes a draft found by load() this store's own before its edits are restored here: the file is renamed to this
   * store's path, so two editors offered the same ended editor's draft cannot both restore it. False when another
   * editor took it first.
   */
  take(address: DraftAddress, path: string): boolean {
    const own = this.pathFor(address);
    if (path === own) return existsSync(own);
    if (dirname(path) !== this.dir) return false;
    try {
      renameSync(path, own);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** After a commit or an explicit discard: forgets pending saves and removes this store's file. */
  clear(address: DraftAddress): void {
    const path = this.pathFor(address);
    this.cancel(path);
    rmSync(path, { force: true });
  }

  /** The dataset's draft files this store may take: this process's, a legacy one, and those of ended editors. */
  private takeableFiles(address: DraftAddress): string[] {
    if (!existsSync(this.dir)) return [];
    const stem = draftFileName(address).replace(/\.json$/, '');
    const files: string[] = [];
    for (const name of readdirSync(this.dir)) {
      if (name === `${stem}.json`) files.push(join(this.dir, name)); // one file per dataset, from older versions
      else if (name.startsWith(`${stem}.`) && name.endsWith('.json')) {
        const owner = name.slice(stem.length + 1, -'.json'.length);
        if (OWNER.test(owner) && (owner === this.owner || this.ownerEnded(owner))) files.push(join(this.dir, name));
      }
    }
    return files;
  }

  /**
   * Whether the editor that wrote `owner`'s files has ended; one process runs one editor, so its own files count. One
   * on another machine (a shared COGSYNC_HOME) is owned elsewhere, maybe live: never ended as seen from here.
   */
  private ownerEnded(owner: string): boolean {
    const [, pid, startTime, host] = OWNER.exec(owner)!;
    if (host !== undefined && host !== this.host) return false;
    return Number(pid) === process.pid || !this.isAlive(Number(pid), startTime);
  }

  /** Every readable draft (for a "you have drafts" hint); unreadable files are skipped, not moved. */
  list(): DraftFile[] {
    if (!existsSync(this.dir)) return [];
    const drafts: DraftFile[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.json') || name.includes('.corrupt-')) continue;
      try {
        const data = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as DraftFile;
        const parsed = parseDraft(JSON.stringify(data), data);
        if (parsed.ok && (parsed.draft.ops.length > 0 || parsed.draft.unfinished)) drafts.push(parsed.draft);
      } catch {
        /* unreadable: load() moves it aside when that dataset is opened */
      }
    }
    return drafts;
  }

  /** Drops pending saves without writing (tests; a store being replaced). */
  dispose(): void {
    for (const path of [...this.pending.keys()]) this.cancel(path);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private writeNow(path: string): void {
    const entry = this.pending.get(path);
    if (!entry) return;
    this.pending.delete(path);
    this.write(path, entry.address, entry.state, { unfinished: entry.unfinished });
  }

  private write(
    path: string,
    address: DraftAddress,
    state: Pick<DatasetState, 'staged' | 'base'>,
    { unfinished, ...options }: { durable?: boolean; unfinished?: UnfinishedEdit } = {},
  ): void {
    if (state.staged.size === 0 && !unfinished) {
      rmSync(path, { force: true });
      return;
    }
    writeFileAtomic(path, `${JSON.stringify(draftFile(address, state, this.now(), unfinished), undefined, 2)}\n`, 0o600, options);
  }

  private cancel(path: string): void {
    const entry = this.pending.get(path);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(path);
  }
}
