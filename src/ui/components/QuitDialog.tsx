import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface QuitDialogProps {
  staged: number;
  focus: 'keep' | 'discard' | 'cancel';
  keymap: Keymap;
  width: number;
  onFocus(focus: 'discard' | 'cancel'): void;
  onDiscard(): void;
  onCancel(): void;
}

/**
 * `q` / Ctrl+C with staged changes (UX.md §1.2 "Quit"): Cancel has focus, so Enter stays;
 * `D` discards and quits. Keeping the changes as a draft is not offered yet: drafts are
 * not saved by this version, and the dialog says so.
 */
export function QuitDialog({ staged, focus, keymap, width, onFocus, onDiscard, onCancel }: QuitDialogProps) {
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      if (isCommand(keymap, 'quit.discard', input, key)) onDiscard();
      else if (isCommand(keymap, 'dialog.cancel', input, key)) onCancel();
      else if (isCommand(keymap, 'dialog.activate', input, key)) (focus === 'discard' ? onDiscard : onCancel)();
      else if (isCommand(keymap, 'dialog.focusNext', input, key)) onFocus(focus === 'discard' ? 'cancel' : 'discard');
      return true;
    },
    { priority: KeyPriority.High },
  );
  const button = (label: string, focused: boolean) => (
    <Text {...(focused ? theme.selection : theme.muted)}>{focused ? `[›${label}‹]` : `[ ${label} ]`}</Text>
  );
  const n = `${staged} staged ${staged === 1 ? 'change' : 'changes'}`;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={Math.min(width, 72)} paddingX={1}>
      <Text {...theme.title} wrap="truncate">Quit with {n}?</Text>
      <Text wrap="wrap">Drafts are not saved yet: quitting now drops the {n}. Cancel keeps them; c reviews and sends them.</Text>
      <Box marginTop={1}>
        {button('Cancel', focus !== 'discard')}
        <Text>  </Text>
        {button('Discard and quit', focus === 'discard')}
      </Box>
      <Text {...theme.muted} wrap="truncate">
        {keyLabel(keymap, 'quit.discard')} discard and quit · {keyLabel(keymap, 'dialog.cancel')} cancel · {keyLabel(keymap, 'dialog.focusNext')} switch
      </Text>
    </Box>
  );
}
