import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import { conflictLayout, KIND_TEXT, resolutionText, type ConflictRow, type ConflictTexts } from '../state/conflict-view.js';
import type { Dialog } from '../state/dialogs.js';
import { applyKey, type TextField } from '../state/text-field.js';
import { useTheme } from '../theme.js';
import { useDateFormat } from '../contexts/app-state.js';
import { isFullyResolved, unresolvedKeys } from '../../sync/index.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { TextFieldView } from './TextFieldView.js';

type ConflictDialogState = Extract<Dialog, { kind: 'conflict' }>;

export interface ConflictHandlers {
  pick(kind: 'mine' | 'theirs'): void;
  pickAll(kind: 'mine' | 'theirs'): void;
  undoPick(): void;
  focus(delta: number): void;
  editMerged(): void;
  editChange(field: TextField): void;
  editSubmit(): void;
  editCancel(): void;
  sendResolved(): void;
  conflictBack(): void;
}

export interface ConflictDialogProps {
  dialog: ConflictDialogState;
  /** The dialog as it is NOW (keys can arrive faster than renders). */
  current(): ConflictDialogState | undefined;
  sending: boolean;
  keymap: Keymap;
  width: number;
  height: number;
  /**
   * Draw the key hints as the dialog's last line (default). The app shows them on its footer line instead, under the
   * status line, and passes false.
   */
  hints?: boolean;
  actions: ConflictHandlers;
}

/** `m mine  t theirs  …  Esc back` (or the merged value's keys while it is typed), read from the keymap. */
export function conflictKeyHints(keymap: Keymap, editing: boolean): string {
  const label = (c: CommandId) => keyLabel(keymap, c);
  return editing
    ? `${label('edit.submit')} use this value  ${label('edit.cancel')} cancel`
    : `${label('conflict.mine')} mine  ${label('conflict.theirs')} theirs  ${label('conflict.edit')} edit  ${label('conflict.next')}/${label('conflict.prev')} next/prev  ${label('conflict.allMine')}/${label('conflict.allTheirs')} all  ${label('conflict.undoPick')} undo  ${label('conflict.send')} send  ${label('conflict.back')} back`;
}

const COMMANDS: ReadonlyArray<[CommandId, (a: ConflictHandlers) => void]> = [
  ['conflict.mine', (a) => a.pick('mine')],
  ['conflict.theirs', (a) => a.pick('theirs')],
  ['conflict.allMine', (a) => a.pickAll('mine')],
  ['conflict.allTheirs', (a) => a.pickAll('theirs')],
  ['conflict.undoPick', (a) => a.undoPick()],
  ['conflict.next', (a) => a.focus(1)],
  ['conflict.prev', (a) => a.focus(-1)],
  ['conflict.edit', (a) => a.editMerged()],
  ['conflict.send', (a) => a.sendResolved()],
  ['conflict.back', (a) => a.conflictBack()],
];

/**
 * Keys someone else changed since they were staged (SERVICE.md §5.3), like a merge panel:
 * the list of keys with their picks, then base / mine / theirs of the focused key with who
 * wrote it when. m / t / e pick, n / p move, M / T pick for all, u undoes a pick; Enter
 * sends the batch again (one call) once every key has a pick; Esc goes back with
 * everything still staged. Keys the server already had as staged are listed, not asked.
 */
export function ConflictDialog({ dialog, current, sending, keymap, width, height, hints = true, actions }: ConflictDialogProps) {
  const theme = useTheme();
  const dateFormat = useDateFormat();
  useKeypress(
    (input, key) => {
      const now = current();
      if (!now || sending) return true;
      if (now.edit) {
        if (isCommand(keymap, 'edit.submit', input, key)) actions.editSubmit();
        else if (isCommand(keymap, 'edit.cancel', input, key)) actions.editCancel();
        else {
          const next = applyKey(now.edit, input, key);
          if (next) actions.editChange(next);
        }
        return true;
      }
      const hit = COMMANDS.find(([c]) => isCommand(keymap, c, input, key));
      hit?.[1](actions);
      return true;
    },
    // While a merged value is typed, a text field: a paste reaches it whole (bracketed-paste.ts).
    { priority: KeyPriority.High, text: dialog.edit !== undefined },
  );
  const { set } = dialog;
  const item = set.items[set.focus];
  const resolved = set.items.length - unresolvedKeys(set).length;
  const resolution = item ? set.resolutions.get(item.key) : undefined;
  const texts: ConflictTexts = {
    title: `Conflicts: ${resolved} of ${set.items.length} resolved — changed on the server since you staged them; nothing was sent`,
    keys: set.items
      .map((i, n) => `${n === set.focus ? '›' : ' '}${sanitizeLine(i.key)} [${set.resolutions.has(i.key) ? resolutionText(set.resolutions.get(i.key)) : ' '}]`)
      .join('  '),
    ...(dialog.autoResolved.length > 0 ? { auto: `auto-resolved (the server already had your change): ${dialog.autoResolved.map(sanitizeLine).join(', ')}` } : {}),
    ...(item ? { item: `${sanitizeLine(item.key)} (${set.focus + 1}/${set.items.length}) · ${KIND_TEXT[item.kind]} · ${resolutionText(resolution)}` } : {}),
    ...(sending
      ? { status: 'sending… (one UpdateRecords)' }
      : isFullyResolved(set)
        ? { status: `every key has a pick: ${keyLabel(keymap, 'conflict.send')} sends the batch again` }
        : {}),
    ...(hints ? { hints: conflictKeyHints(keymap, dialog.edit !== undefined) } : {}),
    ...(item && dialog.edit ? { editLabel: `merged value for ${sanitizeLine(item.key)} (sent at the server's SyncCount ${item.theirs?.syncCount ?? 0})` } : {}),
  };
  const layout = conflictLayout({ item, resolution, texts, width, height, dateFormat, editing: dialog.edit !== undefined });
  const style = (row: ConflictRow) => {
    switch (row.role) {
      case 'title': return theme.status.warning;
      case 'auto': case 'editLabel': case 'hints': return theme.muted;
      case 'item': return theme.title;
      case 'status': return theme.status.success;
      case 'side':
        if (row.kind === 'value') return undefined;
        return row.side === 'mine' || row.side === 'merged' ? theme.staged.modified : row.side === 'theirs' ? theme.status.info : theme.muted;
      default: return undefined;
    }
  };
  // One Text a line, never shrunk, and exactly the lines conflictLayout counted: squeezed into fewer lines than it
  // holds, Ink drew rows over each other and left out mine and theirs.
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {layout.rows.map((row, n) =>
        row.role === 'field' && dialog.edit ? (
          <Box key={n} flexShrink={0} height={layout.fieldHeight} overflow="hidden">
            <TextFieldView field={dialog.edit} width={width} height={layout.fieldHeight} focused />
          </Box>
        ) : (
          <Box key={n} flexShrink={0}>
            <Text wrap="truncate" {...style(row)}>{row.text}</Text>
          </Box>
        ),
      )}
    </Box>
  );
}
