import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth, truncateToWidth } from '../../util/truncate.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import { pointFilterText, pointSummary, type Timeline } from '../timeline/timeline.js';
import { keepOnVisible, visibleRows, type FilterEdit } from '../state/dialog-filter.js';
import { isFiltering, type FilterState } from '../state/filter.js';
import { DialogTitleBar } from './DialogTitleBar.js';
import { HelpOverlay } from './HelpOverlay.js';
import { dialogHelp } from '../dialog-help.js';
import { useTheme } from '../theme.js';

export interface TimelineDialogProps {
  timeline: Timeline;
  selected: number;
  keymap: Keymap;
  width: number;
  height: number;
  /** `/`: the counts whose line (count, time, devices) or keys hold the text. */
  filter?: FilterState;
  onFilter?(edit: FilterEdit): void;
  onMove(delta: number): void;
  onClose(): void;
}

const SOURCE_WORDS = { listing: 'listing', watch: 'watch', journal: 'journal', requests: 'request log' } as const;

/**
 * `t`: the dataset's SyncCounts, newest first: when, which device, which keys (`-key` for a
 * remove). The selected count's keys and where the facts came from are shown below.
 */
export function TimelineDialog(props: TimelineDialogProps) {
  const { timeline, keymap, width, height, filter, onMove, onClose } = props;
  const onFilter = props.onFilter ?? (() => {});
  const theme = useTheme();
  const points = timeline.points;
  const visible = visibleRows(points, filter, (p) => pointFilterText(p, timeline.times));
  // The selection sits on a count the filter shows.
  const selected = keepOnVisible(visible, props.selected);
  // `?`: the timeline's keys over the dialog; closing it comes back here.
  const [help, setHelp] = useState(false);
  useKeypress(
    (input, key) => {
      // The filter bar has the keys while the query is typed.
      if (filter?.editing) return false;
      const is = (c: CommandId) => isCommand(keymap, c, input, key);
      // Any close key (Esc, t) clears a kept filter before it closes the timeline (as Esc on the screens).
      if (is('timeline.close') && filter && isFiltering(filter)) onFilter({ type: 'escape' });
      else if (is('app.help')) setHelp(true);
      else if (is('app.filter')) onFilter({ type: 'start' });
      else if (is('timeline.close')) onClose();
      else if (is('list.up')) onMove(-1);
      else if (is('list.down')) onMove(1);
      else if (is('list.pageUp')) onMove(-10);
      else if (is('list.pageDown')) onMove(10);
      else if (is('list.home')) onMove(-points.length);
      else if (is('list.end')) onMove(points.length);
      return true;
    },
    { priority: KeyPriority.High, isActive: !help },
  );
  if (help) {
    const { scopes, include } = dialogHelp('timeline', { filters: props.onFilter !== undefined });
    return <HelpOverlay scopes={scopes} include={include} keymap={keymap} width={width} height={height} onClose={() => setHelp(false)} />;
  }
  const inner = Math.max(20, width - 4);
  const detailRows = 3;
  const listRows = Math.max(1, height - 5 - detailRows);
  const position = visible.indexOf(selected);
  const top = Math.max(0, Math.min(position - Math.floor(listRows / 2), visible.length - listRows));
  const point = position < 0 ? undefined : points[selected];
  const keys = point ? point.keys.map((k) => sanitizeLine(k.removed ? `-${k.key}` : k.key)) : [];
  // The selected count's keys fill the rows the list leaves free (a count can change 1,024 keys).
  const shownPoints = Math.min(listRows, visible.length) + (visible.length === 0 ? 1 : 0);
  const keyLines = wrapKeys(point ? `keys at ${point.syncCount}: ` : '', keys, inner, Math.max(1, height - 5 - shownPoints));
  const k = (c: CommandId) => keyLabel(keymap, c);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={height} paddingX={1}>
      <DialogTitleBar
        title={truncateToWidth(sanitizeLine(`Sync timeline of ${timeline.dataset}: SyncCount ${timeline.currentCount} now · ${points.length} counts known, newest first`), inner)}
        filter={filter}
        matched={visible.length}
        total={points.length}
        inner={inner}
        onFilter={onFilter}
      />
      {points.length === 0 ? (
        <Text {...theme.muted}>nothing known yet (no records, no commits or polls this session)</Text>
      ) : visible.length === 0 ? (
        <Text {...theme.muted}>nothing matches the filter</Text>
      ) : null}
      {visible.slice(top, top + listRows).map((index) => (
        <Text key={points[index].syncCount} wrap="truncate" {...(index === selected ? theme.selection : undefined)}>
          {truncateToWidth(sanitizeLine(`${index === selected ? '›' : ' '} ${pointSummary(points[index], 6, timeline.times)}`), inner)}
        </Text>
      ))}
      <Box flexGrow={1} />
      {point ? (
        keyLines.map((line, i) => (
          <Text key={`k${i}`} wrap="truncate">
            {line || ' '}
          </Text>
        ))
      ) : (
        <Text> </Text>
      )}
      <Text {...theme.muted} wrap="truncate">
        {point ? truncateToWidth(sanitizeLine(`from ${point.sources.map((s) => SOURCE_WORDS[s]).join(', ')}${point.notes.length ? ` · ${point.notes.join(' · ')}` : ''}`), inner) : ' '}
      </Text>
      <Text {...theme.muted} wrap="truncate">
        {`${k('list.up')}/${k('list.down')} move · ${k('app.filter')} filter · ${k('timeline.close')} close · ${k('app.help')} help · counts are per dataset; a key shows at the count that last changed it`}
      </Text>
    </Box>
  );
}

/**
 * `keys at 4: a, b, c` packed into at most `rows` lines of `width` columns; keys that do not fit
 * end the last line with `+N more`.
 */
export function wrapKeys(head: string, keys: readonly string[], width: number, rows: number): string[] {
  if (keys.length === 0) return [truncateToWidth(`${head}(unknown)`, width)];
  const lines: string[] = [];
  let line = head;
  let i = 0;
  for (; i < keys.length; i++) {
    const piece = `${keys[i]}${i < keys.length - 1 ? ',' : ''}`;
    const sep = line === '' || line === head ? '' : ' ';
    if (line !== '' && line !== head && displayWidth(line + sep + piece) > width) {
      if (lines.length === rows - 1) break;
      lines.push(line);
      line = piece;
    } else {
      line += sep + piece;
    }
  }
  if (i < keys.length) {
    const more = ` +${keys.length - i} more`;
    // Drop keys from the end of the last line until the count fits.
    while (displayWidth(line + more) > width && line.includes(', ')) {
      line = line.slice(0, line.lastIndexOf(', ') + 1);
      line = line.slice(0, -1);
      i--;
    }
    line = `${line.replace(/,$/, '')} +${keys.length - i} more`;
  }
  lines.push(truncateToWidth(line, width));
  return lines;
}
