/**
 * The editor's debugging and demo tools in one object, built once by AppContainer next to
 * the other actions: the request inspector (`i`), watch mode (`w`), the sync timeline
 * (`t`), the second device (`D`) and merged datasets (`C`, `d` on the datasets screen).
 * Plain functions over getState / dispatch, testable without React.
 */
import type { Journal } from '../config/journal.js';
import type { RequestLog, RequestLogEntry } from '../aws/request-log.js';
import { toCogsyncError } from '../aws/errors.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Connector } from './data/connector.js';
import { demoRefusal, writeAsSecondDevice, DEMO_DEVICE_ID } from './demo/demo-device.js';
import { selectedIndex } from './inspector/inspector-view.js';
import { createMergedActions } from './merged/merged-actions.js';
import type { RecordsLocation } from './records-context.js';
import { currentKey, currentLocation, listAt, type AppAction, type AppState } from './state/app-reducer.js';
import { errorInfo, type Dialog } from './state/dialogs.js';
import { selectedRow } from './state/list.js';
import { buildTimeline } from './timeline/timeline.js';
import type { TimerApi } from './watch/scheduler.js';
import { createWatchController } from './watch/watch-controller.js';
import { datasetWatch } from './watch/watch-state.js';

export interface DebugToolsDeps {
  getState(): AppState;
  dispatch(action: AppAction): void;
  connector: Connector;
  toast(text: string): void;
  loadRecords(location: RecordsLocation): Promise<void>;
  refresh(): void;
  /** The journal of commits (the timeline reads it); absent when nothing is kept on disk. */
  journal?(): Pick<Journal, 'read'> | undefined;
  timers?: TimerApi;
  maxBackoffMs?: number;
}

type InspectorDialog = Extract<Dialog, { kind: 'inspector' }>;
type TimelineDialog = Extract<Dialog, { kind: 'timeline' }>;

export function createDebugTools(deps: DebugToolsDeps) {
  const { getState, dispatch, connector } = deps;
  const log: RequestLog = connector.requestLog;
  const notice = (text: string) => dispatch({ type: 'notice/set', text });
  const open = (dialog: Dialog) => dispatch({ type: 'dialog/open', dialog });
  const watch = createWatchController(deps);
  const merged = createMergedActions(deps);

  /** Calls newest first, as the inspector lists them. */
  const newestFirst = (): RequestLogEntry[] => log.entries().reverse();

  function inspectorDialog(): InspectorDialog | undefined {
    const d = getState().dialog;
    return d?.kind === 'inspector' ? d : undefined;
  }

  const inspector = {
    open: () => open({ kind: 'inspector' }),
    /** Moves the selection; back at the top it follows the newest call again. */
    move(delta: number) {
      const d = inspectorDialog();
      if (!d || d.detail) return;
      const entries = newestFirst();
      if (entries.length === 0) return;
      const at = Math.max(0, Math.min(entries.length - 1, selectedIndex(entries, d.selectedId) + delta));
      open({ ...d, selectedId: at === 0 ? undefined : entries[at].id });
    },
    /** Enter: the selected call in full. */
    details() {
      const d = inspectorDialog();
      if (!d || d.detail) return;
      const entries = newestFirst();
      const entry = entries[selectedIndex(entries, d.selectedId)];
      if (entry) open({ ...d, selectedId: entry.id, detail: { id: entry.id, scroll: 0 } });
    },
    scroll(delta: number, maxScroll: number) {
      const d = inspectorDialog();
      if (!d?.detail) return;
      const scroll = Math.max(0, Math.min(maxScroll, d.detail.scroll + delta));
      if (scroll !== d.detail.scroll) open({ ...d, detail: { ...d.detail, scroll } });
    },
    /** Esc: from one call back to the list, from the list out. */
    back() {
      const d = inspectorDialog();
      if (!d) return;
      if (d.detail) open({ kind: 'inspector', selectedId: d.selectedId });
      else dispatch({ type: 'dialog/close' });
    },
  };

  function recordsHere() {
    const s = getState();
    const location = currentLocation(s);
    if (location.screen !== 'records') return undefined;
    const key = currentKey(s);
    const records = s.records[key];
    return records ? { s, location, key, records } : undefined;
  }

  function timelineDialog(): TimelineDialog | undefined {
    const d = getState().dialog;
    return d?.kind === 'timeline' ? d : undefined;
  }

  const timeline = {
    /** `t`: built from the listing, the watch, the journal and this session's calls. */
    open() {
      const at = recordsHere();
      if (!at) return void notice('Open a dataset first');
      const address = { connection: at.location.connection, identityPoolId: at.location.poolId, identityId: at.location.identityId, datasetName: at.location.dataset };
      let journal;
      try {
        journal = deps.journal?.()?.read(address).entries;
      } catch (error) {
        dispatch({ type: 'error/show', error: errorInfo({ code: 'JournalUnreadable', message: `The journal could not be read: ${(error as Error).message}` }) });
      }
      const built = buildTimeline({
        address,
        records: at.records.dataset.base.records.values(),
        currentCount: at.records.dataset.base.syncCount,
        watch: datasetWatch(at.s.watch, at.key),
        journal,
        requests: log.entries(),
      });
      open({ kind: 'timeline', recordsKey: at.key, timeline: built, selected: 0 });
    },
    move(delta: number) {
      const d = timelineDialog();
      if (!d) return;
      const selected = Math.max(0, Math.min(d.timeline.points.length - 1, d.selected + delta));
      if (selected !== d.selected) open({ ...d, selected });
    },
    close: () => dispatch({ type: 'dialog/close' }),
  };

  /** `D`: the selected record written by the second device (local connections only). */
  async function demoWrite(): Promise<void> {
    const refusal = demoRefusal(getState().connection);
    if (refusal) return void notice(refusal);
    const at = recordsHere();
    if (!at) return void notice('Open a dataset first');
    const row = selectedRow(listAt(at.s, at.key));
    if (!row) return void notice('No record selected: D writes the selected record as a second device');
    dispatch({ type: 'busy', delta: 1 });
    try {
      const result = await writeAsSecondDevice(connector, at.location, row.id);
      const staged = getState().records[at.key]?.dataset.staged.has(result.key);
      const watching = getState().watch.enabled;
      deps.toast(
        `${DEMO_DEVICE_ID} wrote ${JSON.stringify(sanitizeLine(result.key))} at SyncCount ${result.syncCount}` +
          (staged ? ': your staged edit of it will conflict' : '') +
          (watching ? '' : ' (r refreshes, w watches)'),
      );
    } catch (error) {
      dispatch({ type: 'error/show', error: errorInfo(toCogsyncError(error)) });
    } finally {
      dispatch({ type: 'busy', delta: -1 });
    }
  }

  function onConfirm(purpose: string, payload?: string): boolean {
    return merged.onConfirm(purpose, payload);
  }

  return { requestLog: log, inspector, timeline, watch, merged, demoWrite, onConfirm, close: () => watch.stop() };
}

export type DebugTools = ReturnType<typeof createDebugTools>;
