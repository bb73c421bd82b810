/**
 * What the records actions share: where the current dataset is, its state, the SDK client
 * of its connection, the read-only guard, and dispatch helpers. Plain functions over
 * `getState` / `dispatch`, so the actions can be tested without React.
 */
import type { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { toCogsyncError } from '../aws/errors.js';
import type { CommitResult, DatasetAddress } from '../session/remote-dataset.js';
import type { DatasetState } from '../sync/index.js';
import type { Connector } from './data/connector.js';
import type { RecordsPreload } from './data/preload.js';
import type { RecordRow } from './data/rows.js';
import { currentKey, currentLocation, listAt, type AppAction, type AppState } from './state/app-reducer.js';
import { errorInfo } from './state/dialogs.js';
import { selectedRow } from './state/list.js';
import type { Location } from './state/navigation.js';
import type { RecordsAction, RecordsState } from './state/records.js';
import { readOnlyMessage } from './state/read-only.js';
import { whileBusy } from './state/busy.js';

export type RecordsLocation = Extract<Location, { screen: 'records' }>;

export interface RecordsDeps {
  getState(): AppState;
  dispatch(action: AppAction): void;
  connector: Connector;
  /** A success toast that clears itself. */
  toast(text: string): void;
  /** ListRecords page size (tests); the server's maximum (1,024) by default. */
  pageSize?: number;
  /** The deep-linked dataset's first page, asked for while the editor started (data/preload.ts). */
  preload?: RecordsPreload;
  /** After a successful commit (the journal and drafts hook in here). `sent` is the state handed to the commit. */
  onCommitted?(location: RecordsLocation, sent: DatasetState, result: Extract<CommitResult, { status: 'committed' }>): void;
}

export interface RecordsHere {
  readonly key: string;
  readonly location: RecordsLocation;
  readonly records: RecordsState;
  /** The selected row, if any. */
  readonly row: RecordRow | undefined;
}

export function addressOf(location: RecordsLocation): DatasetAddress {
  return { identityPoolId: location.poolId, identityId: location.identityId, datasetName: location.dataset };
}

export function createRecordsContext(deps: RecordsDeps) {
  const { getState, dispatch } = deps;
  const notice = (text: string | undefined) => dispatch({ type: 'notice/set', text });
  const showError = (error: unknown) => dispatch({ type: 'error/show', error: errorInfo(toCogsyncError(error)) });
  const own = (code: string, message: string) => dispatch({ type: 'error/show', error: errorInfo({ code, message }) });
  const rec = (key: string, action: RecordsAction) => dispatch({ type: 'records', key, action });

  /** The records screen being shown, once its first listing arrived. */
  function here(): RecordsHere | undefined {
    const s = getState();
    const location = currentLocation(s);
    if (location.screen !== 'records') return undefined;
    const key = currentKey(s);
    const records = s.records[key];
    if (!records) return undefined;
    return { key, location, records, row: selectedRow(listAt(s, key)) as RecordRow | undefined };
  }

  /**
   * The read-only rule, in the action layer (UX.md §1.2): every write says why it is refused.
   * The reducer refuses write actions too, so no other path can stage on a read-only connection.
   */
  function writable(): boolean {
    const connection = getState().connection;
    if (connection?.readOnly) {
      notice(readOnlyMessage(connection));
      return false;
    }
    return !refusedWhileSending();
  }

  /**
   * While a batch is on its way nothing is staged, undone or redone: its answer becomes the
   * dataset's state, so an edit made meanwhile would vanish with it.
   */
  let sending = false;
  function refusedWhileSending(): boolean {
    if (sending) notice('Sending the batch: wait for the commit to finish');
    return sending;
  }
  const setSending = (value: boolean) => void (sending = value);
  const isSending = () => sending;

  async function client(location: RecordsLocation): Promise<CognitoSyncClient> {
    return (await deps.connector.connect(location.connection)).clients.sync;
  }

  const busy = <T>(work: () => Promise<T>): Promise<T> => whileBusy(dispatch, work);

  return { ...deps, notice, showError, own, rec, here, writable, refusedWhileSending, setSending, isSending, client, busy };
}

export type RecordsContext = ReturnType<typeof createRecordsContext>;
