import React, { useMemo } from 'react';
import { Box } from 'ink';
import { useAppActions, useAppSettings, useAppState, useDateFormat } from '../contexts/app-state.js';
import { useEditorActions } from '../contexts/editor-actions.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, type CommandId } from '../keymap.js';
import type { RecordRow } from '../data/rows.js';
import { currentKey, listAt } from '../state/app-reducer.js';
import { selectedRow } from '../state/list.js';
import { driftedKeys, markerOf, type RecordsState } from '../state/records.js';
import { watchedMarker } from '../watch/row-marker.js';
import { datasetWatch, type DatasetWatch } from '../watch/watch-state.js';
import type { Column } from '../components/Table.js';
import { RecordDetail } from '../components/RecordDetail.js';
import { RecordEditorPane } from '../components/RecordEditorPane.js';
import { useTheme, type Theme, type TextStyle } from '../theme.js';
import { BrowseScreen } from './BrowseScreen.js';
import { formatTime, timeWidth, type DateFormat } from '../../util/format.js';

/** `11-26 06:40` this year, `2025-11-26` before (local time, short enough for the table); ISO when asked. */
export function shortTime(epochMs: number | undefined, now = new Date(), format: DateFormat = 'local'): string {
  return formatTime(epochMs, { format, style: 'short', now });
}

function columns(records: RecordsState | undefined, format: DateFormat): Column<RecordRow>[] {
  const staged = records?.dataset.staged;
  return [
    { title: 'key', width: 'flex', value: (r) => r.id },
    // Raw text: the table sanitizes only what fits, so a 1 MB value stays cheap. "" is shown quoted.
    { title: 'value', width: 'flex', value: (r) => (r.value === undefined ? '(removed)' : r.value === '' ? '""' : r.value) },
    { title: 'sc', width: 4, align: 'right', value: (r) => (records?.dataset.base.records.has(r.id) ? String(r.syncCount) : '–') },
    { title: 'modified', width: timeWidth({ format, style: 'short' }), value: (r) => (staged?.has(r.id) && !records?.dataset.base.records.has(r.id) ? '–' : shortTime(r.lastModified, undefined, format)) },
    { title: 'by', width: 10, value: (r) => r.lastModifiedBy ?? '–' },
  ];
}

function rowStyle(theme: Theme, records: RecordsState | undefined, drifted: Set<string>, remote: DatasetWatch, row: RecordRow): TextStyle | undefined {
  if (!records) return undefined;
  if (drifted.has(row.id)) return theme.status.warning;
  switch (markerOf(records, row.id)) {
    case 'M': return theme.staged.modified;
    case '+': return theme.staged.added;
    case '-': return theme.staged.removed;
    default: return row.value === undefined ? theme.muted : remote.changed.has(row.id) ? theme.status.info : undefined;
  }
}

/** Records-screen keys, dispatched through the keymap (never raw characters). */
const KEYS: ReadonlyArray<[CommandId, (a: ReturnType<typeof useEditorActions>) => void]> = [
  ['records.edit', (a) => a.edit()],
  ['records.editExternal', (a) => a.editExternal()],
  ['records.add', (a) => a.add()],
  ['records.remove', (a) => a.remove()],
  ['records.discardAll', (a) => a.discardAll()],
  ['records.copyValue', (a) => a.copy('value')],
  ['records.copyKey', (a) => a.copy('key')],
  ['records.toggleTombstones', (a) => a.toggleTombstones()],
  ['app.review', (a) => a.review()],
  ['app.undo', (a) => a.undo()],
  ['app.redo', (a) => a.redo()],
];

/** Detail pane width: the table keeps the larger part; narrow terminals show the table only. */
export function paneWidths(width: number): { table: number; detail: number } {
  if (width < 70) return { table: width, detail: 0 };
  const detail = Math.max(28, Math.floor(width * 0.38));
  return { table: width - detail - 1, detail };
}

/**
 * The records of a dataset: the windowed table (marker M + - •, key, value, SyncCount,
 * modified, by) with its filter, and a detail pane with the whole value or the inline
 * editor. Keys come from the keymap; the work is in the editor actions.
 */
export function RecordsScreen({ width }: { width: number }) {
  const state = useAppState();
  const app = useAppActions();
  const actions = useEditorActions();
  const { keymap } = useAppSettings();
  const dateFormat = useDateFormat();
  const theme = useTheme();
  const key = currentKey(state);
  const records = state.records[key];
  const list = listAt(state, key);
  const height = state.viewport + 2;
  const { table, detail } = paneWidths(width);
  const drifted = useMemo(() => (records ? driftedKeys(records) : new Set<string>()), [records?.dataset]); // eslint-disable-line react-hooks/exhaustive-deps
  const cols = useMemo(() => columns(records, dateFormat), [records?.dataset, dateFormat]); // eslint-disable-line react-hooks/exhaustive-deps
  // Watch mode: keys changed remotely since the dataset was opened (`R`).
  const remote = datasetWatch(state.watch, key);

  useKeypress(
    (input, k) => {
      for (const [command, run] of KEYS) {
        if (isCommand(keymap, command, input, k)) {
          run(actions);
          return true;
        }
      }
      return false;
    },
    { priority: KeyPriority.Normal },
  );

  const editorNow = () => app.getState().records[key]?.editor ?? null;
  const editorPane = (paneWidth: number) =>
    records?.editor ? (
      <RecordEditorPane
        records={records}
        editor={records.editor}
        keymap={keymap}
        width={paneWidth}
        height={height}
        current={editorNow}
        onChange={actions.editorChange}
        onSubmit={actions.submitEditor}
        onCancel={actions.cancelEditor}
      />
    ) : null;
  // Too narrow for two panes: the editor takes the whole body while it is open.
  if (detail === 0 && records?.editor) return <Box width={width} height={height}>{editorPane(width)}</Box>;
  return (
    <Box width={width} height={height}>
      <Box flexDirection="column" width={table} flexShrink={0}>
        <BrowseScreen<RecordRow>
          columns={cols}
          noun="records"
          width={table}
          marker={(r) => (records ? watchedMarker(markerOf(records, r.id), r.id, remote) : ' ')}
          rowStyle={(r) => rowStyle(theme, records, drifted, remote, r)}
        />
      </Box>
      {detail > 0 ? (
        <Box borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderColor={theme.border} paddingLeft={1} width={detail + 1} height={height}>
          {records?.editor ? (
            editorPane(detail - 1)
          ) : records ? (
            <RecordDetail records={records} recordKey={selectedRow(list)?.id} width={detail - 1} height={height} />
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
}
