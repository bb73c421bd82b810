/**
 * A real pseudo-terminal for what only a terminal shows (UX.md §4.3): alt screen, raw mode,
 * Ctrl+C. Spawns a command in node-pty as `xterm-color` with CI=false (Ink draws nothing
 * until exit when CI is set), collects the output, and polls the ANSI-stripped text past a
 * mark, because the stream holds every old frame.
 */
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { after, before } from 'node:test';
import pty from 'node-pty';
import { tempHome } from './home.js';
import { startTestServer, type TestServer } from './local-server.js';

export interface PtySession {
  /** Everything written so far, raw (escape sequences included). */
  raw(): string;
  /** Everything written so far, escape sequences stripped. */
  text(): string;
  /** A position in the raw output; later waits search only after it. */
  mark(): number;
  /** Waits until the stripped output after `since` (a mark) contains the text / matches. */
  waitFor(pattern: string | RegExp, options?: { since?: number; ms?: number }): Promise<string>;
  /** Sends keys one write at a time, a few ms apart, pausing after a bare Esc. */
  send(...keys: string[]): Promise<void>;
  /** Resolves when the process exits. */
  exited: Promise<{ exitCode: number; signal?: number }>;
  kill(signal?: string): void;
  /** Resizes the terminal (SIGWINCH to the process), as a window being dragged. */
  resize(cols: number, rows: number): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function spawnPty(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; cols?: number; rows?: number } = {},
): PtySession {
  const env = { ...process.env, ...options.env, CI: 'false', TERM: 'xterm-color' };
  const child = pty.spawn(file, args, {
    name: 'xterm-color',
    cols: options.cols ?? 100,
    rows: options.rows ?? 30,
    cwd: options.cwd ?? process.cwd(),
    env: env as Record<string, string>,
  });
  let output = '';
  child.onData((chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  const after = (since: number) => stripVTControlCharacters(output.slice(since));
  return {
    raw: () => output,
    text: () => stripVTControlCharacters(output),
    mark: () => output.length,
    async waitFor(pattern, { since = 0, ms = 15_000 } = {}) {
      const end = Date.now() + ms;
      const ok = () => (typeof pattern === 'string' ? after(since).includes(pattern) : pattern.test(after(since)));
      while (!ok()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(pattern)}; output after mark:\n${after(since).slice(-3000)}`);
        await sleep(10);
      }
      return after(since);
    },
    async send(...keys) {
      for (const k of keys) {
        child.write(k);
        await sleep(k === '\u001b' ? 60 : 5);
      }
    },
    exited,
    kill: (signal) => child.kill(signal),
    resize: (cols, rows) => child.resize(cols, rows),
  };
}

/**
 * The environment of an editor under test: a throwaway COGSYNC_HOME, the ready marker, and
 * none of the machine's AWS config files; `extra` adds or overrides.
 */
export function editorTestEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    COGSYNC_HOME: home,
    COGSYNC_E2E: '1',
    AWS_CONFIG_FILE: '/nonexistent/cogsync-test-aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/cogsync-test-aws-credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** No profile and no keys: a loopback --endpoint-url is then a local connection, as for a user without AWS. */
export const NO_AWS_KEYS: NodeJS.ProcessEnv = { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };

/**
 * The demo-seeded local server and a throwaway COGSYNC_HOME for a file of real-terminal tests: started before its
 * tests, closed and removed after them. Read them through the returned object once the tests run.
 */
export function demoServerAndHome(): { readonly server: TestServer; readonly home: { dir: string; cleanup(): void } } {
  let server: TestServer | undefined;
  let home: ReturnType<typeof tempHome> | undefined;
  before(async () => {
    home = tempHome();
    server = await startTestServer({ seed: 'demo' });
  });
  after(async () => {
    await server?.close();
    home?.cleanup();
  });
  return {
    get server() {
      if (!server) throw new Error('demoServerAndHome: read the server inside a test');
      return server;
    },
    get home() {
      if (!home) throw new Error('demoServerAndHome: read the home inside a test');
      return home;
    },
  };
}

const EDITOR_SOURCE = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/**
 * The editor from source in a 100×30 pseudo-terminal, deep-linked to one dataset on `serverUrl`, signing with test
 * keys, with no $VISUAL/$EDITOR and `home` as COGSYNC_HOME.
 */
export function spawnEditorOnDataset(serverUrl: string, home: string, place: { pool: string; identity: string; dataset: string }): PtySession {
  const args = ['--import', 'tsx', EDITOR_SOURCE, '--endpoint-url', serverUrl];
  args.push('--identity-pool-id', place.pool, '--identity-id', place.identity, '--dataset-name', place.dataset);
  const env = editorTestEnv(home, {
    AWS_ACCESS_KEY_ID: 'AKIDTESTCOGSYNC',
    AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
    AWS_REGION: 'us-east-1',
    VISUAL: '',
    EDITOR: '',
  });
  return spawnPty(process.execPath, args, { env, cols: 100, rows: 30 });
}

/** Polls `check` every 20 ms until it holds; after `ms`, fails naming `what`. */
export async function waitUntil(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
