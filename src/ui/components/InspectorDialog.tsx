import React, { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { RequestLog } from '../../aws/request-log.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { fitToWidth, truncateToWidth } from '../../util/truncate.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { inspectorDetail, inspectorFilterText, inspectorLine, selectedIndex } from '../inspector/inspector-view.js';
import { keepOnVisible, visibleRows, type FilterEdit } from '../state/dialog-filter.js';
import { isFiltering, type FilterState } from '../state/filter.js';
import { DialogTitleBar } from './DialogTitleBar.js';
import { HelpOverlay } from './HelpOverlay.js';
import { dialogHelp } from '../dialog-help.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface InspectorActions {
  move(delta: number): void;
  details(): void;
  scroll(delta: number, maxScroll: number): void;
  back(): void;
  /** `/` and the filter bar's keys on the list. */
  filter(edit: FilterEdit): void;
}

export interface InspectorDialogProps {
  log: RequestLog;
  selectedId?: number;
  detail?: { id: number; scroll: number };
  /** `/` on the list: the calls whose line holds the text. */
  filter?: FilterState;
  keymap: Keymap;
  width: number;
  height: number;
  actions: InspectorActions;
}

/** Re-renders on every call that starts or ends, so the list is live. */
function useLogVersion(log: RequestLog): number {
  const [version, setVersion] = useState(0);
  useEffect(() => log.subscribe(() => setVersion((v) => v + 1)), [log]);
  return version;
}

const COLUMNS = { time: 12, operation: 16, status: 12, duration: 6, requestId: 9, counts: 12 };

function listHeader(width: number): string {
  const c = COLUMNS;
  return truncateToWidth(
    `  ${fitToWidth('time', c.time)} ${fitToWidth('operation', c.operation)} ${fitToWidth('status', c.status)} ${fitToWidth('ms', c.duration, { align: 'right' })} ${fitToWidth('request', c.requestId)} ${fitToWidth('sync counts', c.counts)} params`,
    width,
  );
}

/**
 * `i`: every AWS call of this session, newest first (time, operation, key parameters, HTTP
 * status, duration, request id, sync counts seen or written). Enter shows one call in full,
 * request and response; nothing here holds a secret (the request log removed them).
 */
