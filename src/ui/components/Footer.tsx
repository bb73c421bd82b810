import React from 'react';
import { Text } from 'ink';
import { keyLabel, shortLabel, type CommandId, type Keymap } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface FooterProps {
  /** The 4–6 commands that matter on this screen now; `? help` is always added. */
  commands: readonly CommandId[];
  keymap: Keymap;
  /** COGSYNC_E2E: show the `‹ready›` marker (only once keys are listened to). */
  ready?: boolean;
  /** Instead of commands: a dialog's own key hints (the conflict dialog's), already worded. */
  text?: string;
}

export const READY_MARKER = '‹ready›';

/** `↵ open  / filter  : jump  r refresh  ? help`, labels read from the keymap. */
export function Footer({ commands, keymap, ready, text }: FooterProps) {
  const theme = useTheme();
  // No commands (a dialog shows its own) means no `? help` either.
  const shown = commands.length === 0 ? [] : [...commands.filter((c) => c !== 'app.help'), 'app.help' as const].filter((c) => keyLabel(keymap, c) !== '');
  return (
    <Text wrap="truncate">
      {/* First, so a narrow terminal never truncates it away. */}
      {ready ? <Text {...theme.muted}>{READY_MARKER} </Text> : null}
      {text !== undefined ? <Text {...theme.muted}>{text}</Text> : null}
      {shown.map((c, i) => (
        <Text key={c}>
          {i > 0 ? '  ' : ''}
          <Text {...theme.key}>{keyLabel(keymap, c)}</Text> {shortLabel(c)}
        </Text>
      ))}
    </Text>
  );
}
