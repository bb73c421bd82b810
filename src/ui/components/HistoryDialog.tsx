import React from 'react';
import { Box, Text } from 'ink';
import type { JournalChange, JournalEntry } from '../../config/journal.js';
import { sanitizeLine, sanitizePreview } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';
import { formatTime } from '../../util/format.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface HistoryDialogProps {
  dataset: string;
  entries: readonly JournalEntry[];
  selected: number;
  keymap: Keymap;
  width: number;
  height: number;
  /** ISO times instead of local ones (preferences.dateFormat). */
  isoTimes?: boolean;
  onMove(delta: number): void;
  onRevert(): void;
  onClose(): void;
}

/** A journal time (ISO) as preferences.dateFormat says, to the second. */
export function entryTime(iso: string, isoTimes = false): string {
  return formatTime(iso, { format: isoTimes ? 'iso' : 'local', style: 'seconds' });
}

/** One commit on one line: time, how many changes, sync count, request id. */
export function entrySummary(entry: JournalEntry, isoTimes = false): string {
  const n = entry.changes.length;
  const req = entry.requestId ? ` · req ${entry.requestId.slice(0, 8)}…` : '';
  return `${entryTime(entry.time, isoTimes)}  ${n} ${n === 1 ? 'change' : 'changes'}  sync ${entry.syncCountBefore} -> ${entry.syncCountAfter}${req}`;
}

function valueText(state: { value?: string } | undefined, width: number): string {
  if (state === undefined) return '(new)';
  if (state.value === undefined) return '(removed)';
  return JSON.stringify(sanitizePreview(state.value, width)).slice(0, width + 2);
}

/** `M key: "old" → "new"` with the marker letters of the records table. */
export function changeLine(change: JournalChange, width: number): string {
  const marker = change.op === 'remove' ? '-' : change.before?.value === undefined ? '+' : 'M';
  const room = Math.max(8, Math.floor((width - 6) / 3));
  return `${marker} ${sanitizePreview(change.key, room)}: ${valueText(change.before, room)} → ${valueText(change.after, room)}`;
}

/**
 * `H`: the commits cogsync made to this dataset, newest first (from the journal), with the
 * changes of the selected one. `R` stages its inverse; nothing is sent from here.
 */
export function HistoryDialog(props: HistoryDialogProps) {
  const { dataset, entries, selected, keymap, width, height, isoTimes, onMove, onRevert, onClose } = props;
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      const is = (c: Parameters<typeof isCommand>[1]) => isCommand(keymap, c, input, key);
      if (is('history.close')) onClose();
      else if (is('history.revert')) onRevert();
      else if (is('list.up')) onMove(-1);
      else if (is('list.down')) onMove(1);
      else if (is('list.pageUp')) onMove(-10);
      else if (is('list.pageDown')) onMove(10);
      else if (is('list.home')) onMove(-entries.length);
      else if (is('list.end')) onMove(entries.length);
      return true;
    },
    { priority: KeyPriority.High },
  );
  const inner = Math.max(10, width - 4);
  const listRows = Math.max(1, Math.min(entries.length, Math.floor((height - 6) / 2)));
  const top = Math.max(0, Math.min(selected - Math.floor(listRows / 2), entries.length - listRows));
  const entry = entries[selected];
  const changeRows = Math.max(1, height - listRows - 6);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} paddingX={1}>
      <Text {...theme.title} wrap="truncate">
        History of {sanitizeLine(dataset)}: {entries.length} {entries.length === 1 ? 'commit' : 'commits'} by cogsync, newest first
      </Text>
      {entries.slice(top, top + listRows).map((e, i) => (
        <Text key={top + i} wrap="truncate" {...(top + i === selected ? theme.selection : undefined)}>
          {truncateToWidth(`${top + i === selected ? '›' : ' '} ${entrySummary(e, isoTimes)}`, inner)}
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
        {keyLabel(keymap, 'history.revert')} revert (stages the inverse) · {keyLabel(keymap, 'list.up')}/{keyLabel(keymap, 'list.down')} move · {keyLabel(keymap, 'history.close')} close
      </Text>
    </Box>
  );
}