export function InspectorDialog({ log, selectedId, detail, filter, keymap, width, height, actions }: InspectorDialogProps) {
  const theme = useTheme();
  useLogVersion(log);
  const entries = log.entries().reverse();
  const inner = Math.max(20, width - 4);
  const bodyRows = Math.max(1, height - 5);
  const detailEntry = detail ? entries.find((e) => e.id === detail.id) : undefined;
  const detailLines = detailEntry ? inspectorDetail(detailEntry) : [];
  const maxScroll = Math.max(0, detailLines.length - bodyRows);
  const visible = visibleRows(entries, filter, inspectorFilterText);
  // `?`: the inspector's keys over the dialog; closing it comes back here.
  const [help, setHelp] = useState(false);

  useKeypress(
    (input, key) => {
      // The filter bar has the keys while the query is typed.
      if (!detail && filter?.editing) return false;
      const is = (c: CommandId) => isCommand(keymap, c, input, key);
      // Any close key (Esc, i) clears a kept filter before it closes the list (as Esc on the screens).
      if (!detail && is('inspector.close') && filter && isFiltering(filter)) actions.filter({ type: 'escape' });
      else if (is('inspector.close')) actions.back();
      else if (is('app.help')) setHelp(true);
      else if (detail) {
        if (is('list.up')) actions.scroll(-1, maxScroll);
        else if (is('list.down')) actions.scroll(1, maxScroll);
        else if (is('list.pageUp')) actions.scroll(-bodyRows, maxScroll);
        else if (is('list.pageDown')) actions.scroll(bodyRows, maxScroll);
        else if (is('list.home')) actions.scroll(-detailLines.length, maxScroll);
        else if (is('list.end')) actions.scroll(detailLines.length, maxScroll);
      } else if (is('app.filter')) actions.filter({ type: 'start' });
      else if (is('list.open')) actions.details();
      else if (is('list.up')) actions.move(-1);
      else if (is('list.down')) actions.move(1);
      else if (is('list.pageUp')) actions.move(-bodyRows);
      else if (is('list.pageDown')) actions.move(bodyRows);
      else if (is('list.home')) actions.move(-entries.length);
      else if (is('list.end')) actions.move(entries.length);
      return true;
    },
    { priority: KeyPriority.High, isActive: !help },
  );

  const k = (c: CommandId) => keyLabel(keymap, c);
  if (help) {
    const { scopes, include } = dialogHelp('inspector', { filters: true });
    return <HelpOverlay scopes={scopes} include={include} keymap={keymap} width={width} height={height} onClose={() => setHelp(false)} />;
  }
  if (detail) {
    const shown = detailLines.slice(detail.scroll, detail.scroll + bodyRows);
    return (
      <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={height} paddingX={1}>
        <Text {...theme.title} wrap="truncate">
          {detailEntry ? `Call #${detailEntry.id}: request and response (secrets removed, long values cut)` : 'This call is no longer in the log (it keeps the latest 500)'}
        </Text>
        {shown.map((line, i) => (
          <Text key={detail.scroll + i} wrap="truncate" {...(i === 0 && detail.scroll === 0 ? theme.key : undefined)}>
            {/* An empty <Text> has no height in Ink: a blank line must hold a space. */}
            {truncateToWidth(sanitizeLine(line), inner) || ' '}
          </Text>
        ))}
        <Box flexGrow={1} />
        <Text {...theme.muted} wrap="truncate">
          {`lines ${detailLines.length === 0 ? 0 : detail.scroll + 1}–${Math.min(detailLines.length, detail.scroll + bodyRows)} of ${detailLines.length} · ${k('list.up')}/${k('list.down')} scroll · ${k('list.pageDown')} page · ${k('inspector.close')} back to the list · ${k('app.help')} help`}
        </Text>
      </Box>
    );
  }

  // The selection sits on a call the filter shows (the newest one when none was chosen).
  const selected = keepOnVisible(visible, selectedIndex(entries, selectedId));
  const position = visible.indexOf(selected);
  const top = Math.max(0, Math.min(position - Math.floor(bodyRows / 2), visible.length - bodyRows));
  const inFlight = log.inFlight;
  const c = COLUMNS;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={height} paddingX={1}>
      <DialogTitleBar
        title={`Request inspector: ${entries.length} ${entries.length === 1 ? 'call' : 'calls'} this session, newest first${inFlight > 0 ? ` · ${inFlight} in flight` : ''}`}
        filter={filter}
        matched={visible.length}
        total={entries.length}
        inner={inner}
        onFilter={actions.filter}
      />
      <Text {...theme.muted} wrap="truncate">{listHeader(inner)}</Text>
      {entries.length === 0 ? <Text {...theme.muted}>no AWS calls yet</Text> : visible.length === 0 ? <Text {...theme.muted}>nothing matches the filter</Text> : null}
      {visible.slice(top, top + bodyRows).map((index) => {
        const entry = entries[index];
        const line = inspectorLine(entry);
        const isSelected = index === selected;
        const text =
          `${isSelected ? '›' : ' '} ${fitToWidth(line.time, c.time)} ${fitToWidth(line.operation, c.operation)} ` +
          `${fitToWidth(line.status, c.status)} ${fitToWidth(line.duration, c.duration, { align: 'right' })} ` +
          `${fitToWidth(line.requestId, c.requestId)} ${fitToWidth(line.counts, c.counts)} ${line.params}`;
        return (
          <Text key={entry.id} wrap="truncate" {...(line.failed ? theme.status.error : undefined)} {...(isSelected ? theme.selection : undefined)}>
            {truncateToWidth(sanitizeLine(text), inner)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text {...theme.muted} wrap="truncate">
        {`${k('list.open')} details · ${k('list.up')}/${k('list.down')} move · ${k('app.filter')} filter · ${k('inspector.close')} close · ${k('app.help')} help · --log FILE writes these calls as JSON lines`}
      </Text>
    </Box>
  );
}
