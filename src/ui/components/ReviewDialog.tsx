import React, { useRef } from 'react';
import { Box, Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { isCommand, keyLabel, type CommandId, type Keymap } from '../keymap.js';
import type { RecordsState } from '../state/records.js';
import { reviewItems, reviewLines, reviewReport, reviewTop, type ReviewLine } from '../state/review.js';
import { useTheme, type Theme, type TextStyle } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { truncateToWidth } from '../../util/truncate.js';

export interface ReviewDialogProps {
  records: RecordsState;
  /** The dataset name, for the title. */
  dataset: string;
  selected: number;
  sending: boolean;
  keymap: Keymap;
  width: number;
  height: number;
  onMove(delta: number): void;
  onDrop(): void;
  onSend(): void;
  onCancel(): void;
}

const MOVES: ReadonlyArray<[CommandId, number]> = [
  ['list.up', -1], ['list.down', 1], ['list.pageUp', -10], ['list.pageDown', 10], ['list.home', -1e9], ['list.end', 1e9],
];

function lineStyle(theme: Theme, line: ReviewLine): TextStyle | undefined {
  if (line.kind === 'add') return theme.diff.added;
  if (line.kind === 'del') return theme.diff.removed;
  if (line.kind === 'same' || line.kind === 'more') return theme.muted;
  return undefined;
}

/**
 * The review (`c`): every patch of the batch with op, key, old → new (a line diff for
 * multi-line and JSON values) and the SyncCount it carries; limit errors before anything is
 * sent. `y` sends ONE UpdateRecords (a key other than the one that opened it), `d` drops a
 * change, Esc / `n` cancel, which is also what Enter does: nothing is sent by accident.
 */
export function ReviewDialog(props: ReviewDialogProps) {
  const { records, dataset, selected, sending, keymap, width, height, onMove, onDrop, onSend, onCancel } = props;
  const theme = useTheme();
  useKeypress(
    (input, key) => {
      const is = (c: CommandId) => isCommand(keymap, c, input, key);
      const move = MOVES.find(([c]) => is(c));
      if (move) onMove(move[1]);
      else if (is('review.confirm')) onSend();
      else if (is('review.drop')) onDrop();
      else if (is('review.cancel') || is('dialog.activate')) onCancel();
      return true;
    },
    { priority: KeyPriority.High },
  );
  const items = reviewItems(records);
  const report = reviewReport(records);
  const drifted = items.filter((i) => i.drifted).length;
  const cut = (text: string) => truncateToWidth(text, width);

  const head: Array<{ text: string; style?: TextStyle }> = [
    { text: `Review: ${items.length} ${items.length === 1 ? 'change' : 'changes'} to ${sanitizeLine(dataset)}, sent as ONE UpdateRecords (dataset sync count ${records.dataset.base.syncCount})`, style: theme.title },
    ...report.errors.map((e) => ({ text: `✗ ${e.message}`, style: theme.status.error })),
    ...report.warnings.map((w) => ({ text: `⚠ ${w.message}`, style: theme.status.warning })),
  ];
  if (drifted > 0) head.push({ text: `! ${drifted} changed on the server since staged: sending will ask what to keep`, style: theme.status.warning });
  const shownHead = head.slice(0, Math.max(1, Math.floor(height / 3)));
  const room = Math.max(1, height - shownHead.length - 1);

  // Scroll by items; the top is view state, kept between renders, derived from the selection.
  const cache = new Map<number, ReviewLine[]>();
  const linesOf = (i: number) => {
    let lines = cache.get(i);
    if (!lines) cache.set(i, (lines = reviewLines(items[i], width - 2)));
    return lines;
  };
  const topRef = useRef(0);
  const sel = Math.max(0, Math.min(items.length - 1, selected));
  const top = items.length === 0 ? 0 : reviewTop(Math.min(topRef.current, sel), sel, room, (i) => linesOf(i).length);
  topRef.current = top;
  const body: Array<{ key: string; text: string; style?: TextStyle }> = [];
  for (let i = top; i < items.length && body.length < room; i++) {
    linesOf(i).forEach((line, n) => {
      const mark = n === 0 ? (i === sel ? '› ' : '  ') : '  ';
      const style = n === 0 && i === sel ? theme.selection : lineStyle(theme, line);
      body.push({ key: `${i}:${n}`, text: cut(mark + line.text), style });
    });
  }
  const footer = sending
    ? 'sending… (one UpdateRecords)'
    : `${keyLabel(keymap, 'review.confirm')} send  ${keyLabel(keymap, 'review.drop')} drop  ${keyLabel(keymap, 'review.cancel')} cancel (nothing is sent)  ${keyLabel(keymap, 'list.up')}${keyLabel(keymap, 'list.down')} move`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shownHead.map((l, i) => (
        <Text key={`h${i}`} wrap="truncate" {...l.style}>{cut(l.text)}</Text>
      ))}
      <Box flexDirection="column" height={room} overflow="hidden">
        {body.slice(0, room).map((l) => (
          <Text key={l.key} wrap="truncate" {...l.style}>{l.text}</Text>
        ))}
      </Box>
      <Text wrap="truncate" {...(sending ? theme.status.info : theme.muted)}>{cut(footer)}</Text>
    </Box>
  );
}
