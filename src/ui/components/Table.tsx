import React, { memo, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useTheme, type TextStyle } from '../theme.js';
import { sanitizePreview } from '../../util/sanitize.js';
import { fitToWidth, type TruncatePosition } from '../../util/truncate.js';

export interface Column<R> {
  title: string;
  /** Columns of the terminal, or 'flex' to share what the fixed columns leave. */
  width: number | 'flex';
  align?: 'left' | 'right';
  /** Where a long cell is cut (ids read best cut in the middle). */
  truncate?: TruncatePosition;
  /** The cell's raw text: untrusted, the table sanitizes it. */
  value: (row: R) => string;
}

export interface TableProps<R> {
  columns: readonly Column<R>[];
  /** ONLY the rows to render (the window), with their index in the whole list. */
  rows: ReadonlyArray<{ row: R; position: number }>;
  /** Index of the selected row in the whole list. */
  selected: number;
  /** Lines available for rows: the table is always this many lines high, plus two. */
  viewport: number;
  width: number;
  /** Bottom-left: `41–70 of 1,024`. */
  position: string;
  /** Bottom-right: the filter bar. */
  right?: ReactNode;
  /** Shown instead of rows when there are none (`loading…`, `no datasets`). */
  empty: string;
  /** One-character marker before a row (`M`, `+`, `-`); letters carry the meaning. */
  marker?: (row: R) => string;
  /** Style for a whole row (e.g. a removed record dimmed). */
  rowStyle?: (row: R) => TextStyle | undefined;
  /** Stable identity of a row (React key). */
  rowKey: (row: R) => string;
}

const GAP = 1;
/** `›` for the selected row, then the marker column. */
const PREFIX = 3;
/** The first column's least width while other columns can give way. */
const FIRST_MIN = 10;

/** Widths of the columns: fixed ones as asked (shrunk if needed), flex ones share the rest. */
export function columnWidths(columns: readonly Column<unknown>[], width: number): number[] {
  const available = Math.max(0, width - PREFIX - GAP * Math.max(0, columns.length - 1));
  const fixed = columns.reduce((n, c) => n + (c.width === 'flex' ? 0 : c.width), 0);
  const flexCount = columns.filter((c) => c.width === 'flex').length;
  const scale = fixed > available ? available / fixed : 1;
  const fixedWidths = columns.map((c) => (c.width === 'flex' ? 0 : Math.floor(c.width * scale)));
  const left = Math.max(0, available - fixedWidths.reduce((a, b) => a + b, 0));
  let flexLeft = left;
  let flexSeen = 0;
  const widths = columns.map((c, i) => {
    if (c.width !== 'flex') return fixedWidths[i];
    flexSeen++;
    const share = flexSeen === flexCount ? flexLeft : Math.floor(left / flexCount);
    flexLeft -= share;
    return share;
  });
  // In a narrow terminal the first column (what the row is: a name, a key) keeps FIRST_MIN columns, taken from the
  // last columns first, so a row never reads as `…` next to its SyncCount.
  const want = Math.min(FIRST_MIN, available);
  for (let i = widths.length - 1; i > 0 && widths[0] < want; i--) {
    const take = Math.min(widths[i], want - widths[0]);
    widths[i] -= take;
    widths[0] += take;
  }
  return widths;
}

/** One line, already sanitized and fitted: memoised so moving the selection re-renders two rows. */
const RowLine = memo(function RowLine({ text, selected, style }: { text: string; selected: boolean; style?: TextStyle }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" {...style} {...(selected ? theme.selection : undefined)}>
      {text}
    </Text>
  );
});

/**
 * A windowed table (UX.md §2.5): renders the rows it is given (the window), pads to a
 * constant height so the layout never jumps, and ends with a position line.
 */
export function Table<R>(props: TableProps<R>) {
  const { columns, rows, selected, viewport, width, position, right, empty, marker, rowStyle, rowKey } = props;
  const theme = useTheme();
  const widths = columnWidths(columns as readonly Column<unknown>[], width);
  const line = (cells: string[]) => cells.join(' '.repeat(GAP));
  const header = ' '.repeat(PREFIX) + line(columns.map((c, i) => fitToWidth(c.title, widths[i], { align: c.align })));
  return (
    <Box flexDirection="column" width={width}>
      {/* The titles are the first line to give way when the body is cut short (20×4 with the : palette open): the
          rows and the position line do not shrink, so the selected row stays in sight. */}
      <Box flexShrink={1} overflowY="hidden">
        <Text wrap="truncate" {...theme.muted}>
          {header}
        </Text>
      </Box>
      <Box flexDirection="column" height={viewport} flexShrink={0}>
        {rows.length === 0 ? (
          <Text wrap="truncate" {...theme.muted}>
            {'   '}
            {empty}
          </Text>
        ) : (
          rows.map(({ row, position: p }) => {
            const isSelected = p === selected;
            const mark = marker ? sanitizePreview(marker(row), 1).slice(0, 1) || ' ' : ' ';
            const cells = columns.map((c, i) =>
              fitToWidth(sanitizePreview(c.value(row), widths[i]), widths[i], { align: c.align, position: c.truncate }),
            );
            const text = `${isSelected ? '›' : ' '}${mark} ${line(cells)}`;
            return <RowLine key={rowKey(row)} text={text} selected={isSelected} style={rowStyle?.(row)} />;
          })
        )}
      </Box>
      <Box width={width} flexShrink={0}>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate" {...theme.muted}>
            {position}
          </Text>
        </Box>
        {right ? <Box flexShrink={0}>{right}</Box> : null}
      </Box>
    </Box>
  );
}
