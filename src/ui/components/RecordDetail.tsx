import React from 'react';
import { Box, Text } from 'ink';
import { detailLines, type DetailStyle } from '../state/detail.js';
import type { RecordsState } from '../state/records.js';
import { useTheme, type Theme, type TextStyle } from '../theme.js';
import { useDateFormat } from '../contexts/app-state.js';

export interface RecordDetailProps {
  records: RecordsState;
  /** The selected key, if any. */
  recordKey: string | undefined;
  width: number;
  height: number;
}

export function detailStyle(theme: Theme, style: DetailStyle): TextStyle | undefined {
  switch (style) {
    case 'title': return theme.title;
    case 'muted': return theme.muted;
    case 'warning': return theme.status.warning;
    case 'add': return theme.diff.added;
    case 'del': return theme.diff.removed;
    case 'plain': return undefined;
  }
}

/** The detail pane: the selected record's facts, what is staged for it (old → new), and its whole value. */
export function RecordDetail({ records, recordKey, width, height }: RecordDetailProps) {
  const theme = useTheme();
  const lines = detailLines(records, recordKey, Math.max(1, width), height, useDateFormat());
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" {...detailStyle(theme, line.style)}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
