/**
 * The whole editor in-process (UX.md §4.2): the REAL local server on 127.0.0.1 port 0 with
 * the demo seed, the real SDK through src/aws, the real <AppContainer> rendered by
 * ink-testing-library with a fixed number of rows, and a temp COGSYNC_HOME.
 */
import React from 'react';
import { renderInk, until, type InkHarness } from './ink.js';
import { tempHome } from './home.js';
import { startTestServer, type TestServer } from './local-server.js';
import type { ClientOptions } from '../../src/aws/clients.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { AppContainer } from '../../src/ui/AppContainer.js';
import type { BrowseActions } from '../../src/ui/app-actions.js';
import type { RecordsIo } from '../../src/ui/records-actions.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { createConnector, type EditorConnection } from '../../src/ui/data/connector.js';
import { DEFAULT_KEYMAP, type Keymap } from '../../src/ui/keymap.js';
import { currentKey, currentLocation, listAt, type AppState } from '../../src/ui/state/app-reducer.js';
import type { DialogKind } from '../../src/ui/state/dialogs.js';
import type { DeepLink } from '../../src/ui/state/navigation.js';
import { openEditorStorage, type EditorStorage } from '../../src/ui/data/editor-storage.js';

export interface AppRigOptions {
  rows?: number;
  /** Pin the terminal width too (ink-testing-library's is 100). */
  columns?: number;
  /** Connection to open (default `local`, pointing at the test server). */
  connection?: string;
  deepLink?: DeepLink;
  keymap?: Keymap;
  readOnly?: boolean;
  /** More connections (e.g. a dead endpoint). */
  connections?: EditorConnection[];
  /** Environment for profile listing (AWS_CONFIG_FILE…); profiles are not listed without it. */
  env?: NodeJS.ProcessEnv;
  /** Reuse a server (several rigs on one server); the rig then does not close it. */
  server?: TestServer;
  e2e?: boolean;
  /** ListRecords page size of the records screen (to exercise lazy paging on small datasets). */
  recordsPageSize?: number;
  /** $EDITOR / clipboard fakes for the records editor. */
  editorIo?: RecordsIo;
  /** Keep settings, drafts and the journal in the rig's COGSYNC_HOME (as `cogsync` does). */
  storage?: boolean;
  /** Use this COGSYNC_HOME (kept after close) instead of a fresh one: a second run of the editor. */
  home?: string;
  /** SDK client settings for every connection (e.g. a short request timeout for fault tests). */
  clientOptions?: ClientOptions;
}

export interface AppRig extends Pick<InkHarness, 'press' | 'type' | 'frame' | 'frames' | 'rawFrames'> {
  server: TestServer;
  /** Waits until the frame contains the text / matches; returns the frame. */
  waitForText(pattern: string | RegExp, ms?: number): Promise<string>;
  waitForNoText(pattern: string | RegExp, ms?: number): Promise<string>;
  /** Waits until no action runs, no call is in flight and the current list is listed (or failed). */
  waitForIdle(ms?: number): Promise<void>;
  state(): AppState;
  actions(): BrowseActions;
  dialog(): DialogKind | undefined;
  /** Every AWS call of this app (what the request inspector shows). */
  requestLog: RequestLog;
  exited(): boolean;
  close(): Promise<void>;
  /** The settings, drafts and journal (with `storage: true`). */
  storage?: EditorStorage;
  /** The rig's COGSYNC_HOME. */
  home: string;
}

export async function startAppRig(options: AppRigOptions = {}): Promise<AppRig> {
  const home = options.home ? { dir: options.home, cleanup: () => undefined } : tempHome('cogsync-rig-');
  const previousHome = process.env.COGSYNC_HOME;
  process.env.COGSYNC_HOME = home.dir;
  const storage = options.storage ? openEditorStorage({ env: { ...process.env, COGSYNC_HOME: home.dir }, draftDebounceMs: 20 }) : undefined;
  const server = options.server ?? (await startTestServer({ seed: 'demo' }));
  const requestLog = new RequestLog();
  const connector = createConnector({
    connections: () => [{ name: 'local', kind: 'local', endpointUrl: server.url }, ...(options.connections ?? []), ...(storage?.config.connections() ?? [])],
    includeProfiles: options.env !== undefined,
    env: options.env ?? { ...process.env },
    readOnly: options.readOnly,
    defaultDeviceId: () => storage?.config.preferences().deviceId,
    requestLog,
    startLocal: () => Promise.reject(new Error('the rig never starts an embedded server')),
    clientOptions: options.clientOptions,
  });
  let latest: AppState | undefined;
  let actions: BrowseActions | undefined;
  let exited = false;
  const h = renderInk(
    <KeypressProvider>
      <AppContainer
        connector={connector}
        connection={options.connection ?? 'local'}
        deepLink={options.deepLink}
        keymap={options.keymap ?? DEFAULT_KEYMAP}
        rows={options.rows ?? 24}
        {...(options.columns !== undefined ? { columns: options.columns } : {})}
        e2e={options.e2e}
        recordsPageSize={options.recordsPageSize}
        storage={storage}
        editorIo={options.editorIo}
        noColor
        onExit={() => void (exited = true)}
        onState={(s, a) => {
          latest = s;
          actions = a;
        }}
      />
    </KeypressProvider>,
  );
  await until(() => latest !== undefined, h.frame);
  // The actions' view is current even between a dispatch and the next render.
  const state = () => (actions ? actions.getState() : (latest as AppState));
  const rig: AppRig = {
    server,
    press: h.press,
    type: h.type,
    frame: h.frame,
    frames: h.frames,
    rawFrames: h.rawFrames,
    waitForText: (pattern, ms) => h.waitFor(pattern, ms),
    waitForNoText: (pattern, ms) => h.waitForNo(pattern, ms),
    async waitForIdle(ms = 10_000) {
      await until(() => {
        const s = state();
        const list = listAt(s, currentKey(s));
        const settled = s.connection !== null || currentLocation(s).screen === 'connections';
        const listed = list.status === 'loaded' || list.status === 'error';
        return s.busy === 0 && s.inFlight === 0 && listed && !list.loadingMore && settled;
      }, h.frame, ms);
    },
    state,
    actions: () => actions as BrowseActions,
    dialog: () => state().dialog?.kind,
    requestLog,
    exited: () => exited,
    storage,
    home: home.dir,
    async close() {
      h.unmount();
      storage?.drafts.dispose();
      await connector.close();
      if (!options.server) await server.close();
      if (previousHome === undefined) delete process.env.COGSYNC_HOME;
      else process.env.COGSYNC_HOME = previousHome;
      home.cleanup();
    },
  };
  await h.waitForInput();
  return rig;
}
