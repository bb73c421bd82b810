import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { allKeyLabels, COMMAND_IDS, describeCommand, isCommand, scopeOf, type Keymap, type Scope } from '../keymap.js';
import { useTheme } from '../theme.js';
import { fitToWidth } from '../../util/truncate.js';

/** Headings of the `?` overlay, also the "where" column of the README key table (scripts/key-table.ts). */
export const SCOPE_TITLES: Record<Scope, string> = {
  app: 'Everywhere', list: 'Lists', records: 'Records', review: 'Review', conflict: 'Conflicts', dialog: 'Dialogs',
  edit: 'Editing a value', quit: 'Quit with staged changes',
  connections: 'Connections', history: 'History of commits', form: 'Connection form',
  datasets: 'Datasets', inspector: 'Request inspector', timeline: 'Sync timeline', compare: 'Merged dataset comparison',
};

export interface HelpOverlayProps {
  /** The scopes live on the focused screen, in display order. */
  scopes: readonly Scope[];
  keymap: Keymap;
  /** Lines available. */
  height: number;
  width: number;
  /** Extra lines at the end (e.g. "A commit cannot be undone."). */
  notes?: readonly string[];
  onClose(): void;
}

/** Lines of the help: a title per scope, then `keys  description` per command. */
export function helpLines(keymap: Keymap, scopes: readonly Scope[]): Array<{ title?: string; keys?: string; text?: string }> {
  const lines: Array<{ title?: string; keys?: string; text?: string }> = [];
  for (const scope of scopes) {
    lines.push({ title: SCOPE_TITLES[scope] });
    for (const id of COMMAND_IDS) {
      if (scopeOf(id) !== scope) continue;
      const keys = allKeyLabels(keymap, id);
      lines.push({ keys: keys || '(unbound)', text: describeCommand(id) });
    }
  }
  return lines;
}

/**
 * `?`: every key of the focused screen, built from the keymap (so rebinding shows here).
 * Modal: it swallows every key; `?`, Esc or `q` close it. Two columns when tall.
 */
export function HelpOverlay({ scopes, keymap, height, width, notes = [], onClose }: HelpOverlayProps) {
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      if (key.escape || isCommand(keymap, 'app.help', input, key) || isCommand(keymap, 'app.quit', input, key)) onClose();
      return true;
    },
    { priority: KeyPriority.High },
  );
  const lines = helpLines(keymap, scopes);
  const room = Math.max(1, height - 1 - notes.length);
  const columns = lines.length > room && width >= 80 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const colWidth = Math.floor(width / columns) - 1;
  const render = (slice: typeof lines) =>
    slice.slice(0, room).map((l, i) =>
      l.title ? (
        <Text key={i} {...theme.title} wrap="truncate">
          {l.title}
        </Text>
      ) : (
        <Text key={i} wrap="truncate">
          <Text {...theme.key}>{fitToWidth(l.keys ?? '', 14)}</Text>
          {l.text}
        </Text>
      ),
    );
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate" {...theme.accent}>
        Keys — ? or Esc closes
      </Text>
      <Box>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={colWidth} marginRight={1}>
            {render(lines.slice(c * perColumn, (c + 1) * perColumn))}
          </Box>
        ))}
      </Box>
      {notes.map((n) => (
        <Text key={n} wrap="truncate" {...theme.muted}>
          {n}
        </Text>
      ))}
    </Box>
  );
}
