/**
 * Starts the terminal editor: checks for a terminal, switches to the alternate screen,
 * renders the app with Ctrl+C handled by the app (not by Ink), and restores the screen on
 * every way out: quit, crash, and signals (UX.md §3 pitfalls 2, 6, 8, 9).
 */
import React from 'react';
import { setFlagsFromString } from 'node:v8';
import { render, type Instance } from 'ink';
import { requestLog as defaultRequestLog } from '../aws/request-log.js';
import { AppContainer } from './AppContainer.js';
import { DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE } from './bracketed-paste.js';
import { KeypressProvider } from './contexts/keypress.js';
import { createConnector, LOCAL_CONNECTION_NAME, type Connector, type EditorConnection } from './data/connector.js';
import { editorConnections } from './data/flag-connection.js';
import { DEFAULT_KEYMAP, type Keymap } from './keymap.js';
import { current, initialNavigation, type DeepLink } from './state/navigation.js';
import { preloadedWithin, preloadRecords, type RecordsPreload } from './data/preload.js';
import { openEditorStorage, type EditorStorage } from './data/editor-storage.js';

/**
 * How long the first frame may wait for a deep-linked dataset's records (data/preload.ts):
 * long enough for a local or nearby server, short enough that a slow one shows the
 * editor (and its spinner) without a noticeable blank screen.
 */
const PRELOAD_WAIT_MS = 150;

/** PRELOAD_WAIT_MS, or COGSYNC_PRELOAD_WAIT_MS (tests in a real terminal wait longer, so a loaded machine is not a failure). */
function preloadWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.COGSYNC_PRELOAD_WAIT_MS);
  return Number.isFinite(ms) && ms >= 0 && env.COGSYNC_PRELOAD_WAIT_MS !== '' ? ms : PRELOAD_WAIT_MS;
}

/** Starts listing the dataset a deep link opens, before the first render; nothing for other places. */
function preloadDeepLink(connector: Connector, connection: string, deepLink: DeepLink | undefined): RecordsPreload | undefined {
  const location = current(initialNavigation(connection, deepLink));
  return location.screen === 'records' ? preloadRecords(connector, location) : undefined;
}

/** Where the editor resumes on a connection when no deep link is given: its most recent place. */
export function resumeLink(storage: EditorStorage, connection: string): DeepLink | undefined {
  let place;
  try {
    place = storage.config.recentPlaces(connection)[0];
  } catch {
    return undefined;
  }
  if (!place) return undefined;
  return { pool: place.identityPoolId, identity: place.identityId, dataset: place.identityId ? place.datasetName : undefined };
}

export interface RunEditorOptions {
  /** The connection to open; the embedded local server when absent. */
  connection?: EditorConnection;
  /** `--readonly`: refuse writes on every connection. */
  readOnly?: boolean;
  /** Open straight at a pool / identity / dataset. */
  deepLink?: DeepLink;
  /** Pin the terminal height (otherwise the terminal's, updated on resize). */
  rows?: number;
  /** The keymap with the user's overrides applied (see keymap.ts `applyOverrides`). */
  keymap?: Keymap;
  /** More connections for the connections screen (from the config file). */
  connections?: readonly EditorConnection[];
  /** Settings, drafts and journal (default: opened from COGSYNC_HOME / the platform folders). */
  storage?: EditorStorage;
  /** `--watch` / `--watch-interval`: watch mode on from the start, and its interval. */
  watch?: { enabled?: boolean; intervalMs?: number };
  /** `--log FILE`: every AWS call appended as JSON lines (what the request inspector shows). */
  log?: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
export const NOT_A_TERMINAL = 'cogsync: the editor needs a terminal (stdin and stdout must be a TTY); see `cogsync --help` for the scriptable subcommands';

/** `CI` set to anything but 0/false makes Ink draw only the last frame, at exit (pitfall 8). */
export function ciBlocksRendering(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
}

/** Runs the editor until the user quits; resolves with the process exit code. */
export async function runEditor(options: RunEditorOptions = {}): Promise<number> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(`${NOT_A_TERMINAL}\n`);
    return 2;
  }
  if (ciBlocksRendering(env)) {
    stderr.write('cogsync: CI is set, so the screen updates only at exit; run with CI=false to use the editor here\n');
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Opened before the alternate screen, so a bad path is reported where it can be read.
  if (options.log !== undefined) {
    try {
      defaultRequestLog.setFileSink(options.log);
    } catch (error) {
      stderr.write(`cogsync: cannot open the --log file '${options.log}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  }

  const given = options.connection;
  // A config file cogsync cannot read is moved aside inside openEditorStorage: never fatal.
  const storage = options.storage ?? openEditorStorage({ env });
  const connector = createConnector({
    // Asked each time, so connections saved on the connections screen show up at once.
    connections: () => editorConnections(given, options.connections ?? [], storage.config.connections()),
    readOnly: options.readOnly,
    defaultDeviceId: () => storage.config.preferences().deviceId,
    env,
    requestLog: defaultRequestLog,
  });
  const connectionName = given?.name ?? LOCAL_CONNECTION_NAME;
  const deepLink = options.deepLink ?? resumeLink(storage, connectionName);
  const flushDrafts = () => {
    try {
      storage.drafts.flush();
    } catch (error) {
      stderr.write(`cogsync: ${(error as Error).message}\n`);
    }
  };

  let restored = false;
  const restoreScreen = () => {
    if (restored) return;
    restored = true;
    stdout.write(DISABLE_BRACKETED_PASTE + LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  let instance: Instance | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    flushDrafts();
    instance?.unmount();
    restoreScreen();
    void connector.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143));
  };
  // A crash outside React: leave the alternate screen first, so the message stays readable.
  const onCrash = (error: unknown) => {
    flushDrafts();
    instance?.unmount();
    restoreScreen();
    stderr.write(`cogsync: crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  process.on('exit', restoreScreen);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  // Bracketed paste: a paste reaches a text field whole, and never runs as keys (bracketed-paste.ts).
  stdout.write(ENTER_ALT_SCREEN + ENABLE_BRACKETED_PASTE);
  try {
    const preload = preloadDeepLink(connector, connectionName, deepLink);
    const preloaded = preload && (await preloadedWithin(preload, preloadWaitMs()));
    instance = render(
      <KeypressProvider>
        <AppContainer
          connector={connector}
          connection={connectionName}
          deepLink={deepLink}
          keymap={options.keymap ?? storage.config.keymap().keymap ?? DEFAULT_KEYMAP}
          noColor={!storage.config.colorEnabled(env)}
          storage={storage}
          rows={options.rows}
          watch={options.watch}
          e2e={env.COGSYNC_E2E === '1'}
          onExit={() => instance?.unmount()}
          preload={preload}
          preloaded={preloaded}
        />
      </KeypressProvider>,
      { stdin, stdout, stderr, exitOnCtrlC: false, patchConsole: false },
    );
    // From the first frame on, the editor allocates a little per frame and keeps little: V8's young generation
    // growing to its 16 MiB semi-spaces only raised the peak RSS (~15 MiB over the bench's few hundred keys), with no
    // gain in keypress latency. Set only now: during start-up the small young generation cost ~10 ms.
    setFlagsFromString('--semi-space-growth-factor=1');
    await instance.waitUntilExit();
    return 0;
  } catch (error) {
    restoreScreen();
    stderr.write(`cogsync: the editor stopped on an unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 1;
  } finally {
    flushDrafts();
    restoreScreen();
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', restoreScreen);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await connector.close().catch(() => undefined);
    if (options.log !== undefined) defaultRequestLog.setFileSink(undefined);
  }
}
