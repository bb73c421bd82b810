import React from 'react';
import { Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import type { FilterState } from '../state/filter.js';
import { matchLabel } from '../state/filter.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';

export interface FilterBarProps {
  filter: FilterState;
  matched: number;
  total: number;
  /** Room for the query text. */
  maxWidth?: number;
  onType(text: string): void;
  onBackspace(): void;
  /** Enter: keep the filter, give the keys back to the list. */
  onCommit(): void;
  /** Esc: clear the filter. */
  onEscape(): void;
}

/**
 * `/sett▌  12/340`. While editing it owns the keyboard (High priority): printable keys edit
 * the query; Enter keeps it, Esc clears it (Ctrl+C is taken earlier, at Critical priority). Renders nothing when no filter is active.
 */
export function FilterBar({ filter, matched, total, maxWidth = 30, onType, onBackspace, onCommit, onEscape }: FilterBarProps) {
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      if (key.escape) onEscape();
      else if (key.return) onCommit();
      else if (key.backspace || key.delete) onBackspace();
      else if (input && !key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow) {
        // A paste arrives whole; its line breaks and other control characters never enter the query.
        const clean = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        if (clean) onType(clean);
      }
      return true;
    },
    { priority: KeyPriority.High, isActive: filter.editing, text: true },
  );
  if (!filter.editing && filter.query === '') return null;
  const query = truncateToWidth(sanitizeLine(filter.query), maxWidth, 'start');
  return (
    <Text>
      <Text {...theme.key}>/</Text>
      {query}
      {filter.editing ? <Text inverse> </Text> : null}
      <Text {...theme.muted}>  {matchLabel(matched, total)}</Text>
    </Text>
  );
}
