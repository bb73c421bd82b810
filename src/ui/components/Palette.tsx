import React from 'react';
import { Text } from 'ink';
import { useKeypress, KeyPriority } from '../hooks/use-keypress.js';
import { complete, suggestions, type PaletteCandidates } from '../state/palette.js';
import { useTheme } from '../theme.js';
import { sanitizeLine } from '../../util/sanitize.js';

export interface PaletteProps {
  input: string;
  error?: string;
  candidates: PaletteCandidates;
  onChange(input: string): void;
  onRun(line: string): void;
  onClose(): void;
}

const MAX_SHOWN = 5;

/**
 * The `:` line: `:pool de▌   demo-pool  demo-2`. Tab completes from what is loaded, Enter
 * runs, Esc closes (Backspace on an empty line does not). Modal: it takes every key while open.
 */
export function Palette({ input, error, candidates, onChange, onRun, onClose }: PaletteProps) {
  const theme = useTheme();
  useKeypress(
    (text, key) => {
      if (key.escape) onClose();
      else if (key.return) onRun(input);
      else if (key.tab) onChange(complete(input, candidates).input);
      else if (key.backspace || key.delete) {
        // On an empty line Backspace does nothing (Esc closes), as in the filter: a held Backspace closing the
        // palette went on as `back` on the screen below, climbing from the records up to the connections.
        if (input !== '') onChange(Array.from(input).slice(0, -1).join(''));
      } else if (text && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow) {
        // Paste arrives as one string; control characters never enter the line.
        const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        if (clean) onChange(input + clean);
      }
      return true;
    },
    { priority: KeyPriority.High, text: true },
  );
  const matches = suggestions(input, candidates);
  const shown = matches.slice(0, MAX_SHOWN).map(sanitizeLine).join('  ');
  const more = matches.length > MAX_SHOWN ? `  +${matches.length - MAX_SHOWN}` : '';
  return (
    <Text wrap="truncate">
      <Text {...theme.key}>:</Text>
      {sanitizeLine(input)}
      <Text inverse> </Text>
      {error ? <Text {...theme.status.error}>  {sanitizeLine(error)}</Text> : <Text {...theme.muted}>   {shown}{more}</Text>}
    </Text>
  );
}
