// Durable file writes and "move aside" for files cogsync cannot read. A crash, a full disk
// or a kill -9 at any moment leaves either the old file or the new one, never half of each.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';

/**
 * Writes `text` to `path` atomically: a temp file in the same folder, fsync, rename over the
 * target, then fsync the folder so the rename itself survives a power cut. With
 * `durable: false` the fsyncs are left out: the file is still whole or absent after the
 * process is killed at any moment (the kernel has the bytes), just not after a power cut.
 */
export function writeFileAtomic(path: string, text: string, mode = 0o600, { durable = true }: { durable?: boolean } = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (durable) fsyncFolder(dir);
}

function fsyncFolder(dir: string): void {
  // Not every platform lets a folder be opened for fsync (Windows); the rename is done anyway.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/**
 * Renames an unreadable file to `<name>.corrupt-<timestamp><ext>` next to it, so the user's
 * text is kept for them to look at while cogsync carries on with defaults. Returns the new path.
 */
export function moveAside(path: string, now: Date = new Date()): string {
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${stem}.corrupt-${stamp}${ext}`;
  for (let n = 2; existsSync(target); n++) target = `${stem}.corrupt-${stamp}-${n}${ext}`;
  renameSync(path, target);
  return target;
}
