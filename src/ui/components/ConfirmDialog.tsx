import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import type { ConfirmFocus } from '../state/dialogs.js';
import { useTheme } from '../theme.js';
import { sanitizeMultiline, sanitizeLine } from '../../util/sanitize.js';
import { displayWidth } from '../../util/truncate.js';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  focus: ConfirmFocus;
  keymap: Keymap;
  width: number;
  onToggleFocus(): void;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A confirmation that cannot be hit by accident (UX.md §1.2): Cancel has focus, so Enter
 * cancels; the confirm key (`y`) is not the key that opened the dialog; Esc / `n` cancel.
 * Modal: every other key is swallowed.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, message, confirmLabel, focus, keymap, width, onToggleFocus, onConfirm, onCancel } = props;
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      if (isCommand(keymap, 'dialog.confirm', input, key)) onConfirm();
      else if (isCommand(keymap, 'dialog.cancel', input, key)) onCancel();
      else if (isCommand(keymap, 'dialog.activate', input, key)) (focus === 'confirm' ? onConfirm : onCancel)();
      else if (isCommand(keymap, 'dialog.focusNext', input, key)) onToggleFocus();
      return true;
    },
    { priority: KeyPriority.High },
  );
  const button = (label: string, focused: boolean) => (
    <Text {...(focused ? theme.selection : theme.muted)}>{focused ? `[›${label}‹]` : `[ ${label} ]`}</Text>
  );
  return (
    // In a body too short for all of it (a tiny terminal), only the message gives up lines: the
    // question, the buttons and the keys stay whole (they were squeezed out and drawn over).
    // 72 columns, or as wide as the question needs where the terminal allows (a draft offer's ends with its time).
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={Math.min(width, Math.max(72, displayWidth(sanitizeLine(title)) + 4))} paddingX={1} flexShrink={1} overflowY="hidden">
      <Box flexShrink={0}>
        <Text {...theme.title} wrap="truncate">
          {sanitizeLine(title)}
        </Text>
      </Box>
      <Box flexShrink={1} overflowY="hidden">
        <Text wrap="wrap">{sanitizeMultiline(message)}</Text>
      </Box>
      <Box marginTop={1} flexShrink={0}>
        {button('Cancel', focus === 'cancel')}
        <Text>  </Text>
        {button(sanitizeLine(confirmLabel), focus === 'confirm')}
      </Box>
      <Box flexShrink={0}>
        <Text {...theme.muted} wrap="truncate">
          {keyLabel(keymap, 'dialog.confirm')} confirm · {keyLabel(keymap, 'dialog.cancel')} cancel · {keyLabel(keymap, 'dialog.focusNext')} switch
        </Text>
      </Box>
    </Box>
  );
}
