import React from 'react';
import { Box, Text } from 'ink';
import type { FilterEdit } from '../state/dialog-filter.js';
import { EMPTY_FILTER, type FilterState } from '../state/filter.js';
import { FilterBar } from './FilterBar.js';
import { useTheme } from '../theme.js';

export interface DialogTitleBarProps {
  /** The dialog's title, already made safe to show (sanitized, cut to the width if it needs). */
  title: React.ReactNode;
  /** `/` in the dialog: the filter, how many rows it lets through of how many. */
  filter: FilterState | undefined;
  matched: number;
  total: number;
  /** The dialog's inner width: the filter bar takes at most a quarter of it. */
  inner: number;
  onFilter(edit: FilterEdit): void;
}

/**
 * The first line of the dialogs that filter their list (request inspector, history `H`, sync timeline `t`): the
 * title, cut first, and the filter bar (`/query  3/14`) on the right.
 */
export function DialogTitleBar({ title, filter, matched, total, inner, onFilter }: DialogTitleBarProps) {
  const theme = useTheme();
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text {...theme.title} wrap="truncate">
          {title}
        </Text>
      </Box>
      <FilterBar
        filter={filter ?? EMPTY_FILTER}
        matched={matched}
        total={total}
        maxWidth={Math.max(10, Math.floor(inner / 4))}
        onEdit={(input, key) => onFilter({ type: 'edit', input, key })}
        onCommit={() => onFilter({ type: 'commit' })}
        onEscape={() => onFilter({ type: 'escape' })}
      />
    </Box>
  );
}
