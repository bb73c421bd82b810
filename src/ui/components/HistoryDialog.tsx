import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { JournalEntry } from '../../config/journal.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';
import { changeLine, entrySummary, historyFilterText } from '../history-view.js';
import { keepOnVisible, visibleRows, type FilterEdit } from '../state/dialog-filter.js';
import { isFiltering, type FilterState } from '../state/filter.js';
import { DialogTitleBar } from './DialogTitleBar.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { HelpOverlay } from './HelpOverlay.js';
import { dialogHelp } from '../dialog-help.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import { useTheme } from '../theme.js';

export { changeLine, entrySummary, entryTime } from '../history-view.js';

export interface HistoryDialogProps {
  dataset: string;
  entries: readonly JournalEntry[];
  selected: number;
  keymap: Keymap;
  width: number;
  height: number;
  /** ISO times instead of local ones (preferences.dateFormat). */
  isoTimes?: boolean;
  /** `/`: the commits whose line, connection, device or keys hold the text. */
  filter?: FilterState;
  onFilter?(edit: FilterEdit): void;
  onMove(delta: number): void;
  onRevert(): void;
  onClose(): void;
}

/**
 * `H`: the commits cogsync made to this dataset, newest first (from the journal), with the
 * changes of the selected one. `R` stages its inverse; nothing is sent from here.
 */
export function HistoryDialog(props: HistoryDialogProps) {
  const { dataset, entries, keymap, width, height, isoTimes, filter, onMove, onRevert, onClose } = props;
  const onFilter = props.onFilter ?? (() => {});
  const theme = useTheme();
  const visible = visibleRows(entries, filter, (e) => historyFilterText(e, isoTimes));
  // The selection sits on a commit the filter shows.
  const selected = keepOnVisible(visible, props.selected);
  // `?`: the history's keys over the dialog; closing it comes back here.
  const [help, setHelp] = useState(false);
  useKeypress(
    (input, key) => {
      // The filter bar has the keys while the query is typed.
      if (filter?.editing) return false;
      const is = (c: Parameters<typeof isCommand>[1]) => isCommand(keymap, c, input, key);
      // Any close key clears a kept filter before it closes the history (as Esc on the screens).
      if (is('history.close') && filter && isFiltering(filter)) onFilter({ type: 'escape' });
      else if (is('app.help')) setHelp(true);
      else if (is('app.filter')) onFilter({ type: 'start' });
      else if (is('history.close')) onClose();
      else if (is('history.revert')) onRevert();
      else if (is('list.up')) onMove(-1);
      else if (is('list.down')) onMove(1);
      else if (is('list.pageUp')) onMove(-10);
      else if (is('list.pageDown')) onMove(10);
      else if (is('list.home')) onMove(-entries.length);
      else if (is('list.end')) onMove(entries.length);
      return true;
    },
    { priority: KeyPriority.High, isActive: !help },
  );
  if (help) {
    const { scopes, include } = dialogHelp('history', { filters: props.onFilter !== undefined });
    return <HelpOverlay scopes={scopes} include={include} keymap={keymap} width={width} height={height} onClose={() => setHelp(false)} />;
  }
  const inner = Math.max(10, width - 4);
  const listRows = Math.max(1, Math.min(Math.max(1, visible.length), Math.floor((height - 6) / 2)));
  const position = visible.indexOf(selected);
  const top = Math.max(0, Math.min(position - Math.floor(listRows / 2), visible.length - listRows));
  const entry = position < 0 ? undefined : entries[selected];
  const changeRows = Math.max(1, height - listRows - 6);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} paddingX={1}>
      <DialogTitleBar
        title={`History of ${sanitizeLine(dataset)}: ${entries.length} ${entries.length === 1 ? 'commit' : 'commits'} by cogsync, newest first`}
        filter={filter}
        matched={visible.length}
        total={entries.length}
        inner={inner}
        onFilter={onFilter}
      />
      {visible.length === 0 ? <Text {...theme.muted}>nothing matches the filter</Text> : null}
      {visible.slice(top, top + listRows).map((index) => (
        <Text key={index} wrap="truncate" {...(index === selected ? theme.selection : undefined)}>
          {truncateToWidth(`${index === selected ? '›' : ' '} ${sanitizeLine(entrySummary(entries[index], isoTimes))}`, inner)}
        </Text>
      ))}
      <Text {...theme.muted} wrap="truncate">
        {entry ? `${sanitizeLine(entry.connection)} · device ${sanitizeLine(entry.deviceId ?? '–')}` : ''}
      </Text>
      {entry?.changes.slice(0, changeRows).map((c, i) => (
        <Text key={i} wrap="truncate">
          {truncateToWidth(changeLine(c, inner), inner)}
        </Text>
      ))}
      {entry && entry.changes.length > changeRows ? <Text {...theme.muted}>… {entry.changes.length - changeRows} more</Text> : null}
      <Text {...theme.muted} wrap="truncate">
        {keyLabel(keymap, 'history.revert')} revert (stages the inverse) · {keyLabel(keymap, 'list.up')}/{keyLabel(keymap, 'list.down')} move · {keyLabel(keymap, 'app.filter')} filter · {keyLabel(keymap, 'history.close')} close · {keyLabel(keymap, 'app.help')} help
      </Text>
    </Box>
  );
}
