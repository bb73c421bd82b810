// `cogsync ARGS` as a user runs it: a child process of the real entry (src/cli.ts, through tsx) started in the
// project's root, with the environment the test gives (never the caller's: no real home, no real AWS).
import { spawn, spawnSync, type SpawnSyncReturns, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = ['--import', 'tsx', 'src/cli.ts'];

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export interface CliRunOptions {
  env: NodeJS.ProcessEnv;
  /** `closed`: the reading end is closed before the child writes (a reader that stops early); a number: that fd. */
  stdout?: 'closed' | number;
  stderr?: 'closed';
}

export function runCli(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const stdio: StdioOptions = ['ignore', typeof options.stdout === 'number' ? options.stdout : 'pipe', 'pipe'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: PROJECT_ROOT, env: options.env, stdio });
    let out = '';
    let err = '';
    if (options.stdout === 'closed') child.stdout?.destroy();
    else child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    if (options.stderr === 'closed') child.stderr?.destroy();
    else child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The same, waiting synchronously (for tests that need no server in this process meanwhile). */
export function runCliSync(args: readonly string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...ENTRY, ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
}
