import React from 'react';
import { Text, type Key } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import type { FilterState } from '../state/filter.js';
import { matchLabel, queryField } from '../state/filter.js';
import { lineView } from '../state/text-field.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';

export interface FilterBarProps {
  filter: FilterState;
  matched: number;
  total: number;
  /** Room for the query text. */
  maxWidth?: number;
  /** Enter: keep the filter, give the keys back to the list. */
  onCommit(): void;
  /** Esc: clear the filter. */
  onEscape(): void;
  /** Any other key while editing: text, or a line-editing key (state/filter.ts `editKey`); the rest change nothing. */
  onEdit(input: string, key: Key): void;
}

/**
 * `/sett▌  12/340`. While editing it owns the keyboard (High priority): text and the
 * line-editing keys of every text input (←/→, Home/End, Ctrl+U/K/W, Alt+Backspace…) edit the
 * query; Enter keeps it, Esc clears it (Ctrl+C is taken earlier, at Critical priority).
 * Renders nothing when no filter is active.
 */
export function FilterBar({ filter, matched, total, maxWidth = 30, onCommit, onEscape, onEdit }: FilterBarProps) {
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      if (key.escape) onEscape();
      else if (key.return) onCommit();
      else onEdit(input, key);
      return true;
    },
    { priority: KeyPriority.High, isActive: filter.editing, text: true },
  );
  if (!filter.editing && filter.query === '') return null;
  const count = <Text {...theme.muted}>  {matchLabel(matched, total)}</Text>;
  if (!filter.editing) {
    return (
      <Text>
        <Text {...theme.key}>/</Text>
        {truncateToWidth(sanitizeLine(filter.query), maxWidth, 'start')}
        {count}
      </Text>
    );
  }
  // The query is one line: scrolled so the cursor shows, untrusted text escaped.
  const line = lineView(queryField(filter), maxWidth + 1);
  return (
    <Text>
      <Text {...theme.key}>/</Text>
      {line.before}
      <Text inverse>{line.cursor}</Text>
      {line.after}
      {count}
    </Text>
  );
}
