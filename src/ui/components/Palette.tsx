import React, { useRef } from 'react';
import { Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { completeAt, fitMatches, suggestionsAt, type PaletteCandidates } from '../state/palette.js';
import { applyKey, lineView, textField } from '../state/text-field.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth } from '../../util/truncate.js';

export interface PaletteProps {
  input: string;
  /** Where the cursor is in `input`; undefined: at the end. */
  cursor?: number;
  error?: string;
  candidates: PaletteCandidates;
  /** Columns of the status line it takes: a longer line is scrolled so the cursor shows. */
  width: number;
  /** A new line; `cursor` undefined when it is at the end. */
  onChange(input: string, cursor?: number): void;
  onRun(line: string): void;
  onClose(): void;
}

const SUGGESTION_GAP = '   ';

/**
 * The `:` line: `:pool de▌   demo-pool  demo-2`. Tab completes the word at the cursor (the command or its
 * argument, from the part before the cursor; palette.ts completeAt) from what is loaded, and the matches show; Enter
 * runs, Esc closes (Backspace on an empty line does not); every other key edits the line as
 * in any text input (text-field.ts: ←/→, Home/End, Ctrl+A/E/U/K/W, Alt+Backspace…).
 * Modal: it takes every key while open.
 */
export function Palette({ input, cursor, error, candidates, width, onChange, onRun, onClose }: PaletteProps) {
  const theme = useTheme();
  const field = textField(input, cursor ?? input.length);
  // The line as the keys left it: several keys of one read (a held Backspace, tmux send-keys) can arrive before
  // the new line comes back as props, and each must edit what the one before left (two of three were lost).
  const latest = useRef(field);
  latest.current = field;
  const change = (next: typeof field) => {
    latest.current = next;
    onChange(next.text, next.cursor === next.text.length ? undefined : next.cursor);
  };
  useKeypress(
    (text, key) => {
      const now = latest.current;
      if (key.escape) onClose();
      else if (key.return) onRun(now.text);
      else if (key.tab) {
        // The word at the cursor, as in a shell (`:po▌ demo` → `:pool▌ demo`); the rest of the line stays.
        const done = completeAt(now.text, now.cursor, candidates);
        if (done.line !== now.text || done.cursor !== now.cursor) change(textField(done.line, done.cursor));
      } else {
        // On an empty line Backspace changes nothing, so nothing happens (Esc closes), as in the filter: a held
        // Backspace closing the palette went on as `back` on the screen below, climbing up to the connections.
        // A paste arrives as one string; line breaks and other control characters never enter the line.
        const next = applyKey(now, text, key, { oneLine: true });
        if (next && (next.text !== now.text || next.cursor !== now.cursor)) change(next);
      }
      return true;
    },
    { priority: KeyPriority.High, text: true },
  );
  // The whole line when it fits the terminal, else scrolled so the cursor shows; widths in columns. Two columns are
  // left: the `:`, and the last one, where the cut of what follows (suggestions, error) writes its `…`.
  const line = lineView(field, Math.max(2, width - 2));
  // The matches fill what the line leaves (after `:`, the line and three spaces; the last column stays free).
  const room = width - 2 - displayWidth(line.before + line.cursor + line.after) - SUGGESTION_GAP.length;
  const fitted = fitMatches(suggestionsAt(field.text, field.cursor, candidates), room);
  const more = fitted.hidden > 0 ? `  +${fitted.hidden}` : '';
  return (
    <Text wrap="truncate">
      <Text {...theme.key}>:</Text>
      {line.before}
      <Text inverse>{line.cursor}</Text>
      {line.after}
      {error ? <Text {...theme.status.error}>  {sanitizeLine(error)}</Text> : <Text {...theme.muted}>{SUGGESTION_GAP}{fitted.shown}{more}</Text>}
    </Text>
  );
}
