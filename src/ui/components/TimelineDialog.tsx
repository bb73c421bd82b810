import React from 'react';
import { Box, Text } from 'ink';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import { pointSummary, type Timeline } from '../timeline/timeline.js';
import { useTheme } from '../theme.js';

export interface TimelineDialogProps {
  timeline: Timeline;
  selected: number;
  keymap: Keymap;
  width: number;
  height: number;
  onMove(delta: number): void;
  onClose(): void;
}

const SOURCE_WORDS = { listing: 'listing', watch: 'watch', journal: 'journal', requests: 'request log' } as const;

/**
 * `t`: the dataset's SyncCounts, newest first: when, which device, which keys (`-key` for a
 * remove). The selected count's keys and where the facts came from are shown below.
 */
export function TimelineDialog({ timeline, selected, keymap, width, height, onMove, onClose }: TimelineDialogProps) {
  const theme = useTheme();
  const points = timeline.points;
  useKeypress(
    (input, key) => {
      const is = (c: CommandId) => isCommand(keymap, c, input, key);
      if (is('timeline.close')) onClose();
      else if (is('list.up')) onMove(-1);
      else if (is('list.down')) onMove(1);
      else if (is('list.pageUp')) onMove(-10);
      else if (is('list.pageDown')) onMove(10);
      else if (is('list.home')) onMove(-points.length);
      else if (is('list.end')) onMove(points.length);
      return true;
    },
    { priority: KeyPriority.High },
  );
  const inner = Math.max(20, width - 4);
  const detailRows = 3;
  const listRows = Math.max(1, height - 5 - detailRows);
  const top = Math.max(0, Math.min(selected - Math.floor(listRows / 2), points.length - listRows));
  const point = points[selected];
  const keys = point ? point.keys.map((k) => (k.removed ? `-${k.key}` : k.key)).join(', ') : '';
  const k = (c: CommandId) => keyLabel(keymap, c);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={height} paddingX={1}>
      <Text {...theme.title} wrap="truncate">
        {truncateToWidth(sanitizeLine(`Sync timeline of ${timeline.dataset}: SyncCount ${timeline.currentCount} now · ${points.length} counts known, newest first`), inner)}
      </Text>
      {points.length === 0 ? <Text {...theme.muted}>nothing known yet (no records, no commits or polls this session)</Text> : null}
      {points.slice(top, top + listRows).map((p, i) => (
        <Text key={p.syncCount} wrap="truncate" {...(top + i === selected ? theme.selection : undefined)}>
          {truncateToWidth(sanitizeLine(`${top + i === selected ? '›' : ' '} ${pointSummary(p)}`), inner)}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text wrap="truncate">{point ? truncateToWidth(sanitizeLine(`keys at ${point.syncCount}: ${keys || '(unknown)'}`), inner) : ' '}</Text>
      <Text {...theme.muted} wrap="truncate">
        {point ? truncateToWidth(sanitizeLine(`from ${point.sources.map((s) => SOURCE_WORDS[s]).join(', ')}${point.notes.length ? ` · ${point.notes.join(' · ')}` : ''}`), inner) : ' '}
      </Text>
      <Text {...theme.muted} wrap="truncate">
        {`${k('list.up')}/${k('list.down')} move · ${k('timeline.close')} close · counts are per dataset; a key shows at the count that last changed it`}
      </Text>
    </Box>
  );
}
