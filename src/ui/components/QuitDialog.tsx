import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type Keymap } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface QuitDialogProps {
  staged: number;
  /** Open inline edits with typed text not staged yet (kept in the draft like staged changes). */
  unfinished?: number;
  /** Where the staged changes are: ` in profile` (staged-where.ts stagedIn). */
  where?: string;
  focus: 'keep' | 'discard' | 'cancel';
  keymap: Keymap;
  width: number;
  onFocus(focus: 'keep' | 'discard' | 'cancel'): void;
  /** Keep the staged changes as drafts (written at once) and quit; absent when drafts are not kept in this run. */
  onKeep?(): void;
  onDiscard(): void;
  onCancel(): void;
}

const ORDER = ['cancel', 'keep', 'discard'] as const;

/** `3 staged changes in profile`, `an unfinished edit`, `1 staged change and an unfinished edit`. */
export function pendingWork(staged: number, unfinished: number, where = ''): string {
  const parts: string[] = [];
  if (staged > 0 || unfinished === 0) parts.push(`${staged} staged ${staged === 1 ? 'change' : 'changes'}${staged > 0 ? where : ''}`);
  if (unfinished > 0) parts.push(unfinished === 1 ? 'an unfinished edit' : `${unfinished} unfinished edits`);
  return parts.join(' and ');
}

/**
 * `q` / Ctrl+C with staged changes (UX.md §1.2 "Quit"): "keep as draft and quit (y) /
 * discard and quit (D) / Cancel", Cancel focused, so Enter stays. Without drafts (no
 * storage in this run) only discard and cancel are offered, and the dialog says so.
 */
export function QuitDialog({ staged, unfinished = 0, where = '', focus, keymap, width, onFocus, onKeep, onDiscard, onCancel }: QuitDialogProps) {
  const theme = useTheme();
  const choices = ORDER.filter((c) => c !== 'keep' || onKeep !== undefined);
  useKeypress(
    (input, key) => {
      if (onKeep && isCommand(keymap, 'dialog.confirm', input, key)) onKeep();
      else if (isCommand(keymap, 'quit.discard', input, key)) onDiscard();
      else if (isCommand(keymap, 'dialog.cancel', input, key)) onCancel();
      else if (isCommand(keymap, 'dialog.activate', input, key)) (focus === 'discard' ? onDiscard : focus === 'keep' && onKeep ? onKeep : onCancel)();
      else if (isCommand(keymap, 'dialog.focusNext', input, key)) {
        const back = key.shift || key.leftArrow;
        const at = Math.max(0, choices.indexOf(focus));
        onFocus(choices[(at + (back ? choices.length - 1 : 1)) % choices.length]);
      }
      return true;
    },
    { priority: KeyPriority.High },
  );
  const button = (label: string, focused: boolean) => (
    <Text {...(focused ? theme.selection : theme.muted)}>{focused ? `[›${label}‹]` : `[ ${label} ]`}</Text>
  );
  const n = pendingWork(staged, unfinished);
  return (
    // In a body too short for all of it (a tiny terminal), only the message gives up lines: the question, the
    // buttons (wrapped onto more lines when narrow) and the keys stay whole instead of being drawn over the border.
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={Math.min(width, 80)} paddingX={1} flexShrink={1} overflowY="hidden">
      <Box flexShrink={0}>
        <Text {...theme.title} wrap="truncate">Quit with {pendingWork(staged, unfinished, where)}?</Text>
      </Box>
      <Box flexShrink={1} overflowY="hidden">
        {onKeep ? (
          <Text wrap="wrap">{n.charAt(0).toUpperCase() + n.slice(1)}: keep as draft and quit ({keyLabel(keymap, 'dialog.confirm')}) / discard and quit ({keyLabel(keymap, 'quit.discard')}) / Cancel. A draft is offered back when you open the dataset again.</Text>
        ) : (
          <Text wrap="wrap">Drafts are not kept in this run: quitting now drops {n}. Cancel keeps them; c reviews and sends them.</Text>
        )}
      </Box>
      <Box height={1} flexShrink={1} />
      <Box flexShrink={0} flexWrap="wrap" columnGap={2}>
        {button('Cancel', focus === 'cancel' || (focus === 'keep' && !onKeep))}
        {onKeep ? button('Keep as draft and quit', focus === 'keep') : null}
        {button('Discard and quit', focus === 'discard')}
      </Box>
      <Box flexShrink={0}>
        <Text {...theme.muted} wrap="truncate">
          {onKeep ? `${keyLabel(keymap, 'dialog.confirm')} keep · ` : ''}{keyLabel(keymap, 'quit.discard')} discard and quit · {keyLabel(keymap, 'dialog.cancel')} cancel · {keyLabel(keymap, 'dialog.focusNext')} switch
        </Text>
      </Box>
    </Box>
  );
}
