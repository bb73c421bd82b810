/**
 * The connections screen's own actions: add / edit a saved connection in a form, remove one
 * (asks first), and test one with a single cheap call (ListIdentityPools). Saved
 * connections live in the config file; AWS profiles are listed too and can be saved over
 * (same name) to give them flags such as `protected`. The embedded server's name `local` is
 * reserved: `e` on it starts a new local connection (no endpoint: the embedded server) instead.
 */
import type { Key } from 'ink';
import { ClientFactory, checkConnection, type ConnectionCheck } from '../aws/index.js';
import { toCogsyncError } from '../aws/errors.js';
import { ConfigError } from '../config/config-error.js';
import { isReservedConnectionName } from '../config/reserved-name.js';
import type { SavedConnection } from '../config/schema.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Connector } from './data/connector.js';
import type { EditorStorage } from './data/editor-storage.js';
import type { ConnectionRow } from './data/rows.js';
import { currentKey, currentLocation, listAt, type AppAction, type AppState } from './state/app-reducer.js';
import { checkForm, cycle, moveFocus, newConnectionForm, typeInto, type ConnectionForm, type FormField } from './state/connection-form.js';
import { errorInfo, type Dialog } from './state/dialogs.js';
import { selectedRow } from './state/list.js';
import { whileBusy } from './state/busy.js';

type FormDialog = Extract<Dialog, { kind: 'connectionForm' }>;

export interface ConnectionActionDeps {
  getState(): AppState;
  dispatch(action: AppAction): void;
  connector: Connector;
  storage: EditorStorage;
  /** Lists the connections screen again after a change. */
  reload(): void;
  /** Called when a saved connection changed, so cached clients for its name are rebuilt. */
  forget?(name: string): void;
  toast(text: string): void;
  env?: NodeJS.ProcessEnv;
}

export function summarizeCheck(check: ConnectionCheck): string {
  const account = check.accountId === 'local' ? 'local server' : check.accountId === 'unknown' ? 'account unknown' : `account ${check.accountId}`;
  return `OK in ${check.durationMs} ms · ${account} · ${check.region} · ${check.hasIdentityPools ? 'identity pools visible' : 'no identity pools visible'}`;
}

