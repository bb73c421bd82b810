import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { allKeyLabels, COMMAND_IDS, describeCommand, isCommand, keyLabel, scopeOf, type CommandId, type Keymap, type Scope } from '../keymap.js';
import { useTheme } from '../theme.js';
import { fitToWidth } from '../../util/truncate.js';

/** Headings of the `?` overlay, also the "where" column of the README key table (scripts/key-table.ts). */
export const SCOPE_TITLES: Record<Scope, string> = {
  app: 'Everywhere', list: 'Lists', records: 'Records', review: 'Review', conflict: 'Conflicts', dialog: 'Dialogs',
  edit: 'Editing a value', quit: 'Quit with staged changes',
  connections: 'Connections', history: 'History of commits', form: 'Connection form',
  datasets: 'Datasets', inspector: 'Request inspector', timeline: 'Sync timeline', compare: 'Merged dataset comparison',
  messages: 'Messages (errors of this run)',
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
  /** Only these commands of the scopes (a dialog lists the few keys it takes; see dialog-help.ts). */
  include?: (id: CommandId) => boolean;
  onClose(): void;
}

/** Lines of the help: a title per scope, then `keys  description` per command. */
export function helpLines(
  keymap: Keymap,
  scopes: readonly Scope[],
  include: (id: CommandId) => boolean = () => true,
): Array<{ title?: string; keys?: string; text?: string }> {
  const lines: Array<{ title?: string; keys?: string; text?: string }> = [];
  for (const scope of scopes) {
    const ids = COMMAND_IDS.filter((id) => scopeOf(id) === scope && include(id));
    if (ids.length === 0) continue;
    lines.push({ title: SCOPE_TITLES[scope] });
    for (const id of ids) {
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
export function HelpOverlay({ scopes, keymap, height, width, notes = [], include, onClose }: HelpOverlayProps) {
  const theme = useTheme();
  const [offset, setOffset] = useState(0);
  const lines = helpLines(keymap, scopes, include);
  const room = Math.max(1, height - 1 - notes.length);
  const columns = lines.length > room && width >= 80 ? 2 : 1;
  // More lines than fit (a small terminal): one line says so and ↑/↓ PgUp/PgDn scroll.
  const scrolls = lines.length > room * columns;
  const perColumn = scrolls ? Math.max(1, room - 1) : Math.ceil(lines.length / columns);
  const page = perColumn * columns;
  const maxOffset = scrolls ? Math.max(0, lines.length - page) : 0;
  const top = Math.min(offset, maxOffset);
  const scrollTo = (next: number) => setOffset(Math.max(0, Math.min(maxOffset, next)));
  useKeypress(
    (input, key) => {
      const is = (id: Parameters<typeof isCommand>[1]) => isCommand(keymap, id, input, key);
      if (key.escape || is('app.help') || is('app.quit')) onClose();
      else if (is('list.down')) scrollTo(top + 1);
      else if (is('list.up')) scrollTo(top - 1);
      else if (is('list.pageDown')) scrollTo(top + page);
      else if (is('list.pageUp')) scrollTo(top - page);
      else if (is('list.home')) scrollTo(0);
      else if (is('list.end')) scrollTo(maxOffset);
      return true;
    },
    { priority: KeyPriority.High },
  );
  const shown = lines.slice(top, top + page);
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
            {render(shown.slice(c * perColumn, (c + 1) * perColumn))}
          </Box>
        ))}
      </Box>
      {scrolls ? (
        <Text wrap="truncate" {...theme.muted}>
          {`lines ${top + 1}–${top + shown.length} of ${lines.length} · ${keyLabel(keymap, 'list.up')}/${keyLabel(keymap, 'list.down')} ${keyLabel(keymap, 'list.pageUp')}/${keyLabel(keymap, 'list.pageDown')} scroll`}
        </Text>
      ) : null}
      {notes.map((n) => (
        <Text key={n} wrap="truncate" {...theme.muted}>
          {n}
        </Text>
      ))}
    </Box>
  );
}
