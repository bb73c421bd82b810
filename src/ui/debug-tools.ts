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
import { demoRefusal, writeAsSecondDevice, DEMO_DEVICE_ID } from './demo/demo-device.js';
import { inspectorFilterText, selectedIndex } from './inspector/inspector-view.js';
import { createMergedActions, type MergedDeps } from './merged/merged-actions.js';
import { currentKey, currentLocation, listAt } from './state/app-reducer.js';
import { errorInfo, type Dialog } from './state/dialogs.js';
import { selectedRow } from './state/list.js';
import { buildTimeline, pointFilterText } from './timeline/timeline.js';
import { filterListEdit, keepOnVisible, moveAmongVisible, visibleRows, type FilterEdit } from './state/dialog-filter.js';
import { whileBusy } from './state/busy.js';
import type { DateFormat } from '../util/format.js';
import type { TimerApi } from './watch/scheduler.js';
import { createWatchController } from './watch/watch-controller.js';
import { datasetWatch } from './watch/watch-state.js';

/** What the merged-dataset actions need (the debug tools create them), and more. */
export interface DebugToolsDeps extends MergedDeps {
  /** The journal of commits (the timeline reads it); absent when nothing is kept on disk. */
  journal?(): Pick<Journal, 'read'> | undefined;
  timers?: TimerApi;
  maxBackoffMs?: number;
  /** preferences.dateFormat, for the timeline's times (default local). */
  dateFormat?(): DateFormat;
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

  /** The calls the inspector's filter lets through (indices into `entries`). */
  const inspectorVisible = (entries: readonly RequestLogEntry[], d: InspectorDialog) => visibleRows(entries, d.filter, inspectorFilterText);
  /** The selected call as an id; the first visible row follows the newest matching call. */
  const inspectorSelection = (entries: readonly RequestLogEntry[], visible: readonly number[], at: number) =>
    visible.length === 0 || at === visible[0] ? undefined : entries[at].id;

  const inspector = {
    open: () => open({ kind: 'inspector' }),
    /** Moves the selection among the calls the filter shows; back at the top it follows the newest one again. */
    move(delta: number) {
      const d = inspectorDialog();
      if (!d || d.detail) return;
      const entries = newestFirst();
      if (entries.length === 0) return;
      const visible = inspectorVisible(entries, d);
      const at = moveAmongVisible(visible, selectedIndex(entries, d.selectedId), delta);
      open({ ...d, selectedId: inspectorSelection(entries, visible, at) });
    },
    /** Enter: the selected call in full (none when the filter shows no call). */
    details() {
      const d = inspectorDialog();
      if (!d || d.detail) return;
      const entries = newestFirst();
      const visible = inspectorVisible(entries, d);
      if (visible.length === 0) return;
      const entry = entries[keepOnVisible(visible, selectedIndex(entries, d.selectedId))];
      if (entry) open({ ...d, selectedId: entry.id, detail: { id: entry.id, scroll: 0 } });
    },
    /** `/` and the filter bar's keys on the list; an Esc with no filter to clear closes the inspector. */
    filter(edit: FilterEdit) {
      const d = inspectorDialog();
      if (!d || d.detail) return;
      const entries = newestFirst();
      const r = filterListEdit(entries, inspectorFilterText, { filter: d.filter, selected: selectedIndex(entries, d.selectedId) }, edit);
      if (!r.consumed) return void dispatch({ type: 'dialog/close' });
      open({ ...d, filter: r.filter, selectedId: inspectorSelection(entries, r.visible, r.selected) });
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
      if (d.detail) open({ kind: 'inspector', selectedId: d.selectedId, ...(d.filter ? { filter: d.filter } : {}) });
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
        dateFormat: deps.dateFormat?.(),
      });
      open({ kind: 'timeline', recordsKey: at.key, timeline: built, selected: 0 });
    },
    /** Moves the selection among the counts the filter shows. */
    move(delta: number) {
      const d = timelineDialog();
      if (!d) return;
      const { points, times } = d.timeline;
      const visible = visibleRows(points, d.filter, (p) => pointFilterText(p, times));
      const selected = moveAmongVisible(visible, d.selected, delta);
      if (selected !== d.selected) open({ ...d, selected });
    },
    /** `/` and the filter bar's keys; an Esc with no filter to clear closes the timeline. */
    filter(edit: FilterEdit) {
      const d = timelineDialog();
      if (!d) return;
      const { points, times } = d.timeline;
      const r = filterListEdit(points, (p) => pointFilterText(p, times), d, edit);
      if (!r.consumed) return void dispatch({ type: 'dialog/close' });
      open({ ...d, filter: r.filter, selected: r.selected });
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
    await whileBusy(dispatch, async () => {
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
      }
    });
  }

  function onConfirm(purpose: string, payload?: string): boolean {
    return merged.onConfirm(purpose, payload);
  }

  return { requestLog: log, inspector, timeline, watch, merged, demoWrite, onConfirm, close: () => watch.stop() };
}

export type DebugTools = ReturnType<typeof createDebugTools>;
