import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import type { Key } from 'ink';
import { sanitizeLine } from '../../util/sanitize.js';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, type Keymap } from '../keymap.js';
import { checkTyped, type Dialog } from '../state/dialogs.js';
import { applyKey, textField } from '../state/text-field.js';
import { useTheme } from '../theme.js';
import { TextFieldView } from './TextFieldView.js';

type TypedConfirm = Extract<Dialog, { kind: 'typedConfirm' }>;

export interface TypedConfirmDialogProps {
  dialog: TypedConfirm;
  keymap: Keymap;
  width: number;
  /** The dialog with new input or an error. */
  onChange(dialog: TypedConfirm): void;
  /** The exact name was typed: the dialog is closed by the caller and the purpose runs. */
  onConfirmed(dialog: TypedConfirm): void;
  onCancel(): void;
}

/** What a key does to the typed-confirm dialog: new input, a check on Enter, or nothing. */
export function typedConfirmKey(
  dialog: TypedConfirm,
  input: string,
  key: Key,
  keymap: Keymap,
): { kind: 'cancel' } | { kind: 'confirmed' } | { kind: 'change'; dialog: TypedConfirm } | { kind: 'none' } {
  if (isCommand(keymap, 'edit.cancel', input, key)) return { kind: 'cancel' };
  if (isCommand(keymap, 'edit.submit', input, key)) {
    const checked = checkTyped(dialog);
    return checked.ok ? { kind: 'confirmed' } : { kind: 'change', dialog: checked.dialog as TypedConfirm };
  }
  // One line only: a pasted newline is not part of a dataset name. The line-editing keys of every input apply.
  const before = typedField(dialog);
  const field = applyKey(before, input, key, { oneLine: true });
  if (!field || (field.text === before.text && field.cursor === before.cursor)) return { kind: 'none' };
  const { cursor: _cursor, error, ...rest } = dialog;
  const next: TypedConfirm = { ...rest, input: field.text, ...(field.cursor === field.text.length ? {} : { cursor: field.cursor }) };
  // Moving the cursor keeps the error shown; changing the text clears it.
  return { kind: 'change', dialog: field.text === before.text && error !== undefined ? { ...next, error } : next };
}

/** The typed text as a field, the cursor at the end unless moved. */
const typedField = (dialog: TypedConfirm) => textField(dialog.input, dialog.cursor ?? dialog.input.length);

/**
 * Protected connections (UX.md §1.2 c): "Type settings to confirm, or press Escape to
 * cancel"; anything else says "Value must be exactly settings" and sends nothing.
 */
export function TypedConfirmDialog({ dialog, keymap, width, onChange, onConfirmed, onCancel }: TypedConfirmDialogProps) {
  const theme = useTheme();
  // The dialog as the keys left it: keys of one read (a held Backspace) can arrive before it comes back as props.
  const latest = useRef(dialog);
  latest.current = dialog;
  useKeypress(
    (input, key) => {
      const now = latest.current;
      const result = typedConfirmKey(now, input, key, keymap);
      if (result.kind === 'cancel') onCancel();
      else if (result.kind === 'confirmed') onConfirmed(now);
      else if (result.kind === 'change') {
        latest.current = result.dialog;
        onChange(result.dialog);
      }
      return true;
    },
    { priority: KeyPriority.High, text: true },
  );
  const boxWidth = Math.min(width, 72);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.status.error.color ?? theme.border} width={boxWidth} paddingX={1}>
      <Text {...theme.title} wrap="truncate">{sanitizeLine(dialog.title)}</Text>
      <Text wrap="wrap">Type {sanitizeLine(dialog.expected)} to confirm, or press Escape to cancel</Text>
      <Box>
        <Text>› </Text>
        <TextFieldView field={typedField(dialog)} width={boxWidth - 6} height={1} focused />
      </Box>
      {dialog.error ? <Text {...theme.status.error} wrap="truncate">{sanitizeLine(dialog.error)}</Text> : null}
    </Box>
  );
}
