import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach } from 'node:test';

/** A throwaway COGSYNC_HOME; never the real home directory. */
export function tempHome(prefix = 'cogsync-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp folder for a whole test file: made now, removed after the file's tests. */
export function tempDirForFile(prefix = 'cogsync-test-'): string {
  const { dir, cleanup } = tempHome(prefix);
  after(cleanup);
  return dir;
}

/** A fresh COGSYNC_HOME for each test (removed after it) and an env pointing at it; both filled in by beforeEach(). */
export function tempHomeForEachTest(prefix?: string): { dir: string; env: NodeJS.ProcessEnv } {
  const home = { dir: '', env: {} as NodeJS.ProcessEnv };
  let cleanup = (): void => undefined;
  beforeEach(() => {
    const fresh = tempHome(prefix);
    cleanup = fresh.cleanup;
    home.dir = fresh.dir;
    home.env = { COGSYNC_HOME: fresh.dir };
  });
  afterEach(() => cleanup());
  return home;
}