export function createConnectionActions(deps: ConnectionActionDeps) {
  const { getState, dispatch, storage } = deps;
  const notice = (text: string) => dispatch({ type: 'notice/set', text });
  const own = (code: string, message: string) => dispatch({ type: 'error/show', error: errorInfo({ code, message }) });
  const formDialog = (): FormDialog | undefined => {
    const d = getState().dialog;
    return d?.kind === 'connectionForm' ? d : undefined;
  };
  const setForm = (form: ConnectionForm) => dispatch({ type: 'dialog/open', dialog: { kind: 'connectionForm', form } });

  function selected(): ConnectionRow | undefined {
    const s = getState();
    if (currentLocation(s).screen !== 'connections') return undefined;
    return selectedRow(listAt(s, currentKey(s))) as ConnectionRow | undefined;
  }

  const saved = (name: string): SavedConnection | undefined => storage.config.connection(name);

  function add(): void {
    setForm(newConnectionForm());
  }

  /** A saved connection opens as it is; a profile or the embedded server opens prefilled, saved under its name. */
  function edit(): void {
    const row = selected();
    if (!row) return void notice('No connection selected');
    const existing = saved(row.id);
    if (existing) return setForm(newConnectionForm(existing));
    if (isReservedConnectionName(row.id) && row.type === 'local') {
      // The embedded server cannot be saved over: a connection of another name with no endpoint URL uses it too.
      const form = newConnectionForm({ name: '', kind: 'local' });
      return setForm({ ...form, mode: 'add', original: undefined, errors: { name: `${row.id} is built in: name a local connection of your own` } });
    }
    const prefilled = newConnectionForm({
      name: row.id,
      kind: row.type,
      ...(row.type === 'aws' && row.detail.startsWith('profile') ? { profile: row.id } : {}),
      ...(row.region ? { region: row.region } : {}),
      ...(row.endpoint ? { endpointUrl: row.endpoint } : {}),
    });
    setForm(prefilled);
  }

  function remove(): void {
    const row = selected();
    if (!row) return void notice('No connection selected');
    if (!saved(row.id)) return void notice(`${sanitizeLine(row.id)} is not a saved connection (it comes from your AWS config or is built in)`);
    dispatch({
      type: 'dialog/open',
      dialog: {
        kind: 'confirm', purpose: 'removeConnection', payload: row.id, focus: 'cancel', confirmLabel: 'Remove',
        title: `Remove connection ${sanitizeLine(row.id)}?`,
        message: 'Only the saved settings go (name, profile, region, endpoint, flags, recent places). Drafts and the journal stay.',
      },
    });
  }

  /** The confirmed removal. */
  function removeConfirmed(name: string): void {
    try {
      if (storage.config.removeConnection(name)) {
        deps.forget?.(name);
        deps.toast(`Removed connection ${sanitizeLine(name)}`);
      }
    } catch (error) {
      own('ConfigNotSaved', (error as Error).message);
    }
    deps.reload();
  }

  async function runCheck(connection: SavedConnection): Promise<{ ok: true; summary: string } | { ok: false; message: string }> {
    if (connection.kind === 'local' && !connection.endpointUrl) {
      try {
        const { clients } = await deps.connector.connect(connection.name);
        return { ok: true, summary: summarizeCheck(await checkConnection(clients)) };
      } catch (error) {
        return { ok: false, message: toCogsyncError(error).message };
      }
    }
    // A factory of its own: testing an unsaved form never touches the editor's clients.
    const factory = new ClientFactory({ env: deps.env ?? process.env });
    try {
      return { ok: true, summary: summarizeCheck(await checkConnection(factory.get(connection, { maxAttempts: 1, requestTimeoutMs: 10_000 }))) };
    } catch (error) {
      const e = toCogsyncError(error);
      return { ok: false, message: [e.code, e.message, e.hint].filter(Boolean).join(' · ') };
    } finally {
      factory.destroy();
    }
  }

  /** `t` on the list: tests the selected connection as the editor would use it. */
  async function test(): Promise<void> {
    const row = selected();
    if (!row) return void notice('No connection selected');
    notice(`Testing ${sanitizeLine(row.id)}…`);
    await whileBusy(dispatch, async () => {
      try {
        const { clients } = await deps.connector.connect(row.id);
        const check = await checkConnection(clients);
        notice(`${sanitizeLine(row.id)}: ${summarizeCheck(check)}`);
      } catch (error) {
        dispatch({ type: 'error/show', error: errorInfo(toCogsyncError(error)) });
      }
    });
  }

  function formFocus(delta: 1 | -1): void {
    const d = formDialog();
    if (d) setForm(moveFocus(d.form, delta));
  }

  function formToggle(delta: 1 | -1): void {
    const d = formDialog();
    if (d) setForm(cycle(d.form, delta));
  }

  /** A key typed into the focused text field; false when the key is not text for it. */
  function formType(input: string, key: Key): boolean {
    const d = formDialog();
    if (!d) return false;
    const next = typeInto(d.form, input, key);
    if (!next) return false;
    setForm(next);
    return true;
  }

  const takenNames = (form: ConnectionForm) => storage.config.connections().map((c) => c.name).filter((n) => n !== form.original);

  function formSave(): void {
    const d = formDialog();
    if (!d) return;
    const { connection, errors } = checkForm(d.form, takenNames(d.form));
    if (!connection) {
      const first = Object.keys(errors)[0] as FormField;
      return setForm({ ...d.form, errors, focus: first });
    }
    try {
      storage.config.saveConnection(connection, d.form.original !== undefined ? { replace: d.form.original } : {});
    } catch (error) {
      if (error instanceof ConfigError) return setForm({ ...d.form, errors: { name: error.message } });
      throw error;
    }
    if (d.form.original) deps.forget?.(d.form.original);
    deps.forget?.(connection.name);
    dispatch({ type: 'dialog/close' });
    deps.toast(`Saved connection ${sanitizeLine(connection.name)}${connection.protected ? ' (protected: starts read-only)' : ''}`);
    deps.reload();
  }

  function formCancel(): void {
    if (formDialog()) dispatch({ type: 'dialog/close' });
  }

  /** Ctrl+T in the form: tests the connection as filled in, before saving. */
  async function formTest(): Promise<void> {
    const d = formDialog();
    if (!d) return;
    const { connection, errors } = checkForm(d.form, []);
    if (!connection) return setForm({ ...d.form, errors });
    setForm({ ...d.form, errors: {}, test: { status: 'running' } });
    await whileBusy(dispatch, async () => {
      const result = await runCheck(connection);
      const now = formDialog();
      if (!now) return;
      setForm({ ...now.form, test: result.ok ? { status: 'ok', summary: result.summary } : { status: 'failed', message: result.message } });
    });
  }

  return { add, edit, remove, removeConfirmed, test, formFocus, formToggle, formType, formSave, formCancel, formTest };
}

export type ConnectionActions = ReturnType<typeof createConnectionActions>;
