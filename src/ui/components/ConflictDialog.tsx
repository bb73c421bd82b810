import React from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import { conflictSides, KIND_TEXT, resolutionText, sideRows } from '../state/conflict-view.js';
import type { Dialog } from '../state/dialogs.js';
import { applyKey, type TextField } from '../state/text-field.js';
import { useTheme } from '../theme.js';
import { useDateFormat } from '../contexts/app-state.js';
import { isFullyResolved, unresolvedKeys } from '../../sync/index.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';
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
  actions: ConflictHandlers;
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
export function ConflictDialog({ dialog, current, sending, keymap, width, height, actions }: ConflictDialogProps) {
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
  const cut = (text: string) => truncateToWidth(text, width);
  const resolved = set.items.length - unresolvedKeys(set).length;
  const keysLine = set.items
    .map((i, n) => `${n === set.focus ? '›' : ' '}${sanitizeLine(i.key)} [${set.resolutions.has(i.key) ? resolutionText(set.resolutions.get(i.key)) : ' '}]`)
    .join('  ');
  const label = (c: CommandId) => keyLabel(keymap, c);
  const help = dialog.edit
    ? `${label('edit.submit')} use this value  ${label('edit.cancel')} cancel`
    : `${label('conflict.mine')} mine  ${label('conflict.theirs')} theirs  ${label('conflict.edit')} edit  ${label('conflict.next')}/${label('conflict.prev')} next/prev  ${label('conflict.allMine')}/${label('conflict.allTheirs')} all  ${label('conflict.undoPick')} undo  ${label('conflict.send')} send  ${label('conflict.back')} back`;
  const auto = dialog.autoResolved.length > 0 ? `auto-resolved (the server already had your change): ${dialog.autoResolved.map(sanitizeLine).join(', ')}` : '';
  const fixed = 5 + (auto ? 1 : 0);
  const resolution = item ? set.resolutions.get(item.key) : undefined;
  const sideCount = resolution?.kind === 'custom' ? 4 : 3;
  const sideRoom = Math.max(1, Math.floor((height - fixed - sideCount) / sideCount));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate" {...theme.status.warning}>
        {cut(`Conflicts: ${resolved} of ${set.items.length} resolved — changed on the server since you staged them; nothing was sent`)}
      </Text>
      <Text wrap="truncate">{cut(keysLine)}</Text>
      {auto ? <Text wrap="truncate" {...theme.muted}>{cut(auto)}</Text> : null}
      {item ? (
        <Text wrap="truncate" {...theme.title}>
          {cut(`${sanitizeLine(item.key)} (${set.focus + 1}/${set.items.length}) · ${KIND_TEXT[item.kind]} · ${resolutionText(set.resolutions.get(item.key))}`)}
        </Text>
      ) : null}
      <Box flexDirection="column" height={Math.max(1, height - fixed)} overflow="hidden">
        {item && dialog.edit ? (
          <>
            <Text wrap="truncate" {...theme.muted}>{cut(`merged value for ${sanitizeLine(item.key)} (sent at the server's SyncCount ${item.theirs?.syncCount ?? 0})`)}</Text>
            <TextFieldView field={dialog.edit} width={width} height={Math.max(1, height - fixed - 1)} focused />
          </>
        ) : item ? (
          // One Text a line, never shrunk: boxes squeezed into too few lines drew over each other.
          sideRows(conflictSides(item, Math.max(1, width - 9), sideRoom, dateFormat, resolution), height - fixed).map((row, n) => (
            <Box key={n} flexShrink={0}>
              <Text wrap="truncate" {...(row.kind === 'value' ? undefined : row.label === 'mine' || row.label === 'merged' ? theme.staged.modified : row.label === 'theirs' ? theme.status.info : theme.muted)}>
                {cut(row.text)}
              </Text>
            </Box>
          ))
        ) : null}
      </Box>
      <Text wrap="truncate" {...(isFullyResolved(set) ? theme.status.success : theme.muted)}>
        {cut(sending ? 'sending… (one UpdateRecords)' : isFullyResolved(set) ? `every key has a pick: ${label('conflict.send')} sends the batch again` : ' ')}
      </Text>
      <Text wrap="truncate" {...theme.muted}>{cut(help)}</Text>
    </Box>
  );
}
